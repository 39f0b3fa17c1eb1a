"""The change feed: gap-free under concurrent writers, its events, its cursor, its readers."""

import asyncio
import contextlib
import random
import uuid
from collections import Counter, defaultdict
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import insert, text, update

from kit.auth import FEEDS_SCOPE, Role
from kit.outbox import record_event
from kit.pagination import encode_cursor
from kit.testing import TokenFactory
from kit.tests.conftest import FEED, item

EVENT_KEYS = {"id", "type", "aggregate", "aggregate_id", "version", "occurred_at", "data"}


class Boom(Exception):
    """Raised inside a writer's transaction on purpose."""


async def add_items(app: FastAPI, *ids: str, area: str = "331126101") -> None:
    async with app.state.sessionmaker.begin() as session:
        await session.execute(
            insert(item), [{"id": i, "name": f"item {i}", "area_code": area} for i in ids]
        )


async def bump(session: Any, aggregate_id: str, data: dict[str, Any], **kwargs: Any) -> int:
    """Change an item and record its event, as a service does in one transaction."""
    version: int = await session.scalar(
        update(item)
        .where(item.c.id == aggregate_id)
        .values(version=item.c.version + 1)
        .returning(item.c.version)
    )
    record_event(
        session,
        aggregate="item",
        aggregate_id=aggregate_id,
        version=version,
        data={**data, "version": version},
        area_code=kwargs.pop("area_code", "331126101"),
        **kwargs,
    )
    return version


async def read_page(
    client: httpx.AsyncClient, headers: dict[str, str], after: str | None, limit: int
) -> dict[str, Any]:
    params: dict[str, Any] = {"limit": limit}
    if after is not None:
        params["after"] = after
    response = await client.get(FEED, params=params, headers=headers)
    assert response.status_code == 200, response.text
    page: dict[str, Any] = response.json()
    assert page["next_cursor"], "next_cursor is always set, even on an empty page"
    return page


async def read_everything(
    client: httpx.AsyncClient, headers: dict[str, str], limit: int = 4
) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = []
    cursor = None
    while page := await read_page(client, headers, cursor, limit):
        events += page["items"]
        cursor = page["next_cursor"]
        if not page["items"]:
            return events
    return events


# --- the headline: concurrent writers, a reader following the cursor ------------------------


@pytest.fixture
async def lingering_outbox(app: FastAPI) -> AsyncIterator[None]:
    """Each outbox insert waits a moment before its transaction may commit.

    This widens the window between taking a ``seq`` and committing it, the window in which
    an unserialised outbox lets a ``seq > cursor`` reader pass over an event for good.
    """
    async with app.state.engine.begin() as conn:
        await conn.execute(
            text(
                "CREATE FUNCTION linger() RETURNS trigger LANGUAGE plpgsql AS $$ "
                "BEGIN PERFORM pg_sleep(random() * 0.03); RETURN NULL; END $$"
            )
        )
        await conn.execute(
            text(
                "CREATE TRIGGER outbox_linger AFTER INSERT ON outbox "
                "FOR EACH STATEMENT EXECUTE FUNCTION linger()"
            )
        )
    yield
    async with app.state.engine.begin() as conn:
        await conn.execute(text("DROP TRIGGER outbox_linger ON outbox"))
        await conn.execute(text("DROP FUNCTION linger()"))


async def writer(
    app: FastAPI, aggregate_ids: list[str], fate: str, pause: float
) -> tuple[str, list[str]]:
    """One transaction over a few aggregates; answers its fate and the marks it recorded."""
    marks = [uuid.uuid4().hex for _ in aggregate_ids]
    # Sorted, so two writers never wait on each other's rows in opposite orders.
    pairs = sorted(zip(aggregate_ids, marks, strict=True))
    if fate == "rollback":
        async with app.state.sessionmaker() as session:
            for aggregate_id, mark in pairs:
                await bump(session, aggregate_id, {"mark": mark})
            await asyncio.sleep(pause)
            await session.rollback()
            # The same session goes on to commit something else: the dropped events stay dropped.
            await session.execute(update(item).where(item.c.id == "none").values(name="x"))
            await session.commit()
        return fate, marks
    with contextlib.suppress(Boom):
        async with app.state.sessionmaker() as session, session.begin():
            for aggregate_id, mark in pairs:
                await bump(session, aggregate_id, {"mark": mark})
            await asyncio.sleep(pause)  # flushed, not committed: commits land shuffled
            if fate == "raise":
                raise Boom
    return fate, marks


