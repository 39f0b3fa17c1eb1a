"""Income indicators (#1, #3, #4, #5, #17) on a small hand-made county. Every expected figure
is worked out here from the definitions, with exact fractions, then rounded half up."""

import uuid
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction as F

import pytest

from indicators.tests.events import (
    COMMUNITY_A,
    COUNTY,
    TOWN_A,
    TOWN_B,
    VILLAGE_A1,
    VILLAGE_A2,
    VILLAGE_B1,
    county,
    household,
    income,
    sync,
)
from indicators.tests.helpers import values

H1, H2, H3, H4, H5 = (uuid.uuid4() for _ in range(5))


def money(value: F) -> str:
    return str(
        (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
            Decimal("0.01"), ROUND_HALF_UP
        )
    )


def pct(value: F) -> str:
    return money(value * 100)


async def seed(app):
    await sync(
        app,
        [
            *county(),
            # H2 has since moved to 隆宫乡 and left the low-income roll; its 2026Q3 record keeps
            # 黄田村 and low-income, and that is where and how it counts.
            household(H1, village=VILLAGE_A1),
            household(H2, village=VILLAGE_B1, category="small_farmer"),
            household(H3, village=VILLAGE_A2, category="low_income"),
            household(H4, village=VILLAGE_B1),
            household(H5, village=VILLAGE_B1),
            income(H1, "2026Q3", wage="30000.00", operating="5000.00", property="1000.00",
                   transfer="999.99", residents=3),
            income(H1, "2025Q3", wage="30000.00", residents=3),
            income(H2, "2026Q3", wage="19499.98", residents=2, category="low_income"),
            income(H3, "2026Q3", transfer="19500.00", residents=2, village=VILLAGE_A2,
                   category="low_income"),
            income(H4, "2026Q3", operating="10000.00", residents=1, village=VILLAGE_B1),
            # A year earlier H4 counted two residents.
            income(H4, "2025Q3", operating="8000.00", residents=2, village=VILLAGE_B1),
            # Full-year records: just under and just at the 13,000 line (no annualising in Q4).
            income(H4, "2025Q4", wage="12999.99", residents=1, village=VILLAGE_B1),
            income(H5, "2025Q4", wage="26000.00", residents=2, village=VILLAGE_B1),
        ],
    )  # fmt: skip


async def test_rural_per_capita_income_and_growth(app, client, tokens):
    await seed(app)
    got = await values(client, tokens, "I01_rural_income", COUNTY, "2026Q3")

    county_now = F(3699999 + 1949998 + 1950000 + 1000000, 100) / (3 + 2 + 2 + 1)
    county_before = F(3000000 + 800000, 100) / (3 + 2)
    assert got[(COUNTY, "per_capita")]["value"] == money(county_now) == "10750.00"
    assert got[(COUNTY, "per_capita")]["numerator"] == "85999.97"
    assert got[(COUNTY, "per_capita")]["denominator"] == "8"
    assert got[(COUNTY, "per_capita")]["covered"] == 4
    assert got[(COUNTY, "growth")]["value"] == pct(county_now / county_before - 1)

    town_a_now = F(3699999 + 1949998 + 1950000, 100) / 7
    assert got[(TOWN_A, "per_capita")]["value"] == money(town_a_now)
    assert got[(TOWN_A, "growth")]["value"] == pct(town_a_now / 10000 - 1)
    # 隆宫乡: 10,000 for one resident against 8,000 for two a year earlier.
    assert got[(TOWN_B, "per_capita")]["value"] == "10000.00"
    assert got[(TOWN_B, "growth")]["value"] == pct(F(10000) / F(4000) - 1) == "150.00"
    assert {key[0] for key in got} == {COUNTY, TOWN_A, TOWN_B}


async def test_villages_and_an_empty_area_divide_by_nothing(app, client, tokens):
    await seed(app)
    got = await values(client, tokens, "I01_rural_income", COUNTY, "2026Q3", level="village")
    assert {key[0] for key in got} == {COUNTY, VILLAGE_A1, VILLAGE_A2, COMMUNITY_A, VILLAGE_B1}
    empty = got[(COMMUNITY_A, "per_capita")]
    assert (empty["value"], empty["covered"], empty["numerator"]) == (None, 0, "0")
    assert got[(VILLAGE_A2, "growth")]["value"] is None  # no record a year earlier
    # The moved household counts where its record says: 黄田村, not 隆宫村.
    assert got[(VILLAGE_A1, "per_capita")]["covered"] == 2
    assert got[(VILLAGE_B1, "per_capita")]["covered"] == 1


