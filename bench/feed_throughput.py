"""What the outbox lock costs: commit rate and latency with and without it, and feed read speed.

Runs against a throwaway PostgreSQL database (``fumin_bench_<hex>``, dropped at the end) with a
tiny schema: ``kit.outbox.outbox_table`` plus an item table. Each writer transaction inserts one
item and then, by mode:

- ``event+lock``: records one event with ``kit.outbox.record_event`` (the real path), so its commit
  takes the outbox advisory lock (docs/architecture.md, "Change feed");
- ``row, no lock``: inserts the same outbox row itself, no lock (NOT gap-free: only here to tell
  the lock's cost from the extra insert's);
- ``no event``: the item insert alone.

The feed is then read whole through ``kit.feed.feed_router`` over HTTP (in-process ASGI).

    PYTHONPATH=services .venv/bin/python -m bench.feed_throughput --help
"""

import argparse
import asyncio
import os
import time
import uuid
from collections.abc import Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import asyncpg
import httpx
from fastapi import FastAPI
from sqlalchemy import Column, MetaData, String, Table, Uuid, func, insert, select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.pool import QueuePool

from kit.auth import Principal, Role
from kit.db import JSONType, UTCDateTime, make_engine, make_sessionmaker, new_metadata, utcnow
from kit.feed import feed_router
from kit.outbox import TABLE, outbox_table, record_event
from kit.problems import install_problem_handlers
from kit.testing import TokenFactory
from kit.tokens import TokenVerifier, generate_private_pem, signing_key_from_pem

SCHEMA = "bench"
SERVICE = "bench"
DEFAULT_SERVER = "postgresql://postgres@127.0.0.1:5432"
SEED_BATCH = 1000  # events per transaction when filling the feed (the lock is taken per commit)

EVENT = "event+lock"
ROW_NO_LOCK = "row, no lock"
NO_EVENT = "no event"
MODES = (EVENT, ROW_NO_LOCK, NO_EVENT)


@dataclass(frozen=True)
class Tables:
    outbox: Table
    items: Table
    metadata: MetaData


def build_tables() -> Tables:
    metadata = new_metadata()
    outbox = outbox_table(metadata)
    items = Table(
        "item",
        metadata,
        Column("id", Uuid, primary_key=True),
        Column("name", String(80), nullable=False),
        Column("area_code", String(12), nullable=False),
        Column("updated_at", UTCDateTime, nullable=False),
        Column("data", JSONType, nullable=False),
    )
    return Tables(outbox, items, metadata)


def item_state(n: int) -> dict[str, Any]:
    """A household-sized aggregate state, so event rows weigh about what real ones do."""
    return {
        "name": f"农户 {n} / household {n}",
        "area_code": f"331126{n % 20:03d}001",
        "members": 3 + n % 4,
        "income_cents": 1_850_000 + n,
        "tags": ["低收入", "low-income"],
        "address": "青元县 某镇 某村 / Qingyuan county",
    }


@dataclass
class Cell:
    writers: int
    mode: str
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile of ``values`` (p in 0..100)."""
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered)) - 1))
    return ordered[rank]


async def write_one(
    maker: async_sessionmaker[AsyncSession], tables: Tables, n: int, mode: str
) -> float:
    """One writer transaction; returns its wall time (pool checkout to commit returned)."""
    started = time.perf_counter()
    item_id = uuid.uuid4()
    state = item_state(n)
    async with maker() as session:
        await session.execute(
            insert(tables.items).values(
                id=item_id,
                name=state["name"],
                area_code=state["area_code"],
                updated_at=utcnow(),
                data=state,
            )
        )
        if mode == EVENT:
            record_event(
                session,
                aggregate="item",
                aggregate_id=item_id,
                version=1,
                data=state,
                area_code=state["area_code"],
            )
        elif mode == ROW_NO_LOCK:
            await session.execute(insert(tables.outbox).values(outbox_row(item_id, state)))
        await session.commit()
    return time.perf_counter() - started


def outbox_row(item_id: uuid.UUID, state: dict[str, Any]) -> dict[str, Any]:
    """The row kit.outbox's hook would write for this item (same columns, same sizes)."""
    return {
        "id": uuid.uuid4(),
        "type": "item.upserted",
        "aggregate": "item",
        "aggregate_id": str(item_id),
        "version": 1,
        "occurred_at": utcnow(),
        "area_code": state["area_code"],
        "data": state,
    }


