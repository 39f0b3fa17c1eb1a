"""Reading another service's change feed into this service's own tables.

The cursor is stored in the same transaction as what was derived from the events, so a crash
never loses or doubles one. On PostgreSQL a session-level advisory lock keeps one consumer per
feed running however many replicas start.
"""

import asyncio
import contextlib
import hashlib
import logging
import time
import weakref
from collections.abc import AsyncIterator, Awaitable, Callable, Container, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import Table, delete, insert, select, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker

from kit.db import is_postgres, utcnow

log = logging.getLogger("fumin.consumer")

Apply = Callable[[AsyncSession, list[dict[str, Any]]], Awaitable[None]]
Event = dict[str, Any]


def newest_per_aggregate(
    events: list[Event], wanted: Container[str]
) -> dict[str, dict[str, Event]]:
    """aggregate → aggregate_id → its newest event in the page, for the ``wanted`` aggregates.

    An event carries the whole state, so only the newest per id matters; one row per id also
    keeps an upsert from touching the same row twice in one statement (PostgreSQL refuses it).
    """
    newest: dict[str, dict[str, Event]] = {}
    for event in events:
        if event["aggregate"] not in wanted:
            continue
        by_id = newest.setdefault(event["aggregate"], {})
        seen = by_id.get(event["aggregate_id"])
        if seen is None or event["version"] > seen["version"]:
            by_id[event["aggregate_id"]] = event
    return newest


Row = dict[str, Any]


async def replace_newer(
    session: AsyncSession, table: Table, events: dict[Any, Event], to_row: Callable[[Event], Row]
) -> tuple[list[Row], list[Row]]:
    """Store, as rows of ``table`` keyed by its primary key, the ``events`` (key → newest event)
    newer than the rows stored: a page applied twice, or an older event after a newer one,
    changes nothing. Answers the rows replaced (as they were) and the rows written.

    Delete-then-insert, not an upsert: one consumer per feed writes a copy (the feed lock in
    ``FeedConsumer``), so nothing races it, and the caller learns what each row was before."""
    pk = next(iter(table.primary_key.columns))
    found = await session.execute(select(table).where(pk.in_(events)))
    stored: dict[Any, Row] = {row[pk.name]: dict(row) for row in found.mappings()}
    fresh = {
        key: event
        for key, event in events.items()
        if key not in stored or event["version"] > stored[key]["version"]
    }
    if not fresh:
        return [], []
    await session.execute(delete(table).where(pk.in_(fresh)))
    rows = [to_row(event) for event in fresh.values()]
    await session.execute(insert(table), rows)
    return [stored[key] for key in fresh if key in stored], rows


@dataclass
class FeedProgress:
    """How far one consumer has got; ``/metrics`` reports it (kit.metrics)."""

    feed: str
    # True while this process holds the feed's lock and reads it (one replica per feed).
    active: bool = False
    # Every event that occurred before this moment (epoch seconds) has been applied: the start
    # of the last poll that reached the feed's head, or, while full pages say more are waiting,
    # the time of the last event applied. The feed lag is now minus this.
    complete_through: float | None = None
    applied: int = 0


# Each database's consumers by feed, keyed by the app's sessionmaker, so that an app's
# /metrics finds its own consumers without the services wiring them up.
_PROGRESS: "weakref.WeakKeyDictionary[async_sessionmaker[AsyncSession], dict[str, FeedProgress]]"
_PROGRESS = weakref.WeakKeyDictionary()


def progress_of(sessionmaker: async_sessionmaker[AsyncSession]) -> list[FeedProgress]:
    return list(_PROGRESS.get(sessionmaker, {}).values())


