"""The four real processes on a fresh database (the ``system`` and ``gateway`` fixtures of
tests/conftest.py), driven over HTTP through the gateway only.

Runs on PostgreSQL (a throw-away ``fumin_system_<random>`` database) in the full suite, and on
SQLite files in the smoke run.
"""

import asyncio
import functools
import signal
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest

from kit.pagination import decode_cursor
from kit.problems import PROBLEM_JSON
from kit.testing import on_sqlite
from kit.tokens import generate_private_pem
from registry.demo import DEMO_PASSWORD
from registry.tests.factories import VILLAGE_A1
from tests.county import paired_household, village_and_cadre, wait_for_schedule
from tests.processes import (
    ADMIN_PASSWORD,
    System,
    free_port,
    fresh_database,
    run_cli,
    token,
    until,
)

pytestmark = [pytest.mark.system, pytest.mark.smoke]


def test_an_admin_logs_in_and_is_known_through_the_gateway(
    system: System, gateway: httpx.Client
) -> None:
    with system.explained():
        access = token(gateway, grant_type="password", username="admin", password=ADMIN_PASSWORD)
        me = gateway.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {access}"})

        assert me.status_code == 200, me.text
        assert me.json()["roles"] == ["county_admin"]
        assert me.headers["x-request-id"]
        assert me.headers["x-content-type-options"] == "nosniff"


def test_a_service_client_reads_the_registry_feed(system: System, gateway: httpx.Client) -> None:
    with system.explained():
        access = token(
            gateway,
            grant_type="client_credentials",
            client_id="assistance",
            client_secret="dev-assistance-secret",
        )
        feed = gateway.get(
            "/api/v1/feeds/registry",
            params={"limit": 10},
            headers={"Authorization": f"Bearer {access}"},
        )

        assert feed.status_code == 200, feed.text
        assert isinstance(feed.json()["items"], list)
        assert feed.json()["next_cursor"]


def test_the_merged_openapi_lists_every_service(system: System, gateway: httpx.Client) -> None:
    with system.explained():
        document = gateway.get("/api/openapi.json")

        assert document.status_code == 200
        paths = document.json()["paths"]
        for path in [
            "/api/v1/auth/token",
            "/api/v1/households",
            "/api/v1/feeds/registry",
            "/api/v1/feeds/assistance",
            "/api/v1/feeds/indicators",
            "/api/.well-known/jwks.json",
        ]:
            assert path in paths, path
        assert "left out" not in document.json()["info"]["description"]


def test_assistance_works_while_the_registry_is_down_and_catches_up_after(
    system: System, gateway: httpx.Client
) -> None:
    with system.explained():
        access = token(gateway, grant_type="password", username="admin", password=ADMIN_PASSWORD)
        admin = {"Authorization": f"Bearer {access}"}
        cadre = village_and_cadre(gateway, admin, (VILLAGE_A1, "黄田村", "large"), "张帮扶")
        user = {
            "username": "zhang",
            "display_name": "张帮扶",
            "roles": ["cadre"],
            "area_code": "331126101",
            "cadre_id": cadre,
            "password": "zhang-password-1",
        }
        assert gateway.post("/api/v1/users", json=user, headers=admin).status_code == 201
        first = paired_household(gateway, admin, cadre, 101)
        zhang = {
            "Authorization": "Bearer "
            + token(gateway, grant_type="password", username="zhang", password="zhang-password-1")
        }
        wait_for_schedule(gateway, zhang, {first})

        system.stop("registry")
        visit = {
            "household_id": first,
            "mode": "in_person",
            "occurred_at": datetime.now(UTC).isoformat(),
            "observations": {"income": "毛竹收入稳定"},
        }
        logged = gateway.put(f"/api/v1/visits/{uuid.uuid4()}", json=visit, headers=zhang)
        assert logged.status_code == 201, logged.text
        assert gateway.get("/api/v1/auth/me", headers=admin).status_code == 502

        system.start("registry")
        system.wait_ready("registry")
        second = paired_household(gateway, admin, cadre, 201)
        wait_for_schedule(gateway, zhang, {first, second})
        statuses = {
            item["household_id"]: item["status"]
            for item in gateway.get("/api/v1/schedule", headers=zhang).json()["items"]
        }
        assert statuses == {first: "visited", second: "pending"}


