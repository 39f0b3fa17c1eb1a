"""Alerts: each rule just under and just over its line, one alert per household, rule and
period, handling open → acknowledged → closed, and reopening when the cause returns."""

import uuid
from datetime import date

from indicators.alerts.evaluate import SWEEP_MONTHS_MAX, months_to_sweep, sweep_ended_months
from indicators.tests.events import (
    TOWN_A,
    TOWN_B,
    VILLAGE_A1,
    VILLAGE_B1,
    county,
    household,
    income,
    pairing,
    sync,
)
from indicators.tests.visits import sync_visits, visit

H1, H2, H3, H4 = (uuid.uuid4() for _ in range(4))
C1, C2 = uuid.uuid4(), uuid.uuid4()


async def _alerts(client, tokens, **params):
    response = await client.get("/v1/alerts", params=params, headers=tokens.headers("county_admin"))
    assert response.status_code == 200, response.text
    return {(a["household_id"], a["rule"], a["period"]): a for a in response.json()["items"]}


async def _base(app):
    await sync(
        app,
        [
            *county(),
            household(H1, village=VILLAGE_A1, category="low_income"),
            household(H2, village=VILLAGE_A1, category="low_income"),
            household(H3, village=VILLAGE_B1),
            household(H4, village=VILLAGE_B1),
            pairing(C1, H1, date(2025, 1, 1)),
            pairing(C1, H2, date(2025, 1, 1)),
            pairing(C2, H3, date(2025, 1, 1)),
        ],
    )


async def test_income_line_just_under_and_over(app, client, tokens):
    await _base(app)
    # 2025Q2 annualised: 6,499.99 × 4 ÷ 2 = 12,999.98 < 13,000; 6,500.00 gives exactly 13,000.
    under = income(H1, "2025Q2", transfer="6499.99", residents=1, category="low_income")
    await sync(app, [under, income(H2, "2025Q2", transfer="6500.00", residents=1)])
    found = await _alerts(client, tokens, rule="income_below_line")
    assert set(found) == {(str(H1), "income_below_line", "2025")}
    alert = found[(str(H1), "income_below_line", "2025")]
    assert (alert["status"], alert["cadre_id"], alert["township_code"]) == ("open", str(C1), TOWN_A)
    assert alert["detail"]["total_fen"] == 649999

    # The same event again, and a Q3 record still under the line: still one alert.
    await sync(app, [under])
    await sync(app, [income(H1, "2025Q3", transfer="9749.99", residents=1)])
    found = await _alerts(client, tokens, rule="income_below_line")
    assert len(found) == 1
    assert found[(str(H1), "income_below_line", "2025")]["detail"]["period"] == "2025Q3"


async def test_handling_and_reopening_when_the_cause_returns(app, client, tokens):
    await _base(app)
    await sync(app, [income(H1, "2025Q2", transfer="6000.00", residents=1)])
    (alert,) = (await _alerts(client, tokens)).values()
    url = f"/v1/alerts/{alert['id']}"
    officer = tokens.headers("township_officer", area=TOWN_A)
    assert (await client.post(f"{url}/acknowledge", json={}, headers=officer)).status_code == 428
    acked = await client.post(f"{url}/acknowledge", json={}, headers=officer | {"If-Match": '"1"'})
    assert (acked.status_code, acked.json()["status"]) == (200, "acknowledged")
    twice = await client.post(f"{url}/acknowledge", json={}, headers=officer | {"If-Match": '"2"'})
    assert (twice.status_code, twice.json()["type"]) == (409, "/problems/already-acknowledged")
    no_note = await client.post(
        f"{url}/close", json={"note": ""}, headers=officer | {"If-Match": '"2"'}
    )
    assert no_note.status_code == 422
    closed = await client.post(
        f"{url}/close",
        json={"note": "已落实低保 / subsidy arranged"},
        headers=officer | {"If-Match": '"2"'},
    )
    assert (closed.status_code, closed.json()["status"]) == (200, "closed")
    again = await client.post(
        f"{url}/close", json={"note": "again"}, headers=officer | {"If-Match": '"3"'}
    )
    assert again.status_code == 409
    assert again.json()["type"] == "/problems/closed"

    # Q3 comes in above the line: the cause is gone, the closed alert stays closed.
    await sync(app, [income(H1, "2025Q3", transfer="10000.00", residents=1)])
    state = (await client.get(url, headers=officer)).json()
    assert (state["status"], state["cause_present"]) == ("closed", False)
    # Q4 falls under it again in the same year: the same alert reopens.
    await sync(app, [income(H1, "2025Q4", transfer="12999.99", residents=1)])
    state = (await client.get(url, headers=officer)).json()
    assert (state["status"], state["cause_present"], state["reopened"]) == ("open", True, 1)
    assert [entry["action"] for entry in state["log"]] == [
        "raised", "acknowledged", "closed", "cause_gone", "reopened",
    ]  # fmt: skip
    # Scope: another township's officer does not see it; a leader may not list alerts.
    other = tokens.headers("township_officer", area=TOWN_B)
    assert (await client.get(url, headers=other)).status_code == 404
    assert (await client.get("/v1/alerts", headers=tokens.headers("leader"))).status_code == 403


