"""Province-scale demo data written straight into PostgreSQL with COPY, for benchmarks.

The same generator as the demo county (``generate.py``), streamed in chunks of households so
memory stays flat however many are asked for. Above the county's own ~250 villages, one more
village is added for every 1,500 households, so villages keep a plausible size; cadres and
entities grow with the households too. Unlike ``load.py`` it writes **no outbox events** and no
logins: a COPY-loaded database is for measuring queries, not for feeding the other services.
The database must be migrated first (``python -m registry migrate``).
"""

import json
from collections import Counter
from collections.abc import Iterable
from typing import Any

import asyncpg

from registry.demo.generate import SEED, Generator, HouseholdRows, Row
from registry.demo.load import COUNTY_TABLES, HOUSEHOLD_TABLES, table_of

SCHEMA = "registry"
CHUNK = 5_000  # households per COPY transaction
VILLAGE_HOUSEHOLDS = 1_500  # households per added village at province scale
COUNTY_VILLAGES = 250


def records(model: Any, rows: Iterable[Row]) -> tuple[list[str], list[tuple[Any, ...]]]:
    """The table's column names and the rows as tuples in that order (JSON lists as text)."""
    columns = [column.name for column in table_of(model).columns]
    return columns, [
        tuple(json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v for v in values)
        for values in ([row[name] for name in columns] for row in rows)
    ]


async def copy_rows(conn: asyncpg.Connection, model: Any, rows: Iterable[Row]) -> int:
    columns, tuples = records(model, rows)
    if tuples:
        await conn.copy_records_to_table(
            table_of(model).name, records=tuples, columns=columns, schema_name=SCHEMA
        )
    return len(tuples)


def split(chunk: list[HouseholdRows]) -> dict[str, list[Row]]:
    return {
        "household": [h.household for h in chunk],
        "member": [m for h in chunk for m in h.members],
        "category_change": [h.category_change for h in chunk],
        "income_record": [r for h in chunk for r in h.income_records],
        "entity_household_link": [link for h in chunk for link in h.entity_links],
        "pairing": [h.pairing for h in chunk if h.pairing is not None],
    }


async def copy_households(database_url: str, households: int, seed: int = SEED) -> Counter[str]:
    """Write ``households`` households (and the areas, cadres and entities they need) into the
    registry schema of ``database_url``; answers the rows written per table."""
    dsn = database_url.replace("postgresql+asyncpg://", "postgresql://")
    extra = max(0, households // VILLAGE_HOUSEHOLDS - COUNTY_VILLAGES)
    generator = Generator(households=households, seed=seed, extra_villages=extra)
    counts: Counter[str] = Counter()
    conn = await asyncpg.connect(dsn)
    try:
        # Rows are consistent by construction: skip the per-row foreign key triggers.
        await conn.execute("SET session_replication_role = replica")
        county = generator.county()
        async with conn.transaction():
            for name, model in COUNTY_TABLES:
                counts[name] += await copy_rows(conn, model, county.tables[name])
        del county  # the households need only what the generator keeps
        chunk: list[HouseholdRows] = []
        for household in generator.stream():
            chunk.append(household)
            if len(chunk) == CHUNK:
                await _copy_chunk(conn, chunk, counts)
                chunk = []
        await _copy_chunk(conn, chunk, counts)
    finally:
        await conn.close()
    return counts


async def _copy_chunk(
    conn: asyncpg.Connection, chunk: list[HouseholdRows], counts: Counter[str]
) -> None:
    tables = split(chunk)
    async with conn.transaction():
        for name, model in HOUSEHOLD_TABLES:
            counts[name] += await copy_rows(conn, model, tables[name])
