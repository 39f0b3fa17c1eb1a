"""The periods screens open on (issue 15, bugs 1–3), the progress tables' judgement of annual
level targets, and rankings that number only what was measured (ties share a rank)."""

import uuid

from indicators.tests.events import COUNTY, TOWN_A, TOWN_B, VILLAGE_B1, county, income, sync

H1, H2 = uuid.uuid4(), uuid.uuid4()
TODAY = "2026-12-03T09:00:00+08:00"  # early in a month, in a quarter without records yet


async def _defaults(client, tokens, role="leader", **params):
    area = params.pop("scope", COUNTY)
    response = await client.get(
        "/v1/periods/default", params=params, headers=tokens.headers(role, area=area)
    )
    assert response.status_code == 200, response.text
    return response.json()


async def test_an_empty_county_opens_on_no_income_period_and_last_month(
    app, client, tokens, set_clock
):
    set_clock(TODAY)
    await sync(app, county())
    answer = await _defaults(client, tokens)
    assert answer == {
        "area_code": COUNTY,
        "income_period": None,
        "running_quarter": "2026Q4",
        "completed_month": "2026-11",
        "running_month": "2026-12",
        "today": "2026-12-03",
    }


async def test_the_latest_quarter_with_records_in_the_callers_area(app, client, tokens, set_clock):
    set_clock(TODAY)
    events = [*county()]
    for period in ("2025Q1", "2025Q2", "2025Q3", "2025Q4", "2026Q1", "2026Q2", "2026Q3"):
        events.append(income(H1, period, wage="5000.00"))
    # 隆宫乡 stopped at 2026Q1; a record already keyed to next year is not "latest".
    events.append(income(H2, "2026Q1", wage="4000.00", village=VILLAGE_B1))
    events.append(income(H2, "2027Q1", wage="4000.00", village=VILLAGE_B1))
    await sync(app, events)
    assert (await _defaults(client, tokens))["income_period"] == "2026Q3"
    officer_b = await _defaults(client, tokens, "township_officer", scope=TOWN_B)
    assert (officer_b["area_code"], officer_b["income_period"]) == (TOWN_B, "2026Q1")
    narrower = await _defaults(client, tokens, area=TOWN_B)
    assert (narrower["area_code"], narrower["income_period"]) == (TOWN_B, "2026Q1")
    # Outside one's scope an area does not exist.
    refused = await client.get(
        "/v1/periods/default",
        params={"area": TOWN_A},
        headers=tokens.headers("township_officer", area=TOWN_B),
    )
    assert refused.status_code == 404


async def test_a_year_to_date_level_is_progress_until_q4_growth_is_judged_every_quarter(
    app, client, tokens
):
    events = [*county()]
    for year, wage in ((2024, "3000.00"), (2025, "9000.00")):
        for quarter in (1, 4):
            events.append(income(H1, f"{year}Q{quarter}", wage=wage))
    await sync(app, events)
    response = await client.get(
        "/v1/progress",
        params={"table": "farmer_income", "area": COUNTY, "year": 2025},
        headers=tokens.headers("leader"),
    )
    assert response.status_code == 200, response.text
    county_row = response.json()["rows"][0]
    cells = {(c["measure"], c["period"]): c for c in county_row["cells"]}
    q1, q4 = cells[("per_capita", "2025Q1")], cells[("per_capita", "2025Q4")]
    # 9000 of the year's 34,700: a completion rate, no verdict before the year ends.
    assert (q1["actual"], q1["target"], q1["met"]) == ("9000.00", "34700", None)
    assert q1["completion_rate"] == "25.94"
    assert (q4["actual"], q4["met"]) == ("9000.00", False)
    # Growth (200 %) against 11 %: judged in Q1 as in Q4.
    assert cells[("growth", "2025Q1")]["met"] is True
    assert cells[("growth", "2025Q4")]["met"] is True


async def _rank(client, tokens, period, **params):
    response = await client.get(
        "/v1/rankings",
        params={"area": COUNTY, "period": period, **params},
        headers=tokens.headers("leader"),
    )
    assert response.status_code == 200, response.text
    return [(item["rank"], item["area_code"], item["score"]) for item in response.json()["items"]]


async def test_rankings_number_only_measured_areas_and_ties_share_a_rank(app, client, tokens):
    await sync(
        app,
        [
            *county(),
            income(H1, "2026Q3", wage="9000.00"),
            income(H2, "2026Q3", wage="9000.00", village=VILLAGE_B1),
        ],
    )
    same = await _rank(client, tokens, "2026Q3", indicator="I01_rural_income")
    assert [(rank, code) for rank, code, _ in same] == [(1, TOWN_A), (1, TOWN_B)]
    # A quarter without records: nobody is placed, nobody numbered.
    assert await _rank(client, tokens, "2026Q4", indicator="I01_rural_income") == [
        (None, TOWN_A, None),
        (None, TOWN_B, None),
    ]
