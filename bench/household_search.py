"""Household search at scale: GET /v1/households latency per kind of search, on N households.

Builds a throwaway PostgreSQL database (``fumin_bench_<hex>``, dropped at the end), migrates the
registry schema, loads ``--households`` households with their members, income and links
(``registry.demo.copy_households``, the demo generator's COPY mode), ANALYZEs, then times
``--searches`` requests per kind through the real endpoint in-process (httpx.ASGITransport, real
RS256 tokens): exact name, name prefix, whole ID number, village + category, flags, and a
township officer's scoped search. Prints p50/p95/max per kind and the plan of the slowest kind.

    PYTHONPATH=services .venv/bin/python -m bench.household_search --help
"""

import argparse
import asyncio
import random
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg
import httpx
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from bench.feed_throughput import DEFAULT_SERVER, percentile, scratch_database, server_facts
from kit import migrations
from kit.auth import Role
from kit.db import make_engine
from kit.pagination import DEFAULT_LIMIT
from kit.testing import TokenFactory
from kit.tokens import generate_private_pem
from registry.app import MIGRATIONS, create_app
from registry.demo.copy import copy_households
from registry.settings import RegistrySettings

SCHEMA = "registry"


async def load(url: str, households: int, seed: int) -> str:
    """The demo generator's province-scale COPY load (registry.demo.copy_households)."""
    counts = await copy_households(url, households, seed)
    return (
        f"registry.demo.copy_households: {counts['household']} households, "
        f"{counts['member']} members, {counts['income_record']} income records, "
        f"{counts['pairing']} active pairings, {counts['entity_household_link']} entity links, "
        f"{counts['area'] - 20} villages"
    )


# ---------------------------------------------------------------------------- the searches


@dataclass
class Search:
    params: dict[str, Any]
    officer_area: str | None = None  # searched as this township's officer, else county admin


@dataclass
class Kind:
    name: str
    searches: list[Search]
    latencies: list[float] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)


async def sample(conn: asyncpg.Connection, query: str, count: int) -> list[Any]:
    return [row[0] for row in await conn.fetch(query, count)]


async def build_kinds(dsn: str, count: int, seed: int) -> list[Kind]:
    """Search terms drawn from the loaded data, so each kind finds what real users would."""
    rng = random.Random(seed + 1)
    conn = await asyncpg.connect(dsn, server_settings={"search_path": SCHEMA})
    try:
        members = await conn.fetch(
            "SELECT name, id_number FROM member TABLESAMPLE SYSTEM (1) ORDER BY random() LIMIT $1",
            count,
        )
        if len(members) < count:  # a small load: sample the whole table
            members = await conn.fetch(
                "SELECT name, id_number FROM member ORDER BY random() LIMIT $1", count
            )
        villages = await sample(
            conn, "SELECT code FROM area WHERE level = 'village' ORDER BY random() LIMIT $1", 500
        )
        townships = await sample(
            conn, "SELECT code FROM area WHERE level = 'township' ORDER BY random() LIMIT $1", 500
        )
    finally:
        await conn.close()
    names = [m["name"] for m in members]
    pick = rng.choice
    return [
        Kind("exact name", [Search({"name": n}) for n in names]),
        Kind("name prefix (2 chars)", [Search({"name": n[:2] + "*"}) for n in names]),
        Kind("whole ID number", [Search({"id_number": m["id_number"]}) for m in members]),
        Kind(
            "village + category",
            [Search({"village": pick(villages), "category": "low_income"}) for _ in names],
        ),
        Kind(
            "low-income + paired",
            [
                Search({"category": "low_income", "has_pairing": "true", "village": v[:9]})
                if i % 2
                else Search({"category": "low_income", "has_pairing": "true"})
                for i, v in enumerate(pick(villages) for _ in names)
            ],
        ),
        Kind(
            "officer: name prefix",
            [Search({"name": n[:2] + "*"}, officer_area=pick(townships)) for n in names],
        ),
        # The admin app searches every name by its start (name_match=prefix, no *): a surname
        # alone is the widest search a person types.
        Kind(
            "surname only (1 char, prefix)",
            [Search({"name": n[:1], "name_match": "prefix"}) for n in names],
        ),
        Kind(
            "officer: surname only",
            [
                Search({"name": n[:1], "name_match": "prefix"}, officer_area=pick(townships))
                for n in names
            ],
        ),
    ]


