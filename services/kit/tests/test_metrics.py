"""/metrics: requests by route template, latencies, and the feed lag of each consumer."""

import asyncio
import contextlib
import time

import httpx
import pytest
from fastapi import FastAPI, HTTPException
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import insert

from kit import metrics
from kit.auth import Role
from kit.consumer import FeedConsumer, progress_of
from kit.db import make_engine, make_sessionmaker
from kit.metrics import Metrics, MetricsMiddleware
from kit.outbox import record_event
from kit.testing import TokenFactory
from kit.tests.conftest import FEED, SCHEMA, cursors, item


def samples(text: str) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    """Every sample of an exposition, by name and labels."""
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def labels(**values: str) -> frozenset[tuple[str, str]]:
    return frozenset(values.items())


@pytest.fixture
def tiny() -> FastAPI:
    app = FastAPI()
    app.state.metrics = Metrics("tiny")
    app.add_middleware(MetricsMiddleware, metrics=app.state.metrics)
    app.include_router(metrics.router)

    @app.get("/things/{thing_id}")
    async def thing(thing_id: str) -> dict[str, str]:
        if thing_id == "missing":
            raise HTTPException(404)
        return {"id": thing_id}

    return app


@pytest.mark.smoke
async def test_requests_are_counted_by_route_template_and_timed(tiny: FastAPI) -> None:
    transport = httpx.ASGITransport(app=tiny)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        for path in ("/things/a", "/things/b", "/things/missing", "/no/such/path"):
            await http.get(path)
        response = await http.get("/metrics")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain; version=")
    got = samples(response.text)
    route = "/things/{thing_id}"
    ok = labels(service="tiny", method="GET", route=route, status="200")
    assert got["fumin_http_requests_total", ok] == 2
    missing = labels(service="tiny", method="GET", route=route, status="404")
    assert got["fumin_http_requests_total", missing] == 1
    unmatched = labels(service="tiny", method="GET", route="unmatched", status="404")
    assert got["fumin_http_requests_total", unmatched] == 1, "raw paths never become labels"
    timed = labels(service="tiny", method="GET", route=route)
    assert got["fumin_http_request_duration_seconds_count", timed] == 3
    assert got["fumin_http_request_duration_seconds_bucket", timed | labels(le="+Inf")] == 3


async def write(app: FastAPI, *marks: str) -> None:
    async with app.state.sessionmaker.begin() as session:
        for mark in marks:
            await session.execute(insert(item).values(id=mark, name=mark, version=1))
            record_event(session, aggregate="item", aggregate_id=mark, version=1, data={"m": mark})


def reader(app: FastAPI, http: httpx.AsyncClient, tokens: TokenFactory) -> FeedConsumer:
    async def token() -> str:
        return tokens.token(Role.SERVICE, subject="consumer")

    async def apply(session: object, events: list[dict[str, object]]) -> None:
        return None

    return FeedConsumer(
        feed="kit",
        url=FEED,
        sessionmaker=app.state.sessionmaker,
        cursor_table=cursors,
        apply=apply,
        token=token,
        http=http,
        batch=3,
        idle_seconds=0.02,
    )


def feed_samples(app: FastAPI) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    exposed = Metrics("kit", feeds=lambda: progress_of(app.state.sessionmaker)).exposition()
    return samples(exposed.decode())


@pytest.mark.smoke
async def test_a_consumer_behind_reports_the_age_of_the_last_event_it_applied(
    app: FastAPI, client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    await write(app, "a", "b", "c", "d", "e")
    consumer = reader(app, client, tokens)
    assert await consumer.run_once() == 3  # a full page: more are waiting

    progress = consumer.progress
    page_end = progress.complete_through
    assert page_end is not None and time.time() - 60 < page_end <= time.time()
    assert progress.applied == 3

    assert await consumer.run_once() == 2  # a short page: the head was reached at the poll
    assert progress.complete_through is not None and progress.complete_through >= page_end
    assert time.time() - progress.complete_through < 5


@pytest.mark.smoke
async def test_only_the_running_consumer_reports_lag_and_it_grows_while_stuck(
    app: FastAPI, client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    await write(app, "a", "b", "c", "d")
    consumer = reader(app, client, tokens)
    feed = labels(service="kit", feed="kit")

    got = feed_samples(app)
    assert got["fumin_feed_consumer_active", feed] == 0
    assert ("fumin_feed_lag_seconds", feed) not in got, "a standby replica reports no lag"

    task = asyncio.create_task(consumer.run_forever())
    try:
        for _ in range(200):
            if consumer.progress.applied == 4:
                break
            await asyncio.sleep(0.02)
        got = feed_samples(app)
        assert got["fumin_feed_consumer_active", feed] == 1
        assert got["fumin_feed_events_applied_total", feed] == 4
        assert 0 <= got["fumin_feed_lag_seconds", feed] < 5
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
    assert feed_samples(app)["fumin_feed_consumer_active", feed] == 0

    # Lag is reckoned when scraped, so a consumer that gets nowhere (its feed down) shows it
    # growing rather than the last value it managed to set.
    consumer.progress.active = True
    consumer.progress.complete_through = time.time() - 600
    assert feed_samples(app)["fumin_feed_lag_seconds", feed] >= 600


async def test_services_sharing_a_database_each_consume_the_same_feed(
    app: FastAPI, store_url: str, client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    """Assistance and indicators both read the registry's feed, each into its own schema of one
    database: the feed's lock is per reader, so neither waits for the other."""
    engines = [make_engine(store_url, schema=name) for name in (SCHEMA, "public")]
    readers = [reader(app, client, tokens) for _ in engines]
    for one, engine in zip(readers, engines, strict=True):
        one.sessionmaker = make_sessionmaker(engine)
    try:
        async with asyncio.timeout(5), readers[0]._feed_lock(), readers[1]._feed_lock():
            assert [one.progress.active for one in readers] == [True, True]
    finally:
        for engine in engines:
            await engine.dispose()
