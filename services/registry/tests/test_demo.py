"""The demo county: deterministic, valid, shaped like the plan's figures, loaded once with the
events the API would have written, and each demo login seeing its part."""

import itertools
from collections import Counter
from typing import Any

import pytest
import sqlalchemy as sa

from kit.auth import Role
from registry import identity
from registry.credit_code import credit_code_error
from registry.demo import DEMO_PASSWORD, load_demo
from registry.demo.generate import Generator, HouseholdRows
from registry.models import Cadre, Entity, Household, IncomeRecord, Member, outbox
from registry.models.vocab import EntityType, Industry
from registry.tests.factories import bearer

pytestmark = pytest.mark.smoke

SMALL = 300  # households in the county the database tests load
SAMPLE = 3_000  # households in the sample whose figures must match the plan's


def generated(households: int, seed: int = 2022) -> tuple[dict[str, Any], list[HouseholdRows]]:
    generator = Generator(households=households, seed=seed)
    county = generator.county()
    return county.tables, list(generator.stream())


@pytest.fixture(scope="module")
def sample() -> tuple[dict[str, Any], list[HouseholdRows]]:
    return generated(SAMPLE)


def per_capita(households: list[HouseholdRows], year: int, quarter: int) -> float:
    """Σ income ÷ Σ resident members over the period's records (DOMAIN.md), in yuan."""
    total = residents = 0
    for household in households:
        for record in household.income_records:
            if (record["year"], record["quarter"]) == (year, quarter):
                total += sum(record[c] for c in ("wage_fen", "operating_fen"))
                total += sum(record[c] for c in ("property_fen", "transfer_fen"))
                residents += record["resident_count"]
    return total / residents / 100


def test_the_same_seed_gives_the_same_county_and_another_seed_another():
    numbers = [
        [m["id_number"] for h in generated(200, seed)[1] for m in h.members] for seed in (7, 7, 8)
    ]

    assert numbers[0] == numbers[1]
    assert numbers[0] != numbers[2]


def test_every_id_number_credit_code_and_phone_is_valid_and_unique(sample):
    tables, households = sample
    members = [m for h in households for m in h.members]
    for member in members:
        resident = identity.parse(member["id_number"])
        assert member["id_number"].startswith("331126")
        assert (resident.birth_date, resident.sex) == (member["birth_date"], member["sex"])
    codes = [e["credit_code"] for e in tables["entity"] if e["credit_code"]]
    assert codes and all(credit_code_error(code) is None for code in codes)
    phones = [h.household["phone"] for h in households if h.household["phone"]]
    phones += [c["phone"] for c in tables["cadre"]]
    assert len({m["id_number"] for m in members}) == len(members)
    assert len(set(codes)) == len(codes)
    assert len(set(phones)) == len(phones)


def test_a_quarter_are_low_income_and_every_one_of_them_is_paired(sample):
    _tables, households = sample
    low_income = [h for h in households if h.household["category"] == "low_income"]

    assert 0.22 <= len(low_income) / len(households) <= 0.28
    assert all(h.pairing is not None for h in low_income)
    assert all(h.pairing is None for h in households if h not in low_income)
    per_cadre = Counter(h.pairing["cadre_id"] for h in low_income if h.pairing)
    assert max(per_cadre.values()) <= 8  # a handful each


def test_income_matches_the_plans_levels_and_growth(sample):
    _tables, households = sample
    low_income = [h for h in households if h.household["category"] == "low_income"]

    # The plan: rural 34,700 yuan in 2025, growth ≥ 11 %; low income 25,000, growth ≥ 16 %.
    assert 33_000 <= per_capita(households, 2025, 4) <= 36_500
    assert 0.10 <= per_capita(households, 2026, 3) / per_capita(households, 2025, 3) - 1 <= 0.13
    assert 23_500 <= per_capita(low_income, 2025, 4) <= 26_500
    assert 0.14 <= per_capita(low_income, 2026, 3) / per_capita(low_income, 2025, 3) - 1 <= 0.18
    under_line = [
        h
        for h in households
        for r in h.income_records
        if (r["year"], r["quarter"]) == (2025, 4)
        and sum(r[c] for c in ("wage_fen", "operating_fen", "property_fen", "transfer_fen"))
        < 13_000_00 * r["resident_count"]
    ]
    assert 0 < len(under_line) < 0.03 * len(households)  # a few, for the alerts