class ClientCredentials:
    """Gets and keeps a token by OAuth2 client credentials, renewing it before it runs out."""

    def __init__(
        self, http: httpx.AsyncClient, token_url: str, client_id: str, secret: str
    ) -> None:
        self.http, self.token_url = http, token_url
        self.client_id, self.secret = client_id, secret
        self._token, self._expires_at = "", 0.0

    async def __call__(self) -> str:
        if time.monotonic() < self._expires_at - 60:
            return self._token
        response = await self.http.post(
            self.token_url,
            data={
                "grant_type": "client_credentials",
                "client_id": self.client_id,
                "client_secret": self.secret,
            },
        )
        response.raise_for_status()
        body = response.json()
        self._token = body["access_token"]
        self._expires_at = time.monotonic() + float(body.get("expires_in", 300))
        return self._token


class FeedConsumer:
    def __init__(
        self,
        *,
        feed: str,
        url: str,
        sessionmaker: async_sessionmaker[AsyncSession],
        cursor_table: Table,
        apply: Apply,
        token: Callable[[], Awaitable[str]],
        http: httpx.AsyncClient,
        batch: int = 500,
        idle_seconds: float = 2.0,
    ) -> None:
        self.feed, self.url, self.sessionmaker = feed, url, sessionmaker
        self.cursors, self.apply, self.token, self.http = cursor_table, apply, token, http
        self.batch, self.idle_seconds = batch, idle_seconds
        self.progress = FeedProgress(feed)
        _PROGRESS.setdefault(sessionmaker, {})[feed] = self.progress

    async def cursor(self) -> str | None:
        async with self.sessionmaker() as session:
            return await session.scalar(
                select(self.cursors.c.cursor).where(self.cursors.c.feed == self.feed)
            )

    async def run_once(self) -> int:
        """Fetch one page after the stored cursor and apply it; answers how many events came."""
        after = await self.cursor()
        polled_at = time.time()
        params: dict[str, Any] = {"limit": self.batch}
        if after:
            params["after"] = after
        response = await self.http.get(
            self.url, params=params, headers={"Authorization": f"Bearer {await self.token()}"}
        )
        response.raise_for_status()
        page = response.json()
        async with self.sessionmaker() as session, session.begin():
            # Re-read under the write lock: another consumer may have moved on meanwhile.
            stored = await session.scalar(
                select(self.cursors.c.cursor)
                .where(self.cursors.c.feed == self.feed)
                .with_for_update()
            )
            if stored != after:
                return 0
            await self.apply(session, page["items"])
            await self._store(session, page["next_cursor"], exists=stored is not None)
        self._advance(page["items"], polled_at)
        return len(page["items"])

    def _advance(self, items: list[Event], polled_at: float) -> None:
        self.progress.applied += len(items)
        if len(items) < self.batch:  # a short page: nothing older than the poll is waiting
            self.progress.complete_through = polled_at
        else:
            last = datetime.fromisoformat(items[-1]["occurred_at"])
            self.progress.complete_through = last.timestamp()

    async def _store(self, session: AsyncSession, cursor: str, *, exists: bool) -> None:
        values = {"cursor": cursor, "updated_at": utcnow()}
        if exists:
            await session.execute(
                self.cursors.update().where(self.cursors.c.feed == self.feed).values(**values)
            )
        else:
            await session.execute(self.cursors.insert().values(feed=self.feed, **values))

    async def run_forever(self) -> None:
        async with self._feed_lock():
            while True:
                try:
                    if await self.run_once() == 0:
                        await asyncio.sleep(self.idle_seconds)
                except (httpx.HTTPError, OSError) as exc:
                    log.warning("feed %s unreachable: %s", self.feed, exc)
                    await asyncio.sleep(self.idle_seconds * 5)

    @contextlib.asynccontextmanager
    async def _feed_lock(self) -> AsyncIterator[None]:
        """Hold the feed's lock on a connection of its own for as long as this consumer runs.

        A session gives its connection back to the pool when its transaction ends, and the lock
        would stay on it there: never released when the consumer stops (so no other replica
        takes over), or dropped unseen when the pool closes that connection.
        """
        engine: AsyncEngine | None = self.sessionmaker.kw.get("bind")
        if engine is None or not is_postgres(engine.dialect):
            with self._active():
                yield
            return
        async with engine.connect() as conn:
            key = await self._lock_key(conn)
            while not await conn.scalar(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}):
                await conn.rollback()
                await asyncio.sleep(self.idle_seconds * 5)
            await conn.commit()  # end the transaction; the session-level lock stays held
            try:
                with self._active():
                    yield
            finally:
                # Shielded: a cancelled consumer must still let go before its connection is reused.
                await asyncio.shield(self._unlock(conn, key))

    async def _lock_key(self, conn: AsyncConnection) -> int:
        """The lock of this feed as read by this service: services sharing one database (each
        in its own schema) read the same feed, and must not wait on each other."""
        reader = await conn.scalar(text("SELECT current_schema()"))
        await conn.rollback()
        name = f"{reader}:{self.feed}".encode()
        return int.from_bytes(hashlib.sha256(name).digest()[:7], "big")

    @contextlib.contextmanager
    def _active(self) -> Iterator[None]:
        # Until a poll succeeds, the lag counts from taking over: a feed never reached still
        # shows a growing lag rather than none.
        self.progress.active = True
        if self.progress.complete_through is None:
            self.progress.complete_through = time.time()
        try:
            yield
        finally:
            self.progress.active = False

    @staticmethod
    async def _unlock(conn: AsyncConnection, key: int) -> None:
        await conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
        await conn.commit()

    async def catch_up(self) -> int:
        """Apply pages until the feed has nothing new (a rebuild, a test); answers the count."""
        total = 0
        while count := await self.run_once():
            total += count
        return total


