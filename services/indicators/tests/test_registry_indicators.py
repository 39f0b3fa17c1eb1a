"""Indicators over households, entities, links and villages (#6–#10, #15, #16), expected
figures worked out here from the definitions."""

import uuid
from datetime import date

from indicators.tests.events import (
    COUNTY,
    TOWN_A,
    TOWN_B,
    VILLAGE_A1,
    VILLAGE_A2,
    VILLAGE_B1,
    area,
    cadre,
    cadre_entity_link,
    county,
    entity,
    entity_household_link,
    household,
    income,
    member,
    sync,
)
from indicators.tests.helpers import values


async def test_households_driven_at_the_period_end_and_those_that_rose(app, client, tokens):
    farm = uuid.uuid4()
    h = [uuid.uuid4() for _ in range(4)]
    await sync(
        app,
        [
            *county(),
            entity(farm),
            *(household(hid, village=VILLAGE_A1) for hid in h[:3]),
            household(h[3], village=VILLAGE_B1),
            entity_household_link(farm, h[0], date(2025, 1, 1)),
            entity_household_link(farm, h[1], date(2025, 1, 1)),
            # Ended on the period's last day: no longer driven at its end.
            entity_household_link(farm, h[2], date(2025, 1, 1), date(2025, 12, 31)),
            entity_household_link(farm, h[3], date(2026, 1, 1)),  # not yet in 2025
            # h0 rose exactly 10,000.00; h1 9,999.99.
            income(h[0], "2025Q4", wage="50000.00"),
            income(h[0], "2024Q4", wage="40000.00"),
            income(h[1], "2025Q4", wage="49999.99"),
            income(h[1], "2024Q4", wage="40000.00"),
        ],
    )
    got = await values(client, tokens, "I06_households_driven", COUNTY, "2025")
    assert got[(COUNTY, "driven")]["value"] == "2"
    assert got[(COUNTY, "rose_10k")]["value"] == "1"
    assert got[(COUNTY, "rose_10k")]["denominator"] == "2"
    assert got[(TOWN_B, "driven")]["value"] == "0"
    later = await values(client, tokens, "I06_households_driven", COUNTY, "2026Q1")
    assert later[(TOWN_B, "driven")]["value"] == "1"
    assert later[(COUNTY, "rose_10k")]["value"] is None  # no 2026 Q4 records to compare


async def test_cadres_linked_count_in_the_entity_village(app, client, tokens):
    e_a, e_b = uuid.uuid4(), uuid.uuid4()
    c = [uuid.uuid4() for _ in range(3)]
    await sync(
        app,
        [
            *county(),
            entity(e_a, village=VILLAGE_A2),
            entity(e_b, village=VILLAGE_B1),
            *(cadre(cid) for cid in c),  # every cadre's home is 黄田镇: it does not matter
            cadre_entity_link(c[0], e_a, date(2025, 3, 1)),
            cadre_entity_link(c[1], e_a, date(2025, 3, 1)),
            cadre_entity_link(c[2], e_b, date(2025, 3, 1), ended_on=date(2025, 6, 1)),
        ],
    )
    got = await values(client, tokens, "I07_cadre_entity_links", COUNTY, "2025Q4")
    assert got[(TOWN_A, "cadres_linked")]["value"] == "2"
    assert got[(TOWN_A, "entities_linked")]["value"] == "1"
    assert got[(TOWN_B, "cadres_linked")]["value"] == "0"  # ended before the period's end
    before = await values(client, tokens, "I07_cadre_entity_links", COUNTY, "2024")
    assert before[(COUNTY, "cadres_linked")]["value"] == "0"  # none had started by then
    in_q1 = await values(client, tokens, "I07_cadre_entity_links", COUNTY, "2025Q1")
    assert in_q1[(COUNTY, "cadres_linked")]["value"] == "3"  # the third ended 1 June


