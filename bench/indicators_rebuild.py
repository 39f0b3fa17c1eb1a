"""Rebuilding the indicators' read model from the registry's feed, served for real: events/s.

The registry's COPY loader writes no events, so the feed is made another way: the demo
county's generator (``registry.demo.generate``, ``--households`` households) and the
registry's own event builders (``registry.demo.events``, each domain's ``to_public``) make
exactly the events a load through the API would have recorded, and they are COPYed into the
registry's outbox of a throwaway database. The registry runs as a real uvicorn process (its
tables stay empty: the feed is served from the outbox alone). Then ``indicators``'
``rebuild`` (what ``python -m indicators rebuild`` runs for the registry feed) reads the whole
feed over HTTP with the service's client credentials and applies it, alert rules included,
page by page, timed end to end. It prints events, seconds and events/s, and the rows of the
read model it ended with.

    PYTHONPATH=services .venv/bin/python -m bench.indicators_rebuild --households 100000
"""

import argparse
import asyncio
import json
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import asyncpg
import httpx

from bench.feed_throughput import scratch_database
from bench.visit_throughput import Processes, free_port
from indicators.app import create_app
from indicators.registry_copy.consumer import rebuild
from indicators.settings import IndicatorsSettings
from kit import migrations
from kit.outbox import PENDING, PendingEvent
from kit.tokens import generate_private_pem
from registry.demo.copy import COUNTY_VILLAGES, VILLAGE_HOUSEHOLDS
from registry.demo.events import county_events, household_events
from registry.demo.generate import SEED, Generator

CHUNK = 20_000  # events per COPY
OUTBOX_COLUMNS = [
    "id",
    "type",
    "aggregate",
    "aggregate_id",
    "version",
    "occurred_at",
    "area_code",
    "data",
]


class Collector:
    """Stands in for a session: ``record_event`` queues its events here, nothing is written."""

    def __init__(self) -> None:
        self.info: dict[str, list[PendingEvent]] = {}

    def drain(self) -> list[PendingEvent]:
        return self.info.pop(PENDING, [])


def _row(event: PendingEvent) -> tuple[Any, ...]:
    kind = "deleted" if event.deleted else "upserted"
    return (
        uuid.uuid4(),
        f"{event.aggregate}.{kind}",
        event.aggregate,
        event.aggregate_id,
        event.version,
        event.occurred_at,
        event.area_code,
        json.dumps(event.data, ensure_ascii=False),
    )


def feed_events(households: int) -> Iterator[PendingEvent]:
    """The county's events (areas, departments, cadres, entities, their links), then each
    household's (the household with its members, its income records, its links)."""
    extra = max(0, households // VILLAGE_HOUSEHOLDS - COUNTY_VILLAGES)
    generator = Generator(households=households, seed=SEED, extra_villages=extra)
    collector = Collector()
    county_events(collector, generator.county().tables)  # type: ignore[arg-type]
    yield from collector.drain()
    for household in generator.stream():
        household_events(collector, household)  # type: ignore[arg-type]
        yield from collector.drain()


async def fill_outbox(dsn: str, households: int) -> int:
    conn = await asyncpg.connect(dsn)
    try:
        written, chunk = 0, []
        for event in feed_events(households):
            chunk.append(_row(event))
            if len(chunk) == CHUNK:
                written += await _copy(conn, chunk)
                chunk = []
        written += await _copy(conn, chunk)
        await conn.execute("ANALYZE registry.outbox")
        return written
    finally:
        await conn.close()


async def _copy(conn: asyncpg.Connection, rows: list[tuple[Any, ...]]) -> int:
    if rows:
        await conn.copy_records_to_table(
            "outbox", records=rows, columns=OUTBOX_COLUMNS, schema_name="registry"
        )
    return len(rows)


async def read_model_rows(dsn: str) -> dict[str, int]:
    conn = await asyncpg.connect(dsn)
    try:
        counts = {}
        for table in ("area", "household", "member", "income_record", "entity", "pairing"):
            counts[table] = await conn.fetchval(f"SELECT count(*) FROM indicators.{table}")
        counts["alert"] = await conn.fetchval("SELECT count(*) FROM indicators.alert")
        return counts
    finally:
        await conn.close()


async def run(args: argparse.Namespace) -> None:
    async with scratch_database(args.server) as name:
        dsn = f"{args.server}/{name}"
        url = dsn.replace("postgresql://", "postgresql+asyncpg://")
        folder = Path(tempfile.mkdtemp(prefix="fumin_rebuild_"))
        (folder / "signing.pem").write_text(generate_private_pem())
        running = Processes(folder, url)
        running.urls["registry"] = f"http://127.0.0.1:{free_port()}"
        try:
            running.start("registry")  # migrates its schema, creates the indicators client
            running.wait_ready("registry")
            began = time.perf_counter()
            events = await fill_outbox(dsn, args.households)
            print(
                f"registry feed: {events} events for {args.households} households, "
                f"generated and COPYed in {time.perf_counter() - began:.1f} s"
            )
            registry = running.urls["registry"]
            settings = IndicatorsSettings(
                database_url=url,
                data_dir=str(folder / "data"),
                registry_url=registry,
                token_url=f"{registry}/v1/auth/token",
                jwks_url=f"{registry}/.well-known/jwks.json",
                consume_registry=False,
                consume_assistance=False,
                migrate_on_start=False,
            )
            app = create_app(settings)
            await migrations.upgrade(app.state.engine, app.state.script_location, "indicators")
            async with httpx.AsyncClient(timeout=60, trust_env=False) as http:
                began = time.perf_counter()
                applied = await rebuild(app, http)
                seconds = time.perf_counter() - began
            await app.state.engine.dispose()
            print(
                f"rebuild: {applied} events in {seconds:.1f} s = {applied / seconds:,.0f} "
                "events/s (feed over HTTP, pages of 500, alert rules included)"
            )
            print(f"read model: {await read_model_rows(dsn)}")
        finally:
            running.stop_all()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--server", default="postgresql://postgres@127.0.0.1:5432")
    parser.add_argument("--households", type=int, default=100_000)
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
