"""A month end on the real processes, their clock set (kit/clock.py, the ``clock`` marker).

The services start late on 30 November 2026, Asia/Shanghai; a cadre's two households are due
their monthly visit and one has had it. Then the clock moves half an hour past local midnight
(still 30 November in UTC) and the services restart, as after a night. What a user sees: before
midnight the unvisited household is merely pending; after it November has ended, so the
schedule shows it overdue for November, December starts with both households pending, and the
indicators raise a ``visit_overdue`` alert for November for the unvisited household only.

Runs on PostgreSQL in the full suite and on SQLite files (the demo's store) in the smoke run.
"""

import uuid

import httpx
import pytest

from tests.county import paired_household, village_and_cadre, wait_for_schedule
from tests.processes import ADMIN_PASSWORD, System, token, until

LAST_EVENING = "2026-11-30T23:30:00+08:00"
JUST_AFTER_MIDNIGHT = "2026-12-01T00:30:00+08:00"
VILLAGE = "331126101260"  # a village of this test's own

pytestmark = [pytest.mark.system, pytest.mark.smoke, pytest.mark.clock(LAST_EVENING)]

Headers = dict[str, str]


def schedule(gateway: httpx.Client, admin: Headers, **month: str) -> tuple[str, dict[str, str]]:
    """The village's schedule (this month's, or ``month=…``): its month, household → status."""
    page = gateway.get("/api/v1/schedule", params={"area": VILLAGE, **month}, headers=admin)
    assert page.status_code == 200, page.text
    return page.json()["month"], {i["household_id"]: i["status"] for i in page.json()["items"]}


def visited_this_month(gateway: httpx.Client, admin: Headers) -> tuple[str, str] | None:
    """#14's "visited this month" for the village (the current quarter's: this month's), as
    (numerator, denominator); None while the indicators have not yet read the village."""
    query = {"indicator": "I14_six_ones", "area": VILLAGE, "period": "2026Q4"}
    page = gateway.get("/api/v1/indicator-values", params=query, headers=admin)
    if page.status_code == 404:
        return None
    assert page.status_code == 200, page.text
    [row] = [
        r for r in page.json()["items"] if r["area_code"] == VILLAGE and r["measure"] == "visited"
    ]
    return row["numerator"], row["denominator"]


def november_overdue(gateway: httpx.Client, admin: Headers) -> set[str]:
    """The households of the village with a visit_overdue alert for November."""
    query = {"rule": "visit_overdue", "period": "2026-11", "area": VILLAGE}
    page = gateway.get("/api/v1/alerts", params=query, headers=admin)
    assert page.status_code == 200, page.text
    return {alert["household_id"] for alert in page.json()["items"]}


def test_november_ends_at_local_midnight_for_the_schedule_and_the_alerts(
    system: System, gateway: httpx.Client
) -> None:
    with system.explained():
        access = token(gateway, grant_type="password", username="admin", password=ADMIN_PASSWORD)
        admin = {"Authorization": f"Bearer {access}"}
        cadre = village_and_cadre(gateway, admin, (VILLAGE, "月末测试村", "small"), "陈月末")
        visited = paired_household(gateway, admin, cadre, 951, VILLAGE)
        missed = paired_household(gateway, admin, cadre, 953, VILLAGE)
        wait_for_schedule(gateway, admin, {visited, missed})
        visit = {
            "household_id": visited,
            "mode": "phone",
            "occurred_at": "2026-11-28T10:00:00+08:00",
            "actions_taken": "电话了解近况",
        }
        logged = gateway.put(f"/api/v1/visits/{uuid.uuid4()}", json=visit, headers=admin)
        assert logged.status_code == 201, logged.text

        # 23:30 on the month's last day: November is still running.
        assert schedule(gateway, admin) == ("2026-11", {visited: "visited", missed: "pending"})
        until(
            "the indicators counting the visit",
            lambda: visited_this_month(gateway, admin) == ("1", "2"),
        )
        assert november_overdue(gateway, admin) == set()

        system.set_clock(JUST_AFTER_MIDNIGHT)

        # 00:30 on 1 December: November has ended.
        november = schedule(gateway, admin, month="2026-11")
        assert november == ("2026-11", {visited: "visited", missed: "overdue"})
        assert schedule(gateway, admin) == ("2026-12", {visited: "pending", missed: "pending"})
        until("November's overdue alert", lambda: november_overdue(gateway, admin) == {missed})
