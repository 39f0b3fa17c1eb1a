"""Indicators at province scale: the read model filled straight with COPY, then every
computed indicator for every area level and period, timed.

Loads ``--households`` households (``--members`` each), their income records for ``--quarters``
quarters, pairings, plans and happiness-list items for the low-income fifth, and
``--visits`` visits to those households (nine in ten visited each month, more than once when
the total allows), entities and their links, into a throwaway
PostgreSQL database through asyncpg ``copy_records_to_table`` fed by generators (streamed in
chunks, never held whole). Then it prints:

- the time to compute every computed indicator for the county and its townships, for every
  period loaded (``indicator_values`` at county level, the townships as rows);
- the p95 of single ``indicator_values`` calls (in-process service call, random indicator and
  period, township rows);
- the time of one plain aggregate scan over the same income rows (``SELECT count(*),
  sum(total), sum(residents)``), the floor the figures compare with.

    PYTHONPATH=services .venv/bin/python -m bench.indicators_scale --households 20000
"""

import argparse
import asyncio
import json
import random
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx

from bench.feed_throughput import percentile, scratch_database
from indicators.app import create_app
from indicators.periods import Period
from indicators.registry_copy.income_sums import refresh_income_sums
from indicators.settings import IndicatorsSettings
from indicators.values.by_indicator import CALCULATORS
from kit import migrations
from kit.auth import Role
from kit.testing import TokenFactory
from kit.tokens import generate_private_pem, jwks, signing_key_from_pem

COUNTY = "331126"
CHUNK = 50_000


def _areas(townships: int, villages: int) -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = [(COUNTY, "县", "county", None, None, None, 1, False)]
    for t in range(townships):
        town = f"{COUNTY}{100 + t:03d}"
        rows.append((town, f"镇{t}", "township", COUNTY, "town", None, 1, False))
        for v in range(villages):
            code = f"{town}{200 + v:03d}"
            rows.append(
                (code, f"村{t}-{v}", "village", town, "administrative_village", "medium", 1, False)
            )
    return rows


