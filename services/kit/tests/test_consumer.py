"""The feed consumer against a real feed: exactly-once application, tokens kept, one per feed."""

import asyncio
from collections.abc import AsyncIterator, Callable
from typing import Annotated, Any

import httpx
import pytest
from fastapi import FastAPI, Form
from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from kit.auth import Role
from kit.consumer import ClientCredentials, FeedConsumer
from kit.db import make_engine, make_sessionmaker
from kit.outbox import record_event
from kit.testing import TokenFactory
from kit.tests.conftest import FEED, SCHEMA, copy, cursors, item


class Broken(Exception):
    """An apply step that fails half-way through a batch."""


async def write(app: FastAPI, *marks: str) -> None:
    """One committed event per mark, each on its own aggregate."""
    async with app.state.sessionmaker.begin() as session:
        for mark in marks:
            await session.execute(insert(item).values(id=mark, name=mark, version=1))
            record_event(session, aggregate="item", aggregate_id=mark, version=1, data={"m": mark})


class Copier:
    """What a consuming service does with the events: keep its own copy, counting each apply."""

    def __init__(self, fail_on: str | None = None) -> None:
        self.applied: list[str] = []
        self.fail_on = fail_on

    async def __call__(self, session: AsyncSession, events: list[dict[str, Any]]) -> None:
        for event in events:
            await session.execute(
                insert(copy).values(
                    aggregate_id=event["aggregate_id"],
                    version=event["version"],
                    mark=event["data"]["m"],
                )
            )
            if event["data"]["m"] == self.fail_on:
                raise Broken(self.fail_on)
            self.applied.append(event["data"]["m"])


async def copied(app: FastAPI) -> list[str]:
    async with app.state.sessionmaker() as session:
        return list((await session.scalars(select(copy.c.mark).order_by(copy.c.mark))).all())


@pytest.fixture
def consumer(
    app: FastAPI, client: httpx.AsyncClient, tokens: TokenFactory
) -> Callable[..., FeedConsumer]:
    async def token() -> str:
        return tokens.token(Role.SERVICE, subject="consumer")

    def make(apply: Copier, **kwargs: Any) -> FeedConsumer:
        options: dict[str, Any] = {
            "feed": "kit",
            "url": FEED,
            "sessionmaker": app.state.sessionmaker,
            "cursor_table": cursors,
            "apply": apply,
            "token": token,
            "http": client,
            "batch": 3,
            "idle_seconds": 0.02,
        }
        return FeedConsumer(**{**options, **kwargs})

    return make


@pytest.mark.smoke
async def test_events_are_applied_and_the_cursor_kept_with_them(
    app: FastAPI, consumer: Callable[..., FeedConsumer]
) -> None:
    await write(app, "a", "b", "c", "d", "e")
    copier = Copier()
    reader = consumer(copier)

    assert [await reader.run_once() for _ in range(4)] == [3, 2, 0, 0]
    assert copier.applied == ["a", "b", "c", "d", "e"]
    assert await copied(app) == ["a", "b", "c", "d", "e"]
    assert await reader.cursor() is not None

    await write(app, "f")
    # A new consumer object (a restarted process) picks up where the stored cursor says.
    again = Copier()
    assert await consumer(again).run_once() == 1
    assert again.applied == ["f"]


@pytest.mark.smoke
async def test_a_failing_batch_keeps_nothing_and_is_applied_once_on_the_next_run(
    app: FastAPI, consumer: Callable[..., FeedConsumer]
) -> None:
    await write(app, "a", "b", "c", "d")
    failing = Copier(fail_on="b")
    with pytest.raises(Broken):
        await consumer(failing).run_once()
    assert await copied(app) == [], "what was derived before the failure must not be kept"
    assert await consumer(Copier()).cursor() is None, "the cursor must not move past a failure"

    fixed = Copier()
    reader = consumer(fixed)
    while await reader.run_once():
        pass
    assert fixed.applied == ["a", "b", "c", "d"]
    assert await copied(app) == ["a", "b", "c", "d"]


@pytest.mark.smoke
async def test_nothing_new_applies_nothing(
    app: FastAPI, consumer: Callable[..., FeedConsumer]
) -> None:
    await write(app, "a")
    copier = Copier()
    reader = consumer(copier)
    await reader.run_once()
    cursor = await reader.cursor()
    assert [await reader.run_once(), await reader.run_once()] == [0, 0]
    assert copier.applied == ["a"]
    assert await reader.cursor() == cursor


@pytest.mark.smoke
async def test_a_refused_token_stops_the_read_before_anything_is_applied(
    app: FastAPI, consumer: Callable[..., FeedConsumer]
) -> None:
    await write(app, "a")

    async def no_token() -> str:
        return "expired-or-forged"

    copier = Copier()
    with pytest.raises(httpx.HTTPStatusError):
        await consumer(copier, token=no_token).run_once()
    assert copier.applied == [] and await copied(app) == []


