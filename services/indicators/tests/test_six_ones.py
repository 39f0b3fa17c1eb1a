"""#14 "six ones" for a quarter = its last month, over current low-income households: an active
pairing on the reference day, a plan for the year with a main measure, medical insurance
covering any day of the month, a happiness-list item in the year, a visit in the month
(Asia/Shanghai), and all of them together."""

import uuid
from datetime import date
from fractions import Fraction as F

from indicators.tests.events import (
    COUNTY,
    TOWN_A,
    TOWN_B,
    VILLAGE_A1,
    VILLAGE_B1,
    county,
    household,
    pairing,
    sync,
)
from indicators.tests.helpers import values
from indicators.tests.test_progress_rankings import pct
from indicators.tests.visits import happiness_item, plan, sync_visits, visit

L1, L2, L3, S1 = (uuid.uuid4() for _ in range(4))
C1 = uuid.uuid4()


async def test_six_ones_from_pairings_and_visits(app, client, tokens):
    await sync(
        app,
        [
            *county(),
            household(L1, village=VILLAGE_A1, category="low_income"),
            household(L2, village=VILLAGE_A1, category="low_income"),
            household(L3, village=VILLAGE_B1, category="low_income"),
            household(S1, village=VILLAGE_B1),  # a small farmer: not counted
            pairing(C1, L1, date(2025, 1, 1)),
            pairing(C1, L2, date(2025, 1, 1), date(2025, 9, 15)),  # ended before 30 September
            pairing(C1, S1, date(2025, 1, 1)),
        ],
    )
    await sync_visits(
        app,
        [
            visit(L1, C1, "2025-09-30T23:30:00+08:00"),  # still September in Qingyuan
            visit(L2, C1, "2025-08-20T10:00:00+08:00"),  # August: not this quarter's month
            # 1 October 00:30 local is 30 September in UTC: October, so not counted.
            visit(L3, C1, "2025-10-01T00:30:00+08:00", village=VILLAGE_B1),
            visit(S1, C1, "2025-09-10T10:00:00+08:00", village=VILLAGE_B1),
        ],
    )
    found = await values(client, tokens, "I14_six_ones", COUNTY, "2025Q3")
    assert found[(TOWN_A, "has_cadre")]["value"] == pct(F(1, 2))
    assert found[(TOWN_A, "visited")]["value"] == pct(F(1, 2))
    assert (found[(TOWN_B, "has_cadre")]["value"], found[(TOWN_B, "visited")]["value"]) == (
        "0.00",
        "0.00",
    )
    county_cadre = found[(COUNTY, "has_cadre")]
    assert (county_cadre["value"], county_cadre["numerator"], county_cadre["denominator"]) == (
        pct(F(1, 3)),
        "1",
        "3",
    )
    for measure in ("main_measure", "medical_insurance", "happiness_list", "all"):
        assert found[(COUNTY, measure)]["value"] == "0.00"  # no plans nor lists yet
    # The year is its Q4, so December: only a December visit counts.
    await sync_visits(app, [visit(L3, C1, "2025-12-31T23:59:00+08:00", village=VILLAGE_B1)])
    q4 = await values(client, tokens, "I14_six_ones", COUNTY, "2025")
    assert q4[(TOWN_B, "visited")]["value"] == "100.00"
    assert q4[(TOWN_A, "visited")]["value"] == "0.00"