async def time_kinds(
    url: str, kinds: list[Kind], warmup: int, on_execute: Callable[..., None] | None = None
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        key_file = Path(folder) / "signing.pem"
        key_file.write_text(generate_private_pem())
        settings = RegistrySettings(
            environment="test",
            database_url=url,
            data_dir=Path(folder),
            migrate_on_start=False,
            jwks_url="",
            signing_key_file=key_file,
        )
        app = create_app(settings)
        if on_execute is not None:
            event.listen(app.state.engine.sync_engine, "before_cursor_execute", on_execute)
        tokens = TokenFactory(app.state.signing_key, settings.token_issuer, settings.token_audience)
        admin = tokens.headers(Role.COUNTY_ADMIN, area="331126", ttl=3600)
        transport = httpx.ASGITransport(app=app)
        try:
            async with httpx.AsyncClient(transport=transport, base_url="http://bench") as http:
                for kind in kinds:
                    for n, search in enumerate(kind.searches[:warmup] + kind.searches):
                        headers = admin
                        if search.officer_area:
                            headers = tokens.headers(
                                Role.TOWNSHIP_OFFICER, area=search.officer_area, ttl=3600
                            )
                        started = time.perf_counter()
                        response = await http.get(
                            "/v1/households", params=search.params, headers=headers
                        )
                        elapsed = time.perf_counter() - started
                        if response.status_code != 200:
                            raise SystemExit(f"{search.params}: {response.status_code}")
                        if n >= warmup:
                            kind.latencies.append(elapsed)
                            kind.rows.append(len(response.json()["items"]))
        finally:
            await app.state.engine.dispose()


def report(kinds: list[Kind]) -> Iterator[str]:
    yield (
        f"{'kind':<22}  {'n':>4}  {'p50 ms':>7}  {'p95 ms':>7}  {'max ms':>7}"
        f"  rows/page min/avg/max (limit {DEFAULT_LIMIT})"
    )
    for kind in kinds:
        ms = [t * 1000 for t in kind.latencies]
        yield (
            f"{kind.name:<22}  {len(ms):>4}  {percentile(ms, 50):>7.1f}  {percentile(ms, 95):>7.1f}"
            f"  {max(ms):>7.1f}  {min(kind.rows)}/{sum(kind.rows) / len(kind.rows):.1f}"
            f"/{max(kind.rows)}"
        )


async def explain(url: str, dsn: str, kind: Kind) -> Iterator[str]:
    """Re-run the kind's slowest search, catching the SQL it sends, and EXPLAIN ANALYZE that."""
    slowest = max(range(len(kind.latencies)), key=kind.latencies.__getitem__)
    search = kind.searches[slowest]
    statements: list[tuple[str, Any]] = []

    def catch(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        members_of = "WHERE member.household_id IN" in statement  # the page's members, not search
        if not members_of and ("FROM member" in statement or "household.village_code" in statement):
            statements.append((statement, parameters))

    await time_kinds(url, [Kind(kind.name, [search])], warmup=0, on_execute=catch)
    lines = [f"plan of the slowest {kind.name!r} search {search.params}"]
    if search.officer_area:
        lines[0] += f" as officer of {search.officer_area}"
    conn = await asyncpg.connect(dsn, server_settings={"search_path": SCHEMA})
    try:
        for statement, parameters in statements:
            plan = await conn.fetch(f"EXPLAIN (ANALYZE, BUFFERS) {statement}", *parameters)
            lines.append("  " + " ".join(statement.split())[:300])
            lines += ["    " + row[0][:200] for row in plan]
    finally:
        await conn.close()
    return iter(lines)


async def run(args: argparse.Namespace) -> None:
    async with scratch_database(args.server) as database:
        dsn = f"{args.server}/{database}"
        url = dsn.replace("postgresql://", "postgresql+asyncpg://")
        engine: AsyncEngine = make_engine(url, schema=SCHEMA)
        try:
            await migrations.upgrade(engine, MIGRATIONS, SCHEMA)
            print(f"{database}: {await server_facts(engine)}")
        finally:
            await engine.dispose()
        started = time.perf_counter()
        loaded_by = await load(url, args.households, args.seed)
        loaded_in = time.perf_counter() - started
        print(f"load: {args.households} households in {loaded_in:.1f} s ({loaded_by})")
        started = time.perf_counter()
        conn = await asyncpg.connect(dsn, server_settings={"search_path": SCHEMA})
        try:
            await conn.execute("VACUUM ANALYZE")
        finally:
            await conn.close()
        print(f"VACUUM ANALYZE: {time.perf_counter() - started:.1f} s")
        kinds = await build_kinds(dsn, args.searches, args.seed)
        await time_kinds(url, kinds, args.warmup)
        print(
            f"{args.searches} searches per kind after {args.warmup} warm-up, one at a time, "
            "through GET /v1/households (ASGI in-process, first page, members included)"
        )
        for line in report(kinds):
            print(line)
        slowest = max(kinds, key=lambda k: percentile(k.latencies, 95))
        for line in await explain(url, dsn, slowest):
            print(line)
        if args.explain_all:
            for kind in kinds:
                if kind is not slowest:
                    for line in await explain(url, dsn, kind):
                        print(line)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.household_search", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--households", type=int, default=1_000_000, help="households to load")
    parser.add_argument("--searches", type=int, default=200, help="timed searches per kind")
    parser.add_argument("--warmup", type=int, default=10, help="untimed searches per kind first")
    parser.add_argument("--seed", type=int, default=331126, help="random seed of the data")
    parser.add_argument(
        "--explain-all", action="store_true", help="print every kind's slowest plan"
    )
    parser.add_argument("--server", default=DEFAULT_SERVER, help="PostgreSQL server, no db name")
    return parser.parse_args(argv)


def main() -> None:
    asyncio.run(run(parse_args()))


if __name__ == "__main__":
    main()