# --- client credentials -----------------------------------------------------------------------


def token_endpoint(expires_in: int) -> tuple[FastAPI, list[dict[str, str]]]:
    """A tiny token endpoint that counts what it is asked."""
    asked: list[dict[str, str]] = []
    api = FastAPI()

    @api.post("/token")
    async def token(
        grant_type: Annotated[str, Form()],
        client_id: Annotated[str, Form()],
        client_secret: Annotated[str, Form()],
    ) -> dict[str, Any]:
        asked.append({"grant_type": grant_type, "id": client_id, "secret": client_secret})
        return {"access_token": f"token-{len(asked)}", "expires_in": expires_in}

    return api, asked


@pytest.fixture
async def token_http() -> AsyncIterator[Callable[[FastAPI], httpx.AsyncClient]]:
    clients: list[httpx.AsyncClient] = []

    def make(api: FastAPI) -> httpx.AsyncClient:
        clients.append(httpx.AsyncClient(transport=httpx.ASGITransport(app=api)))
        return clients[-1]

    yield make
    for http in clients:
        await http.aclose()


@pytest.mark.smoke
async def test_client_credentials_keeps_its_token(
    token_http: Callable[[FastAPI], httpx.AsyncClient],
) -> None:
    api, asked = token_endpoint(expires_in=300)
    credentials = ClientCredentials(token_http(api), "http://reg/token", "indicators", "s3cret")
    assert [await credentials() for _ in range(3)] == ["token-1"] * 3
    assert asked == [{"grant_type": "client_credentials", "id": "indicators", "secret": "s3cret"}]


@pytest.mark.smoke
async def test_client_credentials_renews_a_token_about_to_run_out(
    token_http: Callable[[FastAPI], httpx.AsyncClient],
) -> None:
    api, asked = token_endpoint(expires_in=30)  # inside the renewal margin
    credentials = ClientCredentials(token_http(api), "http://reg/token", "indicators", "s3cret")
    assert [await credentials(), await credentials()] == ["token-1", "token-2"]
    assert len(asked) == 2


# --- one consumer per feed (PostgreSQL) -------------------------------------------------------


async def wait_until(check: Callable[[], Any], seconds: float = 10.0) -> None:
    async with asyncio.timeout(seconds):
        while not await check():
            await asyncio.sleep(0.02)


async def test_two_replicas_only_one_consumes_and_the_other_takes_over(
    app: FastAPI, store_url: str, consumer: Callable[..., FeedConsumer]
) -> None:
    # Two replicas: each its own engine (its own connections), the same database and feed.
    engines = [make_engine(store_url, schema=SCHEMA) for _ in range(2)]
    copiers = [Copier(), Copier()]
    replicas = [
        consumer(copier, sessionmaker=make_sessionmaker(engine))
        for copier, engine in zip(copiers, engines, strict=True)
    ]
    tasks = [asyncio.create_task(replica.run_forever()) for replica in replicas]
    try:
        await write(app, *[f"m{n:02}" for n in range(10)])

        async def count() -> bool:
            async with app.state.sessionmaker() as session:
                return await session.scalar(select(func.count()).select_from(copy)) == 10

        await wait_until(count)
        await asyncio.sleep(0.3)  # give the other replica every chance to take a batch too
        busy = [n for n, copier in enumerate(copiers) if copier.applied]
        assert len(busy) == 1, "both replicas consumed the same feed"
        (holder,) = busy
        assert sorted(copiers[holder].applied) == [f"m{n:02}" for n in range(10)]

        # The replica holding the lock stops; the other must take the feed over.
        tasks[holder].cancel()
        await asyncio.gather(tasks[holder], return_exceptions=True)
        await write(app, "later")
        other = copiers[1 - holder]

        async def taken_over() -> bool:
            return other.applied == ["later"]

        await wait_until(taken_over)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        for engine in engines:
            await engine.dispose()


@pytest.mark.smoke
async def test_a_cursor_moved_by_another_consumer_meanwhile_is_not_applied_again(
    app: FastAPI, consumer: Callable[..., FeedConsumer], tokens: TokenFactory
) -> None:
    await write(app, "a", "b")
    first, second = Copier(), Copier()

    async def token_while_another_runs() -> str:
        # ``slow`` has read the stored cursor (none yet); the other consumer now moves it on.
        await consumer(first).run_once()
        return tokens.token(Role.SERVICE)

    slow = consumer(second, token=token_while_another_runs)
    assert await slow.run_once() == 0
    assert first.applied == ["a", "b"] and second.applied == []
    assert await copied(app) == ["a", "b"]