async def test_low_income_per_capita_uses_the_category_kept_on_the_record(app, client, tokens):
    await seed(app)
    got = await values(client, tokens, "I03_low_income_income", COUNTY, "2026Q3")
    # H2 and H3: 38,999.98 over four residents is 9,749.995, which rounds half up.
    assert got[(COUNTY, "per_capita")]["value"] == money(F(1949998 + 1950000, 100) / 4)
    assert got[(COUNTY, "per_capita")]["value"] == "9750.00"
    assert got[(COUNTY, "growth")]["value"] is None
    assert got[(TOWN_B, "per_capita")]["value"] is None  # H2's record stays in 黄田镇


async def test_below_13000_annualises_the_year_to_date(app, client, tokens):
    await seed(app)
    got = await values(client, tokens, "I04_below_13000", COUNTY, "2026Q3")
    # Q3: × 4 ÷ 3. H2: 9,749.99 a person → 12,999.99 a year, under; H3: 9,750.00 → 13,000.00,
    # not under; H1 12,333.33 and H4 10,000.00 a person are well over once annualised.
    assert got[(COUNTY, "count")]["value"] == "1"
    assert got[(COUNTY, "share")]["value"] == pct(F(1, 4)) == "25.00"
    assert got[(TOWN_A, "count")]["value"] == "1" and got[(TOWN_B, "count")]["value"] == "0"

    full_year = await values(client, tokens, "I04_below_13000", COUNTY, "2025")
    # Q4 is the year's figure: 12,999.99 is under, 13,000.00 a person is not.
    assert full_year[(COUNTY, "count")]["value"] == "1"
    assert full_year[(COUNTY, "share")]["value"] == "50.00"
    assert full_year[(COUNTY, "count")]["period"] == "2025Q4"


async def test_income_structure_shares_and_per_capita_growth(app, client, tokens):
    await seed(app)
    got = await values(client, tokens, "I17_income_structure", COUNTY, "2026Q3")
    total = F(8599997, 100)
    components = {
        "wage": F(3000000 + 1949998, 100),
        "operating": F(500000 + 1000000, 100),
        "property": F(100000, 100),
        "transfer": F(99999 + 1950000, 100),
    }
    before = {"wage": F(30000), "operating": F(8000), "property": F(0), "transfer": F(0)}
    for name, amount in components.items():
        assert got[(COUNTY, f"{name}_share")]["value"] == pct(amount / total)
        if before[name]:
            expected = pct((amount / 8) / (before[name] / 5) - 1)
            assert got[(COUNTY, f"{name}_growth")]["value"] == expected
        else:
            assert got[(COUNTY, f"{name}_growth")]["value"] is None


@pytest.mark.smoke
async def test_family_income_lines_among_small_farmers_q4(app, client, tokens):
    ids = [uuid.uuid4() for _ in range(5)]
    await sync(
        app,
        [
            *county(),
            income(ids[0], "2025Q4", wage="99999.99", residents=4),
            income(ids[1], "2025Q4", wage="100000.00", residents=4),
            income(ids[2], "2025Q4", wage="150000.00", operating="50000.00", residents=4),
            income(ids[3], "2025Q4", wage="300000.00", residents=4, category="low_income"),
            income(ids[4], "2025Q3", wage="300000.00", residents=4),  # not a Q4 record
        ],
    )
    got = await values(client, tokens, "I05_small_farmer_family_income", COUNTY, "2025Q2")
    assert got[(COUNTY, "share_100k")]["value"] == pct(F(2, 3)) == "66.67"
    assert got[(COUNTY, "share_200k")]["value"] == pct(F(1, 3)) == "33.33"
    assert got[(COUNTY, "share_100k")]["denominator"] == "3"
    empty = await values(client, tokens, "I05_small_farmer_family_income", COUNTY, "2026Q3")
    assert empty[(COUNTY, "share_100k")]["value"] is None  # 2026's Q4 records are not in