async def run_cell(
    maker: async_sessionmaker[AsyncSession],
    tables: Tables,
    writers: int,
    mode: str,
    seconds: float,
) -> Cell:
    cell = Cell(writers, mode)
    deadline = time.perf_counter() + seconds
    counter = iter(range(10**12))

    async def writer() -> None:
        while time.perf_counter() < deadline:
            cell.latencies.append(await write_one(maker, tables, next(counter), mode))

    started = time.perf_counter()
    await asyncio.gather(*(writer() for _ in range(writers)))
    cell.seconds = time.perf_counter() - started
    return cell


async def bench_writes(
    maker: async_sessionmaker[AsyncSession], tables: Tables, args: argparse.Namespace
) -> list[Cell]:
    cells = []
    for writers in args.writers:
        # Alternate the modes' order per size so table growth does not always favour one.
        for mode in MODES if writers % 2 else reversed(MODES):
            await run_cell(maker, tables, writers, mode, args.warmup)
            cells.append(await run_cell(maker, tables, writers, mode, args.seconds))
    return cells


async def seed_feed(maker: async_sessionmaker[AsyncSession], total: int) -> float:
    """Fill the outbox with ``total`` events through record_event; returns the seconds taken."""
    started = time.perf_counter()
    for first in range(0, total, SEED_BATCH):
        async with maker() as session:
            for n in range(first, min(first + SEED_BATCH, total)):
                state = item_state(n)
                record_event(
                    session,
                    aggregate="item",
                    aggregate_id=uuid.uuid4(),
                    version=1,
                    data=state,
                    area_code=state["area_code"],
                )
            await session.commit()
    return time.perf_counter() - started


def feed_app(maker: async_sessionmaker[AsyncSession], outbox: Table, verifier: Any) -> FastAPI:
    def show_all(event: dict[str, Any], _reader: Principal) -> dict[str, Any] | None:
        return event  # service tokens read whole events; the masker is never asked

    app = FastAPI()
    app.state.sessionmaker = maker
    app.state.verifier = verifier
    install_problem_handlers(app)
    app.include_router(feed_router(SERVICE, outbox, show_all))
    return app


@dataclass
class FeedRead:
    events: int
    seconds: float
    page_times: list[float]


async def read_feed(app: FastAPI, headers: dict[str, str], limit: int) -> FeedRead:
    transport = httpx.ASGITransport(app=app)
    page_times: list[float] = []
    events = 0
    cursor: str | None = None
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as http:
        started = time.perf_counter()
        while True:
            params: dict[str, str | int] = {"limit": limit}
            if cursor:
                params["after"] = cursor
            page_started = time.perf_counter()
            response = await http.get(f"/v1/feeds/{SERVICE}", params=params, headers=headers)
            response.raise_for_status()
            body = response.json()
            page_times.append(time.perf_counter() - page_started)
            if not body["items"]:
                break
            events += len(body["items"])
            cursor = body["next_cursor"]
        return FeedRead(events, time.perf_counter() - started, page_times)


def pool_shape(engine: AsyncEngine) -> str:
    pool = engine.sync_engine.pool
    if isinstance(pool, QueuePool):
        return f"{pool.size()}+{pool._max_overflow} overflow"
    return type(pool).__name__


def write_table(cells: list[Cell]) -> Iterator[str]:
    yield "writers  mode          commits  commits/s  p50 ms  p95 ms  vs no-event"
    baseline = {c.writers: c.rate for c in cells if c.mode == NO_EVENT}
    for c in sorted(cells, key=lambda c: (c.writers, MODES.index(c.mode))):
        ratio = f"{c.rate / baseline[c.writers]:.2f}x" if baseline.get(c.writers) else "-"
        yield (
            f"{c.writers:>7}  {c.mode:<12}  {len(c.latencies):>7}  {c.rate:>9.0f}"
            f"  {percentile(c.latencies, 50) * 1000:>6.1f}"
            f"  {percentile(c.latencies, 95) * 1000:>6.1f}  {ratio:>11}"
        )