def test_income_is_year_to_date_so_each_quarter_is_at_least_the_last(sample):
    _tables, households = sample
    for household in households[:500]:
        records = household.income_records
        assert [(r["year"], r["quarter"]) for r in records] == [
            (2025, 1), (2025, 2), (2025, 3), (2025, 4), (2026, 1), (2026, 2), (2026, 3)
        ]  # fmt: skip
        for earlier, later in itertools.pairwise(records):
            if earlier["year"] == later["year"]:
                assert all(later[c] >= earlier[c] for c in ("wage_fen", "transfer_fen"))


def test_entities_cover_every_type_and_industry_and_cadres_link_one_each(sample):
    tables, _households = sample
    entities = tables["entity"]

    assert {e["type"] for e in entities} == set(EntityType)
    assert {e["industry"] for e in entities} == set(Industry)
    links = tables["cadre_entity_link"]
    assert len({link["cadre_id"] for link in links}) == len(links)
    assert len({link["entity_id"] for link in links}) == len(links)


def test_the_full_county_has_the_plans_numbers():
    generator = Generator()  # full size, without the households
    tables = generator.county().tables
    types = Counter(e["type"] for e in tables["entity"])

    assert len(tables["area"]) - 20 >= 240  # villages, besides the county and 19 townships
    assert 950 <= len(tables["cadre"]) <= 1050
    assert len(tables["entity"]) >= 1_000
    assert types["cooperative"] >= 50 and types["social_service"] >= 20
    assert len(tables["cadre_entity_link"]) >= 950


async def login(client, username: str) -> dict[str, str]:
    response = await client.post(
        "/v1/auth/token",
        data={"grant_type": "password", "username": username, "password": DEMO_PASSWORD},
    )
    assert response.status_code == 200, response.text
    return bearer(response.json()["access_token"])


async def households_seen(client, headers: dict[str, str]) -> list[dict[str, Any]]:
    response = await client.get("/v1/households?limit=500", headers=headers)
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


async def test_demo_county_loads_once_and_each_demo_login_sees_its_part(app, client):
    assert await load_demo(app, households=SMALL) is True
    assert await load_demo(app, households=SMALL) is False  # a second run changes nothing

    everything = await households_seen(client, await login(client, "admin"))
    assert len(everything) == SMALL
    township = await households_seen(client, await login(client, "huangtian"))
    assert township and all(h["village_code"].startswith("331126101") for h in township)
    assert await households_seen(client, await login(client, "lingtou"))  # every township has one
    paired = await households_seen(client, await login(client, "cadre"))
    assert paired and len(paired) < len(township)
    assert all(h["category"] == "low_income" for h in paired)
    assert len(await households_seen(client, await login(client, "leader"))) == SMALL


async def test_the_load_records_one_event_per_aggregate_as_the_api_shows_it(app, client, tokens):
    assert await load_demo(app, households=120) is True

    async with app.state.sessionmaker() as session:
        events = [
            dict(row._mapping)
            for row in await session.execute(sa.select(outbox).order_by(outbox.c.seq))
        ]
        rows = {
            model.__tablename__: await session.scalar(sa.select(sa.func.count()).select_from(model))
            for model in (Household, IncomeRecord, Cadre, Entity)
        }
        assert await session.scalar(sa.select(sa.func.count()).select_from(Member)) > 120
    per_aggregate = Counter(event["aggregate"] for event in events)
    assert {name: per_aggregate[name] for name in rows} == rows
    assert all(event["version"] == 1 for event in events)
    assert events[0]["aggregate"] == "area"  # parents before what refers to them

    admin = tokens.headers(Role.COUNTY_ADMIN, area="")
    record = next(e for e in events if e["aggregate"] == "income_record")["data"]
    shown = await client.get(
        f"/v1/households/{record['household_id']}/income-records/{record['period']}",
        headers=admin,
    )
    assert shown.json() == record
    household = next(e for e in events if e["aggregate"] == "household")["data"]
    shown = await client.get(
        f"/v1/households/{household['id']}?unmask=true&reason=demo test", headers=admin
    )
    assert shown.json() == household