def _chunks(rows: Iterator[tuple[Any, ...]]) -> Iterator[list[tuple[Any, ...]]]:
    chunk: list[tuple[Any, ...]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _periods(quarters: int, last_year: int) -> list[Period]:
    first = last_year - (quarters - 1) // 4
    return [Period(first + i // 4, i % 4 + 1) for i in range(quarters)]


async def load(conn: asyncpg.Connection, args: argparse.Namespace) -> dict[str, int]:  # noqa: C901, PLR0915 (one row generator per table, read together)
    villages = [r[0] for r in _areas(args.townships, args.villages) if r[2] == "village"]
    await conn.copy_records_to_table(
        "area",
        records=_areas(args.townships, args.villages),
        columns=[
            "code",
            "name",
            "level",
            "parent_code",
            "kind",
            "size_class",
            "version",
            "deleted",
        ],
    )
    rng = random.Random(7)
    households = [(uuid.uuid4(), villages[i % len(villages)]) for i in range(args.households)]
    periods = _periods(args.quarters, 2025)
    counts = {"households": len(households)}

    def household_rows() -> Iterator[tuple[Any, ...]]:
        for i, (hid, village) in enumerate(households):
            category = "low_income" if i % 5 == 0 else "small_farmer"
            yield (hid, village, category, None, None, "户主", 1, False)

    def member_rows() -> Iterator[tuple[Any, ...]]:
        for i, (hid, _) in enumerate(households):
            for m in range(args.members):
                born = date(1950 + rng.randrange(60), 1 + m, 1)
                # One household in fifty has nobody working: #16 finds something.
                work = "unemployed" if i % 50 == 0 else ("employed" if m else "farming")
                yield (uuid.uuid4(), hid, born, True, "able", work)

    entities = [
        (uuid.uuid4(), villages[i % len(villages)]) for i in range(max(1, args.households // 20))
    ]
    entity_types = ["family_farm", "cooperative", "farm_stay", "rural_ecommerce", "social_service"]

    def entity_rows() -> Iterator[tuple[Any, ...]]:
        for i, (eid, village) in enumerate(entities):
            cultivated = 2020 + i % 6 if i % 3 else None
            kind = entity_types[i % len(entity_types)]
            quality = kind == "family_farm" and i % 4 == 0
            yield (
                eid,
                f"主体{i}",
                kind,
                village,
                "食用菌",
                cultivated,
                "active",
                "none",
                quality,
                i % 7 == 0,
                1,
                False,
            )

    def driven_rows() -> Iterator[tuple[Any, ...]]:
        # 88 % of households driven by an entity (as the registry's demo county).
        for i, (hid, _) in enumerate(households):
            if i % 25 < 22:
                eid = entities[i % len(entities)][0]
                yield (uuid.uuid4(), eid, hid, "employment", date(2021, 1, 1), None, 1, False)

    def income_rows() -> Iterator[tuple[Any, ...]]:
        for i, (hid, village) in enumerate(households):
            category = "low_income" if i % 5 == 0 else "small_farmer"
            base = rng.randrange(2_000_000, 9_000_000)
            for p in periods:
                wage = base * p.quarter // 4
                yield (
                    uuid.uuid4(),
                    hid,
                    p.year,
                    p.quarter,
                    wage,
                    wage // 5,
                    10_000,
                    50_000,
                    3,
                    village,
                    category,
                    1,
                    False,
                )

    def pairing_rows() -> Iterator[tuple[Any, ...]]:
        for i, (hid, _) in enumerate(households):
            if i % 5 == 0:
                yield (uuid.uuid4(), uuid.uuid4(), hid, date(2020, 1, 1), None, 1, False)

    months = [(p.year, m) for p in periods for m in range(p.quarter * 3 - 2, p.quarter * 3 + 1)]
    months = list(dict.fromkeys(months))

    low_income = [(hid, village) for i, (hid, village) in enumerate(households) if i % 5 == 0]

    def visit_rows() -> Iterator[tuple[Any, ...]]:
        """Visits go to the low-income households, as the programme's do: each month nine in
        ten of them get one, round after round (a second, a third visit in the month) until
        ``--visits`` are made."""
        made, round_ = 0, 0
        while low_income:
            for year, month in months:
                for i, (hid, village) in enumerate(low_income):
                    if (i + round_) % 10 == 0:
                        continue
                    if made >= args.visits:
                        return
                    made += 1
                    at = datetime(year, month, 10, 2, tzinfo=UTC) + timedelta(minutes=made % 1000)
                    yield (
                        uuid.uuid4(),
                        hid,
                        uuid.uuid4(),
                        village,
                        "in_person",
                        at,
                        f"{year:04d}-{month:02d}",
                        "[]",
                        1,
                        False,
                    )
            round_ += 1

    years = sorted({p.year for p in periods})

    def plan_rows() -> Iterator[tuple[Any, ...]]:
        """A plan a year for each low-income household: a main measure for 19 in 20, the
        year's medical insurance for 9 in 10."""
        for i, (hid, _) in enumerate(low_income):
            for year in years:
                measure = None if i % 20 == 0 else "industry"
                insured = i % 10 != 1
                cover = (date(year, 1, 1), date(year, 12, 31)) if insured else (None, None)
                yield (uuid.uuid4(), hid, year, measure, insured, *cover, 1, False)

    def happiness_rows() -> Iterator[tuple[Any, ...]]:
        """Two happiness-list items a year for 4 in 5 low-income households."""
        for i, (hid, _) in enumerate(low_income):
            if i % 5 == 2:
                continue
            for year in years:
                for month in (3, 9):
                    day = date(year, month, 15)
                    yield (uuid.uuid4(), hid, year, day, "delivered", 1, False)

    tables = [
        (
            "household",
            household_rows,
            [
                "id",
                "village_code",
                "category",
                "low_income_subtype",
                "monitoring_type",
                "head_name",
                "version",
                "deleted",
            ],
        ),
        (
            "member",
            member_rows,
            ["id", "household_id", "birth_date", "resident", "labour_ability", "employment"],
        ),
        (
            "income_record",
            income_rows,
            [
                "id",
                "household_id",
                "year",
                "quarter",
                "wage_fen",
                "operating_fen",
                "property_fen",
                "transfer_fen",
                "resident_count",
                "village_code",
                "category",
                "version",
                "deleted",
            ],
        ),
        (
            "entity",
            entity_rows,
            [
                "id",
                "name",
                "type",
                "village_code",
                "industry",
                "cultivated_year",
                "status",
                "quality_grade",
                "high_quality",
                "nhl_member",
                "version",
                "deleted",
            ],
        ),
        (
            "entity_household_link",
            driven_rows,
            [
                "id",
                "entity_id",
                "household_id",
                "mode",
                "started_on",
                "ended_on",
                "version",
                "deleted",
            ],
        ),
        (
            "pairing",
            pairing_rows,
            ["id", "cadre_id", "household_id", "started_on", "ended_on", "version", "deleted"],
        ),
        (
            "visit",
            visit_rows,
            [
                "id",
                "household_id",
                "cadre_id",
                "village_code",
                "mode",
                "occurred_at",
                "month",
                "risk_flags",
                "version",
                "deleted",
            ],
        ),
        (
            "plan",
            plan_rows,
            [
                "id",
                "household_id",
                "year",
                "main_measure",
                "insured",
                "insurance_starts_on",
                "insurance_ends_on",
                "version",
                "deleted",
            ],
        ),
        (
            "happiness_item",
            happiness_rows,
            ["id", "household_id", "year", "delivered_on", "status", "version", "deleted"],
        ),
    ]
    for table, rows, columns in tables:
        n = 0
        for chunk in _chunks(rows()):
            await conn.copy_records_to_table(table, records=chunk, columns=columns)
            n += len(chunk)
        counts[table] = n
    return counts


async def run(args: argparse.Namespace) -> None:
    async with scratch_database(args.server) as name:
        url = f"{args.server.replace('postgresql://', 'postgresql+asyncpg://')}/{name}"
        folder = Path(tempfile.mkdtemp())
        # Real RS256 tokens, checked against these keys as the service checks the registry's.
        key = signing_key_from_pem(generate_private_pem())
        (folder / "jwks.json").write_text(json.dumps(jwks([key])))
        settings = IndicatorsSettings(
            database_url=url,
            data_dir=str(folder),
            jwks_url="",
            trusted_jwks_file=folder / "jwks.json",
            consume_registry=False,
            consume_assistance=False,
            migrate_on_start=False,
        )
        app = create_app(settings)
        await migrations.upgrade(app.state.engine, app.state.script_location, "indicators")
        conn = await asyncpg.connect(
            f"{args.server}/{name}", server_settings={"search_path": "indicators"}
        )
        started = time.perf_counter()
        counts = await load(conn, args)
        print(f"loaded {counts} in {time.perf_counter() - started:.1f} s")
        maker = app.state.sessionmaker
        started = time.perf_counter()
        # COPY bypasses the consumer, which keeps the per-village income sums: make them.
        async with maker.begin() as session:
            await refresh_income_sums(session)
        print(f"income sums made from the records in {time.perf_counter() - started:.1f} s")
        await conn.execute("VACUUM ANALYZE")  # as autovacuum leaves a loaded table
        periods = _periods(args.quarters, 2025)
        admin = TokenFactory(key).headers(Role.COUNTY_ADMIN, ttl=3600)
        http = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench")

        async def one(indicator: str, period: Period) -> float:
            """GET /v1/indicator-values: the county and its townships, as the dashboard asks."""
            began = time.perf_counter()
            response = await http.get(
                "/v1/indicator-values",
                params={"indicator": indicator, "area": COUNTY, "period": str(period)},
                headers=admin,
            )
            response.raise_for_status()
            return time.perf_counter() - began

        began = time.perf_counter()
        slowest: dict[str, float] = {}
        for indicator in CALCULATORS:
            times = [await one(indicator, period) for period in periods]
            slowest[indicator] = max(times)
            print(
                f"  {indicator:34s} mean {sum(times) / len(times) * 1000:6.0f} ms, "
                f"max {max(times) * 1000:6.0f} ms"
            )
        every = time.perf_counter() - began
        print(
            f"every indicator × {len(periods)} periods, county + townships: {every:.2f} s "
            f"({len(CALCULATORS)} indicators)"
        )
        rng = random.Random(1)
        singles = [
            await one(rng.choice(list(CALCULATORS)), rng.choice(periods))
            for _ in range(args.requests)
        ]
        print(
            f"indicator-values p50 {percentile(singles, 50) * 1000:.0f} ms, "
            f"p95 {percentile(singles, 95) * 1000:.0f} ms over {args.requests} calls"
        )
        began = time.perf_counter()
        await conn.fetchrow(
            "SELECT count(*), sum(wage_fen + operating_fen + property_fen + transfer_fen),"
            " sum(resident_count) FROM income_record"
        )
        scan = time.perf_counter() - began
        print(
            f"plain aggregate scan over {counts['income_record']} income rows: {scan:.2f} s; "
            f"one indicator for one period ≈ {every / len(CALCULATORS) / len(periods) / scan:.1f}× "
            "that scan"
        )
        await http.aclose()
        await conn.close()
        await app.state.engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--server", default="postgresql://postgres@127.0.0.1:5432")
    parser.add_argument("--households", type=int, default=1_000_000)
    parser.add_argument("--members", type=int, default=3)
    parser.add_argument("--visits", type=int, default=12_000_000)
    parser.add_argument("--quarters", type=int, default=8)
    parser.add_argument("--townships", type=int, default=20)
    parser.add_argument("--villages", type=int, default=15)
    parser.add_argument("--requests", type=int, default=50)
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