async def test_concurrent_writers_every_committed_event_arrives_once_in_order(
    app: FastAPI, client: httpx.AsyncClient, tokens: TokenFactory, lingering_outbox: None
) -> None:
    rng = random.Random(20240611)
    aggregates = [f"agg-{n}" for n in range(6)]
    await add_items(app, *aggregates)
    headers = tokens.headers(Role.SERVICE)
    fates = ["commit"] * 6 + ["rollback", "raise"]
    plans = [
        (rng.sample(aggregates, rng.randint(1, 3)), fates[n % len(fates)], rng.random() * 0.02)
        for n in range(40)
    ]
    done = asyncio.Event()

    async def later(n: int, ids: list[str], fate: str, pause: float) -> tuple[str, list[str]]:
        # Staggered starts: a steady stream of overlapping writers, with the reader caught up.
        await asyncio.sleep(n * 0.01)
        return await writer(app, ids, fate, pause)

    async def consume() -> list[dict[str, Any]]:
        seen: list[dict[str, Any]] = []
        cursor = None
        while True:
            finished = done.is_set()  # read once more after every writer has finished
            page = await read_page(client, headers, cursor, limit=5)
            seen += page["items"]
            cursor = page["next_cursor"]
            if not page["items"]:
                if finished:
                    return seen
                await asyncio.sleep(0.001)

    reader = asyncio.create_task(consume())
    results = await asyncio.gather(*(later(n, *plan) for n, plan in enumerate(plans)))
    done.set()
    seen = await asyncio.wait_for(reader, timeout=60)

    committed = {m for fate, marks in results if fate == "commit" for m in marks}
    dropped = {m for fate, marks in results if fate != "commit" for m in marks}
    arrived = Counter(event["data"]["mark"] for event in seen)
    assert dropped and committed
    assert not dropped & set(arrived), "a rolled-back event reached the feed"
    assert set(arrived) == committed, "a committed event never arrived"
    assert all(n == 1 for n in arrived.values()), "an event arrived twice"
    assert len(seen) == len(committed)
    versions: dict[str, list[int]] = defaultdict(list)
    for event in seen:
        versions[event["aggregate_id"]].append(event["version"])
    for aggregate_id, arrived_versions in versions.items():
        assert arrived_versions == list(range(1, len(arrived_versions) + 1)), aggregate_id


