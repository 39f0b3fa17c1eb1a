"""Loading the demo county into the registry's own tables in one transaction: bulk inserts
(SQLAlchemy core, executemany) in the order the foreign keys need, and for every aggregate the
event the API would have recorded (kit.outbox: the events are written by its commit hook, which
on PostgreSQL takes the outbox lock, so the feed's ordering rule holds for the load too).
"""

from collections import Counter
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from kit.outbox import TABLE
from registry.demo import events
from registry.demo.generate import FULL_HOUSEHOLDS, SEED, Generator, Row
from registry.models import (
    Area,
    Cadre,
    CadreEntityLink,
    CategoryChange,
    CollectiveIncome,
    Department,
    Entity,
    EntityFigures,
    EntityHouseholdLink,
    Household,
    IncomeRecord,
    Member,
    Pairing,
    outbox,
)

# Table order: each after the tables it refers to.
COUNTY_TABLES: list[tuple[str, Any]] = [
    ("area", Area),
    ("collective_income", CollectiveIncome),
    ("department", Department),
    ("cadre", Cadre),
    ("entity", Entity),
    ("entity_figures", EntityFigures),
    ("cadre_entity_link", CadreEntityLink),
]
HOUSEHOLD_TABLES: list[tuple[str, Any]] = [
    ("household", Household),
    ("member", Member),
    ("category_change", CategoryChange),
    ("income_record", IncomeRecord),
    ("entity_household_link", EntityHouseholdLink),
    ("pairing", Pairing),
]
BATCH = 5_000  # rows per executemany


def table_of(model: Any) -> Table:
    table: Table = model.__table__
    return table


async def insert_rows(session: AsyncSession, model: Any, rows: list[Row]) -> None:
    for first in range(0, len(rows), BATCH):
        await session.execute(insert(table_of(model)), rows[first : first + BATCH])


async def load_county(
    target: AsyncSession | AsyncEngine, households: int = FULL_HOUSEHOLDS, seed: int = SEED
) -> Counter[str]:
    """Generate and insert the county with its events; answers the rows written per table.

    Given a session, the caller commits (its sessionmaker must carry the outbox table, as the
    app's does); given an engine, the load commits on its own.
    """
    if isinstance(target, AsyncEngine):
        async with AsyncSession(target, info={TABLE: outbox}) as session, session.begin():
            return await load_county(session, households, seed)
    session = target
    generator = Generator(households=households, seed=seed)
    county = generator.county()
    counts: Counter[str] = Counter()
    for name, model in COUNTY_TABLES:
        await insert_rows(session, model, county.tables[name])
        counts[name] = len(county.tables[name])
    events.county_events(session, county.tables)
    rows: dict[str, list[Row]] = {name: [] for name, _model in HOUSEHOLD_TABLES}
    for household in generator.stream():
        rows["household"].append(household.household)
        rows["member"] += household.members
        rows["category_change"].append(household.category_change)
        rows["income_record"] += household.income_records
        rows["entity_household_link"] += household.entity_links
        if household.pairing is not None:
            rows["pairing"].append(household.pairing)
        events.household_events(session, household)
    for name, model in HOUSEHOLD_TABLES:
        await insert_rows(session, model, rows[name])
        counts[name] = len(rows[name])
    return counts