def test_a_stopped_service_answers_502_problem(system: System, gateway: httpx.Client) -> None:
    """Runs last in this module: it stops assistance for good."""
    with system.explained():
        access = token(gateway, grant_type="password", username="admin", password=ADMIN_PASSWORD)
        system.stop("assistance")
        visits = gateway.get("/api/v1/visits", headers={"Authorization": f"Bearer {access}"})
        me = gateway.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {access}"})

        assert visits.status_code == 502
        assert visits.headers["content-type"] == PROBLEM_JSON
        assert visits.json()["type"] == "/problems/upstream-unavailable"
        assert me.status_code == 200  # the rest of the system carries on


# --- indicators: live figures, and a consumer killed mid-feed --------------------------------
LIVE_VILLAGE = "331126101250"  # a village of these tests' own, so others' households don't count


def _value(
    client: httpx.Client,
    headers: dict[str, str],
    indicator: str,
    area: str,
    period: str,
    measure: str,
) -> str | None:
    """The area's own value of one measure; None while the indicators service has not yet
    read the area from the feed (a 404 then)."""
    response = client.get(
        "/api/v1/indicator-values",
        params={"indicator": indicator, "area": area, "period": period},
        headers=headers,
    )
    if response.status_code == 404:
        return None
    assert response.status_code == 200, response.text
    values = {(i["area_code"], i["measure"]): i["value"] for i in response.json()["items"]}
    return values[(area, measure)]


def test_a_visit_and_an_income_record_show_in_the_indicators_within_seconds(
    system: System, gateway: httpx.Client
) -> None:
    with system.explained():
        system.restart_if_stopped("assistance")  # the 502 test stopped it
        access = token(gateway, grant_type="password", username="admin", password=ADMIN_PASSWORD)
        admin = {"Authorization": f"Bearer {access}"}
        cadre = village_and_cadre(gateway, admin, (LIVE_VILLAGE, "指标测试村", "small"), "李指标")
        household_id = paired_household(gateway, admin, cadre, 901, LIVE_VILLAGE)

        # An income record: 2025 (its Q4), 30,000.00 yuan over 2 residents = 15,000.00 each.
        record = {
            "wage_income": "20000.00",
            "operating_income": "6000.00",
            "property_income": "1000.00",
            "transfer_income": "3000.00",
            "resident_count": 2,
        }
        put = gateway.put(
            f"/api/v1/households/{household_id}/income-records/2025Q4", json=record, headers=admin
        )
        assert put.status_code == 201, put.text
        income_seconds = until(
            "the income record in I01",
            lambda: (
                _value(gateway, admin, "I01_rural_income", LIVE_VILLAGE, "2025", "per_capita")
                == "15000.00"
            ),
        )

        # A visit now, logged by the admin (assistance may not have the household yet: retry).
        now = datetime.now(UTC)
        period = f"{now.year}Q{(now.month - 1) // 3 + 1}"
        visit = {
            "household_id": household_id,
            "mode": "phone",
            "occurred_at": now.isoformat(),
            "actions_taken": "电话了解近况",
        }
        visit_id = uuid.uuid4()
        until(
            "assistance knowing the household",
            lambda: (
                gateway.put(f"/api/v1/visits/{visit_id}", json=visit, headers=admin).status_code
                in (200, 201)
            ),
        )
        logged_at = time.monotonic()
        until(
            "the visit in I14",
            lambda: (
                _value(gateway, admin, "I14_six_ones", LIVE_VILLAGE, period, "visited") == "100.00"
            ),
        )
        visit_seconds = time.monotonic() - logged_at
        print(
            f"income record in I01 after {income_seconds:.1f} s, visit in I14 after "
            f"{visit_seconds:.1f} s"
        )
        assert income_seconds < 10 and visit_seconds < 10


# Indicators compared between the consumer killed mid-feed and one that ran uninterrupted.
COMPARED = [
    ("I01_rural_income", "2025"),
    ("I01_rural_income", "2026Q3"),
    ("I03_low_income_income", "2026Q2"),
    ("I04_below_13000", "2025Q3"),
    ("I05_small_farmer_family_income", "2025"),
    ("I06_households_driven", "2025"),
    ("I08_entities_by_type", "2026Q3"),
    ("I14_six_ones", "2026Q3"),
    ("I15_village_collective_income", "2025"),
    ("I16_zero_employment", "2026Q1"),
    ("I17_income_structure", "2026Q3"),
]
KILLED_HOUSEHOLDS = 1_200