@pytest.mark.smoke
async def test_on_sqlite_events_arrive_once_in_version_order(
    sqlite_app: FastAPI, sqlite_client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    await add_items(sqlite_app, "a", "b", "c")
    plans = [(["a", "b", "c"][n % 3 :][:2], "commit", 0.001 * (n % 4)) for n in range(9)]
    plans += [(["a"], "rollback", 0.0), (["b"], "raise", 0.0)]
    results = await asyncio.gather(*(writer(sqlite_app, ids, f, p) for ids, f, p in plans))

    seen = await read_everything(sqlite_client, tokens.headers(Role.SERVICE), limit=2)

    committed = [m for fate, marks in results if fate == "commit" for m in marks]
    assert sorted(e["data"]["mark"] for e in seen) == sorted(committed)
    for aggregate_id in "abc":
        got = [e["version"] for e in seen if e["aggregate_id"] == aggregate_id]
        assert got == list(range(1, len(got) + 1))


# --- what an event looks like and how the cursor behaves -------------------------------------


@pytest.mark.smoke
async def test_events_have_the_documented_shape(
    app: FastAPI, client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    headers = tokens.headers(Role.SERVICE)
    empty = await read_page(client, headers, None, 10)
    assert empty["items"] == []
    await add_items(app, "x1")
    async with app.state.sessionmaker.begin() as session:
        await bump(session, "x1", {"name": "first"})
    async with app.state.sessionmaker.begin() as session:
        await bump(session, "x1", {"name": "gone"}, deleted=True)

    page = await read_page(client, headers, empty["next_cursor"], 10)

    upserted, deleted = page["items"]
    assert set(upserted) == EVENT_KEYS  # no area_code or seq leaks out
    assert upserted["type"] == "item.upserted" and deleted["type"] == "item.deleted"
    assert upserted["aggregate"] == "item" and upserted["aggregate_id"] == "x1"
    assert (upserted["version"], deleted["version"]) == (1, 2)
    assert deleted["data"] == {"name": "gone", "version": 2}
    uuid.UUID(upserted["id"])
    occurred = datetime.fromisoformat(upserted["occurred_at"])
    assert occurred.utcoffset() is not None and upserted["occurred_at"].endswith("+00:00")
    after = await read_page(client, headers, page["next_cursor"], 10)
    assert after["items"] == [] and after["next_cursor"] == page["next_cursor"]


@pytest.mark.smoke
@pytest.mark.parametrize(
    "cursor",
    ["not a cursor", encode_cursor(["x"]), encode_cursor(["1.5"]), encode_cursor([1, 2]), "e30"],
)
async def test_a_bad_cursor_is_a_422_naming_cursor(
    client: httpx.AsyncClient, tokens: TokenFactory, cursor: str
) -> None:
    response = await client.get(FEED, params={"after": cursor}, headers=tokens.headers("service"))
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert [e["field"] for e in response.json()["errors"]] == ["cursor"]


@pytest.mark.smoke
@pytest.mark.parametrize("limit", [0, -1, 501, "many"])
async def test_limit_out_of_bounds_is_a_422(
    client: httpx.AsyncClient, tokens: TokenFactory, limit: int | str
) -> None:
    response = await client.get(FEED, params={"limit": limit}, headers=tokens.headers("service"))
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["limit"]


# --- who may read, and what they see ---------------------------------------------------------


@pytest.mark.smoke
async def test_no_token_is_401_and_people_without_the_scope_are_403(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    anonymous = await client.get(FEED)
    assert anonymous.status_code == 401
    assert anonymous.headers["www-authenticate"] == "Bearer"
    for headers in [
        tokens.headers(Role.COUNTY_ADMIN),
        tokens.headers(Role.COUNTY_ADMIN, scopes=FEEDS_SCOPE),  # a person is not a feed reader
        tokens.headers(Role.MACHINE, scopes="pii:read"),
    ]:
        response = await client.get(FEED, headers=headers)
        assert response.status_code == 403, headers
        assert response.json()["type"] == "/problems/forbidden"


@pytest.mark.smoke
async def test_a_machine_sees_events_as_the_masker_shows_them(
    app: FastAPI, client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    await add_items(app, "near", area="331126101")
    await add_items(app, "far", area="330100001")
    async with app.state.sessionmaker.begin() as session:
        await bump(session, "near", {"secret": "110101199001011234"}, area_code="331126101")
        await bump(session, "far", {"secret": "110101199001015678"}, area_code="330100001")

    machine = tokens.headers(Role.MACHINE, scopes=FEEDS_SCOPE, area="331126")
    masked = await read_page(client, machine, None, 10)
    whole = await read_page(client, tokens.headers(Role.SERVICE), None, 10)

    assert [(e["aggregate_id"], e["data"]["secret"]) for e in masked["items"]] == [("near", "***")]
    assert set(masked["items"][0]) == EVENT_KEYS
    # The filtered-out event still moves the machine's cursor past it.
    assert masked["next_cursor"] == whole["next_cursor"]
    assert [e["data"]["secret"][-4:] for e in whole["items"]] == ["1234", "5678"]