@asynccontextmanager
async def scratch_database(server: str) -> Any:
    """A fresh database for this run, dropped afterwards whatever happens."""
    name = f"fumin_bench_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(f"{server}/postgres")
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield name
        finally:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


async def server_facts(engine: AsyncEngine) -> str:
    async with engine.connect() as conn:
        version = await conn.scalar(text("SHOW server_version"))
        sync = await conn.scalar(text("SHOW synchronous_commit"))
        fsync = await conn.scalar(text("SHOW fsync"))
    return (
        f"PostgreSQL {version}, synchronous_commit={sync}, fsync={fsync}, "
        f"{os.cpu_count()} CPUs, pool {pool_shape(engine)}"
    )


async def run(args: argparse.Namespace) -> None:
    tables = build_tables()
    async with scratch_database(args.server) as database:
        url = f"{args.server.replace('postgresql://', 'postgresql+asyncpg://')}/{database}"
        engine = make_engine(url, schema=SCHEMA)
        try:
            async with engine.begin() as conn:
                await conn.execute(text(f"CREATE SCHEMA {SCHEMA}"))
                await conn.run_sync(tables.metadata.create_all)
            maker = make_sessionmaker(engine)
            maker.configure(info={TABLE: tables.outbox})
            print(f"{database}: {await server_facts(engine)}")
            print(
                f"writes: {args.seconds:g} s per cell after {args.warmup:g} s warm-up; "
                "latency = pool checkout to commit returned"
            )
            for line in write_table(await bench_writes(maker, tables, args)):
                print(line)
            await report_feed(engine, maker, tables, args)
        finally:
            await engine.dispose()


async def report_feed(
    engine: AsyncEngine,
    maker: async_sessionmaker[AsyncSession],
    tables: Tables,
    args: argparse.Namespace,
) -> None:
    async with engine.begin() as conn:
        await conn.execute(text("TRUNCATE outbox RESTART IDENTITY"))
    seeded_in = await seed_feed(maker, args.feed_events)
    async with maker() as session:
        stored = await session.scalar(select(func.count()).select_from(tables.outbox))
    key = signing_key_from_pem(generate_private_pem())
    tokens = TokenFactory(key)
    verifier = TokenVerifier(
        issuer=tokens.issuer, audience=tokens.audience, trusted_keys=[key.public_jwk]
    )
    app = feed_app(maker, tables.outbox, verifier)
    result = await read_feed(app, tokens.headers(Role.SERVICE), args.limit)
    if result.events != stored:
        raise SystemExit(f"feed gave {result.events} events, outbox holds {stored}")
    pages = len(result.page_times)
    print(
        f"feed read: {result.events} events ({args.feed_events} seeded in {seeded_in:.1f} s, "
        f"{SEED_BATCH}/commit) in {pages} requests of limit {args.limit}: "
        f"{result.seconds:.2f} s, {result.events / result.seconds:.0f} events/s, "
        f"page p50 {percentile(result.page_times, 50) * 1000:.1f} ms, "
        f"p95 {percentile(result.page_times, 95) * 1000:.1f} ms"
    )


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.feed_throughput", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--writers",
        type=lambda s: [int(n) for n in s.split(",")],
        default=[1, 8, 32],
        help="concurrent writer counts, comma-separated (default 1,8,32)",
    )
    parser.add_argument("--seconds", type=float, default=5.0, help="measured time per cell")
    parser.add_argument("--warmup", type=float, default=1.0, help="unmeasured time per cell")
    parser.add_argument("--feed-events", type=int, default=50_000, help="events to read back")
    parser.add_argument("--limit", type=int, default=500, help="feed page size (max 500)")
    parser.add_argument("--server", default=DEFAULT_SERVER, help="PostgreSQL server, no db name")
    return parser.parse_args(argv)


def main() -> None:
    asyncio.run(run(parse_args()))


if __name__ == "__main__":
    main()
