import uuid
from datetime import date

import pytest
from sqlmodel import select

from indicators.models import (
    Area,
    CollectiveIncome,
    Entity,
    EntityFigures,
    Household,
    IncomeRecord,
    Member,
)
from indicators.tests.events import (
    VILLAGE_A1,
    VILLAGE_B1,
    area,
    entity,
    household,
    income,
    member,
    sync,
)

pytestmark = pytest.mark.smoke


async def rows(app, model):
    async with app.state.sessionmaker() as session:
        return list((await session.execute(select(model))).scalars())


async def test_events_fill_the_registry_copy_with_parts(app, client):
    household_id, entity_id = uuid.uuid4(), uuid.uuid4()
    await sync(
        app,
        [
            area(VILLAGE_A1, "黄田村", size_class="small", collective={2025: "210000.00"}),
            household(household_id, members=[member(date(1990, 5, 1)), member(date(2015, 1, 1))]),
            income(household_id, "2026Q3", wage="12345.67", operating="-100.50", residents=3),
            entity(entity_id, figures=[{"year": 2026, "online_sales": "88.80", "jobs_created": 2}]),
        ],
    )
    [village] = await rows(app, Area)
    assert (village.code, village.size_class, village.kind) == (
        VILLAGE_A1,
        "small",
        "administrative_village",
    )
    [collective] = await rows(app, CollectiveIncome)
    assert (collective.year, collective.operating_income_fen) == (2025, 21_000_000)
    assert len(await rows(app, Member)) == 2
    [record] = await rows(app, IncomeRecord)
    assert (record.wage_fen, record.operating_fen, record.resident_count) == (1_234_567, -10_050, 3)
    [figures] = await rows(app, EntityFigures)
    assert (figures.online_sales_fen, figures.jobs_created, figures.members) == (8880, 2, None)


async def test_a_newer_version_wins_whatever_the_order_and_repeats_change_nothing(app, client):
    household_id = uuid.uuid4()
    v1 = household(household_id, village=VILLAGE_A1, version=1)
    v2 = household(
        household_id, village=VILLAGE_B1, version=2, members=[member(date(1970, 1, 1))] * 1
    )
    await sync(app, [v2])
    await sync(app, [v1])  # late and older: ignored
    await sync(app, [v1, v2, v1])  # a page applied twice, duplicates inside it
    [stored] = await rows(app, Household)
    assert (stored.village_code, stored.version) == (VILLAGE_B1, 2)
    [kept] = await rows(app, Member)
    assert kept.birth_date == date(1970, 1, 1)  # v2's members, not v1's


async def test_deletions_are_tombstones_an_older_event_cannot_revive(app, client):
    household_id, record_id = uuid.uuid4(), uuid.uuid4()
    await sync(app, [household(household_id), income(household_id, "2026Q1", record_id=record_id)])
    await sync(
        app,
        [
            household(household_id, version=2, deleted=True),
            income(household_id, "2026Q1", record_id=record_id, version=2, deleted=True),
        ],
    )
    await sync(app, [household(household_id), income(household_id, "2026Q1", record_id=record_id)])
    [stored] = await rows(app, Household)
    [record] = await rows(app, IncomeRecord)
    assert stored.deleted and record.deleted
    assert await rows(app, Member) == []  # a tombstone keeps no members


async def test_other_aggregates_are_skipped_and_figures_are_replaced(app, client):
    entity_id = uuid.uuid4()
    department = {
        "id": str(uuid.uuid4()),
        "type": "department.upserted",
        "aggregate": "department",
        "aggregate_id": str(uuid.uuid4()),
        "version": 1,
        "occurred_at": "2026-10-01T00:00:00+00:00",
        "data": {"name": "县农业农村局"},
    }
    await sync(app, [department, entity(entity_id, figures=[{"year": 2025, "jobs_created": 5}])])
    await sync(app, [entity(entity_id, version=2, status="deregistered")])
    [stored] = await rows(app, Entity)
    assert stored.status == "deregistered" and await rows(app, EntityFigures) == []