async def keep_consuming(consumer: FeedConsumer, pause: float) -> None:
    """Run ``consumer`` for as long as the task lives. FeedConsumer rides out an unreachable
    feed itself; anything else (a malformed page, a database hiccup) is logged and retried
    rather than ending the copy's updates for good."""
    while True:
        try:
            await consumer.run_forever()
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("feed %s consumer failed; retrying", consumer.feed)
            await asyncio.sleep(pause)


@dataclass(frozen=True)
class FeedSource:
    """One feed a service keeps a copy from: where it is, where its cursor is kept, what
    applies a page, and whether this process reads it (unit tests apply events themselves)."""

    feed: str  # the owning service's name, e.g. "registry"
    service_url: str
    cursor_table: Table
    apply: Apply
    enabled: bool
    idle_seconds: float

    def consumer(self, app: FastAPI, http: httpx.AsyncClient) -> FeedConsumer:
        """A consumer of this feed into the app's database, with the app's machine identity."""
        settings = app.state.settings
        return FeedConsumer(
            feed=self.feed,
            url=f"{self.service_url.rstrip('/')}/v1/feeds/{self.feed}",
            sessionmaker=app.state.sessionmaker,
            cursor_table=self.cursor_table,
            apply=self.apply,
            token=ClientCredentials(
                http, settings.token_url, settings.client_id, settings.client_secret
            ),
            http=http,
            idle_seconds=self.idle_seconds,
        )


def reading(
    source_of: Callable[[FastAPI], FeedSource],
) -> Callable[[FastAPI], contextlib.AbstractAsyncContextManager[None]]:
    """The app's background job (kit.app's ``background``) that keeps reading a feed."""

    @contextlib.asynccontextmanager
    async def keep_reading(app: FastAPI) -> AsyncIterator[None]:
        source = source_of(app)
        if not source.enabled:
            yield
            return
        async with consuming(lambda http: source.consumer(app, http), source.idle_seconds * 5):
            yield

    return keep_reading


@contextlib.asynccontextmanager
async def consuming(
    make: Callable[[httpx.AsyncClient], FeedConsumer], pause: float = 10.0
) -> AsyncIterator[None]:
    """Keep a consumer running in the background while the block runs (an app's lifespan)."""
    async with httpx.AsyncClient(timeout=10, trust_env=False) as http:
        task = asyncio.create_task(keep_consuming(make(http), pause))
        try:
            yield
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