async def test_entities_by_type_new_ones_and_the_village_quota(app, client, tokens):
    await sync(
        app,
        [
            *county(),
            entity(uuid.uuid4(), quality_grade="county", cultivated_year=2022),
            entity(uuid.uuid4(), quality_grade="none"),
            entity(uuid.uuid4(), type="cooperative", village=VILLAGE_A2, cultivated_year=2024),
            entity(uuid.uuid4(), type="cooperative", village=VILLAGE_A2, cultivated_year=2025),
            entity(uuid.uuid4(), type="cooperative", village=VILLAGE_A2, cultivated_year=2026),
            entity(uuid.uuid4(), type="cooperative", village=VILLAGE_A2, status="deregistered"),
            entity(
                uuid.uuid4(),
                type="leading_enterprise",
                enterprise_level="national",
                village=VILLAGE_B1,
                cultivated_year=2023,
            ),
            entity(
                uuid.uuid4(),
                type="leading_enterprise",
                enterprise_level="city",
                cultivated_year=2021,
            ),
            entity(uuid.uuid4(), type="farm_stay", village=VILLAGE_B1, cultivated_year=2025),
            entity(uuid.uuid4(), type="farm_stay", village=VILLAGE_B1),
        ],
    )
    got = await values(client, tokens, "I08_entities_by_type", COUNTY, "2025")
    assert got[(COUNTY, "family_farms")]["value"] == "2"
    assert got[(COUNTY, "quality_family_farms")]["value"] == "1"
    assert got[(COUNTY, "cooperatives")]["value"] == "3"  # the deregistered one is not counted
    assert got[(COUNTY, "leading_enterprises")]["value"] == "2"
    assert got[(COUNTY, "new_leading_enterprises")]["value"] == "1"  # 2021 is before the plan
    assert got[(COUNTY, "new_national_leading_enterprises")]["value"] == "1"
    assert got[(TOWN_B, "new_national_leading_enterprises")]["value"] == "1"

    stays = await values(client, tokens, "I10_farm_stays", COUNTY, "2025")
    assert (stays[(COUNTY, "new")]["value"], stays[(COUNTY, "total")]["value"]) == ("1", "2")
    assert (await values(client, tokens, "I10_farm_stays", COUNTY, "2024"))[(COUNTY, "new")][
        "value"
    ] == "0"

    # Quota: 黄田村 (small, 1 new: the 2022 farm) meets it; 五都村 (medium) has 2 new
    # cooperatives by 2025 (3 by 2026); 隆宫村 (large) has 2 new. The community is no village.
    quota = await values(client, tokens, "I09_village_cultivation_quota", COUNTY, "2025")
    assert quota[(COUNTY, "villages_meeting")]["value"] == "1"
    assert quota[(COUNTY, "share")]["value"] == "33.33"
    assert quota[(COUNTY, "share")]["covered"] == 3
    in_2026 = await values(client, tokens, "I09_village_cultivation_quota", TOWN_A, "2026")
    assert in_2026[(TOWN_A, "share")]["value"] == "100.00"
    assert in_2026[(VILLAGE_A2, "villages_meeting")]["value"] == "1"


async def test_village_collective_income_lines(app, client, tokens):
    await sync(
        app,
        [
            area(COUNTY, "庆元县"),
            area(VILLAGE_A1, "黄田村", size_class="small", collective={2025: "199999.99"}),
            area(VILLAGE_A2, "五都村", size_class="medium", collective={2025: "200000.00"}),
            area(VILLAGE_B1, "隆宫村", size_class="large", collective={2025: "500000.00"}),
            area("331126201202", "无数据村", size_class="small", collective={2024: "900000.00"}),
            area("331126101002", "社区", collective={2025: "900000.00"}),  # not a village
        ],
    )
    got = await values(client, tokens, "I15_village_collective_income", COUNTY, "2025")
    assert got[(COUNTY, "share_200k")]["value"] == "66.67"
    assert got[(COUNTY, "share_500k")]["value"] == "33.33"
    assert got[(COUNTY, "share_500k")]["denominator"] == "3"


async def test_zero_employment_households_by_age_residence_and_work(app, client, tokens):
    # Ages on 2025-12-31: born 2009-12-31 is 16 that day; born 1965-12-31 turned 60.
    cases = {
        "zero": [member(date(2009, 12, 31), employment="unemployed")],
        "too_young": [member(date(2010, 1, 1), employment="student")],
        "turned_60": [member(date(1965, 12, 31), employment="unemployed")],
        "just_59": [member(date(1966, 1, 1), employment="unemployed")],
        "weak": [member(date(1980, 1, 1), labour="weak", employment="unemployed")],
        "one_farms": [
            member(date(1980, 1, 1), employment="unemployed"),
            member(date(1950, 1, 1), labour="weak", employment="farming", relation="parent"),
        ],
        "worker_away": [
            member(date(1980, 1, 1), employment="unemployed"),
            member(date(1982, 1, 1), resident=False, employment="employed", relation="spouse"),
        ],
    }
    await sync(
        app,
        [
            *county(),
            *(household(uuid.uuid4(), members=members) for members in cases.values()),
        ],
    )
    got = await values(client, tokens, "I16_zero_employment", COUNTY, "2025")
    # zero, just_59 and worker_away (the employed member is not resident).
    assert got[(COUNTY, "count")]["value"] == "3"
    assert got[(COUNTY, "share")]["value"] == "42.86"  # 3 of 7