async def test_sharp_drop_at_and_just_above_seventy_percent(app, client, tokens):
    await _base(app)
    await sync(
        app,
        [
            # H3: 20,000 → 14,000 per person, exactly 70 %: a drop of 30 %, alerted.
            income(H3, "2024Q4", wage="20000.00", residents=1, village=VILLAGE_B1),
            income(H3, "2025Q4", wage="28000.00", residents=2, village=VILLAGE_B1),
            # H4: 20,000 → 14,000.01: not quite 30 %.
            income(H4, "2024Q4", wage="20000.00", residents=1, village=VILLAGE_B1),
            income(H4, "2025Q4", wage="14000.01", residents=1, village=VILLAGE_B1),
        ],
    )
    found = await _alerts(client, tokens)
    assert set(found) == {(str(H3), "income_drop", "2025")}
    assert found[(str(H3), "income_drop", "2025")]["cadre_id"] == str(C2)


async def test_visit_risk_flag_and_overdue_visits(app, client, tokens):
    await _base(app)
    flagged = visit(H1, C1, "2025-09-10T10:00:00+08:00", risk_flags=["serious_illness"])
    await sync_visits(app, [flagged, visit(H2, C1, "2025-09-11T10:00:00+08:00")])
    await sync_visits(app, [flagged])
    found = await _alerts(client, tokens)
    assert set(found) == {(str(H1), "visit_risk", "2025-09")}
    assert found[(str(H1), "visit_risk", "2025-09")]["detail"]["visits"][0]["risk_flags"] == [
        "serious_illness"
    ]
    # The cadre it is assigned to sees it; another cadre does not.
    mine = await client.get("/v1/alerts", headers=tokens.headers("cadre", cadre_id=C1))
    assert len(mine.json()["items"]) == 1
    theirs = await client.get("/v1/alerts", headers=tokens.headers("cadre", cadre_id=C2))
    assert theirs.json()["items"] == []

    # September ends: H3 was due (paired on the 30th) and not visited; H1, H2 were visited;
    # H4 is not paired. Sweeping twice changes nothing.
    for _ in range(2):
        async with app.state.sessionmaker.begin() as session:
            await sweep_ended_months(session, today=date(2025, 10, 3))
    overdue = await _alerts(client, tokens, rule="visit_overdue")
    assert set(overdue) == {(str(H3), "visit_overdue", "2025-09")}
    # A visit entered late for September: the cause is gone, the alert stays to be closed.
    await sync_visits(app, [visit(H3, C2, "2025-09-29T10:00:00+08:00", village=VILLAGE_B1)])
    state = (await _alerts(client, tokens, rule="visit_overdue"))[
        (str(H3), "visit_overdue", "2025-09")
    ]
    assert (state["status"], state["cause_present"]) == ("open", False)


def test_months_to_sweep_cover_every_ended_month_since_the_last_sweep():
    today = date(2026, 3, 2)
    assert months_to_sweep(None, today) == ["2026-02"]  # a new install: the month that ended
    assert months_to_sweep("2026-02", today) == []
    assert months_to_sweep("2025-11", today) == ["2025-12", "2026-01", "2026-02"]
    # Down for years: the latest SWEEP_MONTHS_MAX months only.
    caught_up = months_to_sweep("2020-01", today)
    assert len(caught_up) == SWEEP_MONTHS_MAX
    assert (caught_up[0], caught_up[-1]) == ("2025-03", "2026-02")


async def test_sweep_after_downtime_judges_each_missed_month(app, client, tokens):
    await _base(app)
    # H1 is visited in October only, H2 in November only; H3 never. The sweep ran for
    # September, then the service was down until 3 December: October and November are both
    # judged, each on its own visits.
    await sync_visits(
        app,
        [
            visit(H1, C1, "2025-10-10T10:00:00+08:00"),
            visit(H2, C1, "2025-11-10T10:00:00+08:00"),
        ],
    )
    for today in (date(2025, 10, 3), date(2025, 12, 3), date(2025, 12, 20)):
        async with app.state.sessionmaker.begin() as session:
            await sweep_ended_months(session, today=today)
    overdue = set(await _alerts(client, tokens, rule="visit_overdue"))
    assert overdue == {
        (str(H1), "visit_overdue", "2025-09"),
        (str(H2), "visit_overdue", "2025-09"),
        (str(H3), "visit_overdue", "2025-09"),
        (str(H2), "visit_overdue", "2025-10"),
        (str(H3), "visit_overdue", "2025-10"),
        (str(H1), "visit_overdue", "2025-11"),
        (str(H3), "visit_overdue", "2025-11"),
    }