async def _fetch(database_url: str, sql: str) -> Any:
    conn = await asyncpg.connect(database_url.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        return await conn.fetchval(sql)
    finally:
        await conn.close()


def _applied_seq(database_url: str) -> int:
    """How far the indicators' registry consumer has committed (its stored cursor's seq)."""
    cursor = asyncio.run(
        _fetch(database_url, "SELECT cursor FROM indicators.feed_cursor WHERE feed = 'registry'")
    )
    return int(decode_cursor(cursor, 1)[0]) if cursor else 0


def _caught_up(database_url: str, last: int) -> bool:
    return _applied_seq(database_url) == last


def _figures(url: str, headers: dict[str, str]) -> dict[tuple[str, str, str, str], Any]:
    with httpx.Client(base_url=url, timeout=60, trust_env=False) as client:
        figures: dict[tuple[str, str, str, str], Any] = {}
        for indicator, period in COMPARED:
            response = client.get(
                "/v1/indicator-values",
                params={"indicator": indicator, "area": "331126", "period": period},
                headers=headers,
            )
            assert response.status_code == 200, response.text
            for item in response.json()["items"]:
                key = (indicator, period, item["area_code"], item["measure"])
                figures[key] = (item["value"], item["numerator"], item["denominator"])
        alerts: list[tuple[str, str, str]] = []
        cursor = None
        while True:
            params = {"limit": "500"} | ({"cursor": cursor} if cursor else {})
            page = client.get("/v1/alerts", params=params, headers=headers).json()
            alerts += [(a["household_id"], a["rule"], a["period"]) for a in page["items"]]
            if not (cursor := page["next_cursor"]):
                break
        figures[("alerts", "", "", "")] = sorted(alerts)
        return figures


@pytest.mark.skipif(on_sqlite(), reason="SIGKILL mid-transaction is a PostgreSQL matter here")
def test_indicators_killed_mid_feed_end_with_the_figures_of_an_uninterrupted_run(
    tmp_path: Path,
) -> None:
    """A county of 1,200 households (about 12,000 registry events): the indicators process is
    SIGKILLed while it reads the feed, restarted, and its figures compared with those of a
    second indicators process, on a database of its own, that read the same feed unbroken."""
    (tmp_path / "signing.pem").write_text(generate_private_pem())
    with fresh_database() as database_url, fresh_database() as second_url:
        running = System(tmp_path, database_url)
        for name in ("registry", "indicators", "uninterrupted"):
            running.urls[name] = f"http://127.0.0.1:{free_port()}"
        # Both indicators read the registry's feed only, each on a database of its own.
        running.apps["uninterrupted"] = "indicators"
        for name, url in (("indicators", database_url), ("uninterrupted", second_url)):
            running.extra_env[name] = {
                "FUMIN_INDICATORS_DATABASE_URL": url,
                "FUMIN_INDICATORS_DATA_DIR": str(running.folder / f"{name}-data"),
                "FUMIN_INDICATORS_CONSUME_ASSISTANCE": "false",
            }
        try:
            with running.explained():
                running.start("registry")
                running.wait_ready("registry")
                seed = ("seed-demo", "--households", str(KILLED_HOUSEHOLDS))
                run_cli(running, "registry", *seed, timeout=300)
                last = asyncio.run(_fetch(database_url, "SELECT max(seq) FROM registry.outbox"))

                _start(running, "indicators")
                until("a first page applied", lambda: _applied_seq(database_url) > 0, 120)
                running.processes["indicators"].send_signal(signal.SIGKILL)
                running.processes["indicators"].wait(timeout=10)
                applied = _applied_seq(database_url)
                assert 0 < applied < last, f"killed mid-feed: {applied} of {last} applied"

                _start(running, "indicators")
                _start(running, "uninterrupted")
                for url in (database_url, second_url):
                    until("the feed applied", functools.partial(_caught_up, url, last), 180)
                login = {"grant_type": "password", "username": "admin", "password": DEMO_PASSWORD}
                issued = httpx.post(
                    running.urls["registry"] + "/v1/auth/token", data=login, trust_env=False
                )
                assert issued.status_code == 200, issued.text
                headers = {"Authorization": f"Bearer {issued.json()['access_token']}"}
                killed = _figures(running.urls["indicators"], headers)
                unbroken = _figures(running.urls["uninterrupted"], headers)
                assert killed == unbroken
                # The comparison is not empty: the county's income is there.
                assert killed[("I01_rural_income", "2025", "331126", "per_capita")][0]

                # Rebuilt from the feed from scratch (service stopped): the same figures again.
                running.stop("indicators")
                run_cli(running, "indicators", "rebuild", timeout=300)
                _start(running, "indicators")
                assert _figures(running.urls["indicators"], headers) == unbroken
        finally:
            running.stop_all()


def _start(running: System, name: str) -> None:
    running.start(name)
    running.wait_ready(name)