async def test_six_ones_plans_insurance_and_happiness_lists(app, client, tokens):
    await sync(
        app,
        [
            *county(),
            household(L1, village=VILLAGE_A1, category="low_income"),
            household(L2, village=VILLAGE_A1, category="low_income"),
            household(L3, village=VILLAGE_B1, category="low_income"),
            household(S1, village=VILLAGE_B1),  # a small farmer with everything: not counted
            *(pairing(C1, h, date(2025, 1, 1)) for h in (L1, L2, L3, S1)),
        ],
    )
    sep = "2025-09-10T10:00:00+08:00"
    await sync_visits(
        app,
        [
            *(visit(h, C1, sep) for h in (L1, L2, L3, S1)),
            # L1: a plan with a measure, insured all 2025, an item delivered in March.
            plan(L1, 2025, insured=(date(2025, 1, 1), date(2025, 12, 31))),
            happiness_item(L1, date(2025, 3, 1)),
            # L2: a plan without a measure; insured up to 30 September inclusive; an item
            # only planned, for December: it is in the year, so it counts.
            plan(L2, 2025, main_measure=None, insured=(date(2024, 10, 1), date(2025, 9, 30))),
            happiness_item(L2, date(2025, 12, 20), status="planned"),
            # L3: last year's plan insured up to 31 August, this year's from 1 October: neither
            # covers a day of September; an item of 2024 is not this year's list.
            plan(L3, 2024, insured=(date(2024, 9, 1), date(2025, 8, 31)), village=VILLAGE_B1),
            plan(L3, 2025, insured=(date(2025, 10, 1), date(2026, 9, 30)), village=VILLAGE_B1),
            happiness_item(L3, date(2024, 12, 31), village=VILLAGE_B1),
            plan(S1, 2025, insured=(date(2025, 1, 1), date(2025, 12, 31)), village=VILLAGE_B1),
            happiness_item(S1, date(2025, 5, 1), village=VILLAGE_B1),
        ],
    )
    q3 = await values(client, tokens, "I14_six_ones", COUNTY, "2025Q3")
    # County, three low-income households: measure L1, L3; insurance L1, L2; list L1, L2;
    # visited and paired all three; all six L1 only.
    expected = {
        "has_cadre": F(3, 3),
        "main_measure": F(2, 3),
        "medical_insurance": F(2, 3),
        "happiness_list": F(2, 3),
        "visited": F(3, 3),
        "all": F(1, 3),
    }
    for measure, share in expected.items():
        item = q3[(COUNTY, measure)]
        assert item["value"] == pct(share), measure
        assert (item["numerator"], item["denominator"]) == (
            str(share.numerator * 3 // share.denominator),
            "3",
        )
    town_a = {m: q3[(TOWN_A, m)]["value"] for m in expected}
    assert town_a == {
        "has_cadre": "100.00",
        "main_measure": "50.00",
        "medical_insurance": "100.00",
        "happiness_list": "100.00",
        "visited": "100.00",
        "all": "50.00",
    }
    town_b = {m: q3[(TOWN_B, m)]["value"] for m in expected}
    assert town_b == {
        "has_cadre": "100.00",
        "main_measure": "100.00",
        "medical_insurance": "0.00",
        "happiness_list": "0.00",
        "visited": "100.00",
        "all": "0.00",
    }
    # The explanation lists who counts for "all".
    listed = await client.get(
        f"/v1/indicator-values/I14_six_ones/{COUNTY}/2025Q3/members",
        params={"measure": "all", "counted": "true"},
        headers=tokens.headers("county_admin"),
    )
    assert listed.status_code == 200, listed.text
    assert [m["id"] for m in listed.json()["items"]] == [str(L1)]

    # L2's plan gets a measure (version 2); the older version replayed changes nothing.
    await sync_visits(
        app, [plan(L2, 2025, version=2, insured=(date(2024, 10, 1), date(2025, 9, 30)))]
    )
    await sync_visits(
        app, [plan(L2, 2025, main_measure=None, insured=(date(2024, 10, 1), date(2025, 9, 30)))]
    )
    again = await values(client, tokens, "I14_six_ones", COUNTY, "2025Q3")
    assert (again[(COUNTY, "main_measure")]["value"], again[(COUNTY, "all")]["value"]) == (
        pct(F(3, 3)),
        pct(F(2, 3)),
    )
    # December (the year, 2025 = its Q4): L2's insurance ended in September, L3's 2025 plan
    # covers from October; nobody is visited in December.
    year = await values(client, tokens, "I14_six_ones", COUNTY, "2025")
    assert year[(TOWN_A, "medical_insurance")]["value"] == "50.00"
    assert year[(TOWN_B, "medical_insurance")]["value"] == "100.00"
    assert year[(COUNTY, "visited")]["value"] == "0.00"
    assert year[(COUNTY, "all")]["value"] == "0.00"


async def test_six_ones_for_a_month_and_the_households_behind_a_part(app, client, tokens):
    """A month picker: any month of the quarter, each part's households listed (who is not
    visited, say); the month must lie in the period's quarter, and only #14 is monthly."""
    await sync(
        app,
        [
            *county(),
            household(L1, village=VILLAGE_A1, category="low_income"),
            household(L2, village=VILLAGE_A1, category="low_income"),
            pairing(C1, L1, date(2025, 1, 1)),
            pairing(C1, L2, date(2025, 1, 1), date(2025, 9, 15)),
        ],
    )
    await sync_visits(app, [visit(L2, C1, "2025-08-20T10:00:00+08:00")])
    response = await client.get(
        "/v1/indicator-values",
        params={
            "indicator": "I14_six_ones",
            "area": COUNTY,
            "period": "2025Q3",
            "month": "2025-08",
        },
        headers=tokens.headers("leader"),
    )
    assert response.status_code == 200, response.text
    found = {(v["area_code"], v["measure"]): v for v in response.json()["items"]}
    assert found[(TOWN_A, "has_cadre")]["value"] == "100.00"  # L2 still paired on 31 August
    assert (found[(TOWN_A, "visited")]["numerator"], found[(TOWN_A, "visited")]["month"]) == (
        "1",
        "2025-08",
    )
    members = await client.get(
        f"/v1/indicator-values/I14_six_ones/{TOWN_A}/2025Q3/members",
        params={"measure": "visited", "counted": "false", "month": "2025-08"},
        headers=tokens.headers("township_officer"),
    )
    assert members.status_code == 200, members.text
    assert [m["id"] for m in members.json()["items"]] == [str(L1)]
    assert members.json()["items"][0]["figures"] == {"month": "2025-08"}

    for params in (
        {"indicator": "I14_six_ones", "period": "2025Q3", "month": "2025-10"},
        {"indicator": "I01_rural_income", "period": "2025Q3", "month": "2025-08"},
    ):
        bad = await client.get(
            "/v1/indicator-values",
            params={"area": COUNTY, **params},
            headers=tokens.headers("leader"),
        )
        assert bad.status_code == 422
        assert bad.json()["errors"][0]["field"] == "month"
