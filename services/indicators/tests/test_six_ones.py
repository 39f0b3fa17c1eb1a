"""#14 "six ones" for a quarter = its last month, over current low-income households: an active
pairing on the reference day and a visit in the month (Asia/Shanghai); the parts the
assistance feed does not carry yet are pending, with a note."""

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
from indicators.tests.visits import sync_visits, visit

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
        pending = found[(COUNTY, measure)]
        assert pending["value"] is None
        assert "pending" in pending["note"]
    # The year is its Q4, so December: only a December visit counts.
    await sync_visits(app, [visit(L3, C1, "2025-12-31T23:59:00+08:00", village=VILLAGE_B1)])
    q4 = await values(client, tokens, "I14_six_ones", COUNTY, "2025")
    assert q4[(TOWN_B, "visited")]["value"] == "100.00"
    assert q4[(TOWN_A, "visited")]["value"] == "0.00"
