"""Engines, sessions and column types for PostgreSQL (asyncpg) and SQLite (aiosqlite).

The URL picks the store. On PostgreSQL each service lives in its own schema, set as the
connection's search_path, so table names stay unqualified in models and migrations.
"""

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy import JSON, BigInteger, DateTime, Integer, MetaData, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.types import TypeDecorator

from kit import clock

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_metadata() -> MetaData:
    return MetaData(naming_convention=NAMING_CONVENTION)


def is_postgres(url_or_dialect: str | Dialect) -> bool:
    name = url_or_dialect if isinstance(url_or_dialect, str) else url_or_dialect.name
    return name.startswith("postgresql")


class UTCDateTime(TypeDecorator[datetime]):
    """Stores UTC; always gives back an aware datetime (SQLite forgets the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; times are stored in UTC")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


# JSONB on PostgreSQL, plain JSON on SQLite.
JSONType = JSON().with_variant(JSONB(), "postgresql")
# 64-bit keys on PostgreSQL; SQLite only autoincrements a plain INTEGER PRIMARY KEY.
BigIntKey = BigInteger().with_variant(Integer(), "sqlite")


class NulInText(Exception):
    """A text parameter held a NUL character (SQLite's twin of PostgreSQL's SQLSTATE 22021)."""


def utcnow() -> datetime:
    """Now, in UTC, from the kit's clock (which tests and the demo can set)."""
    return clock.now()


def make_engine(url: str, schema: str) -> AsyncEngine:
    if is_postgres(url):
        return create_async_engine(
            url,
            pool_pre_ping=True,
            pool_size=10,
            # asyncpg prepares every statement, and after five runs PostgreSQL may switch to a
            # generic plan that ignores the actual area prefix and category: on skewed data
            # (one township of 50,000 households, a category of a quarter) that plan scans far
            # more rows. A fresh plan per query costs well under a millisecond.
            connect_args={
                "server_settings": {"search_path": schema, "plan_cache_mode": "force_custom_plan"}
            },
        )
    if url.startswith("sqlite"):
        return _sqlite_engine(url)
    raise ValueError(f"database_url: unsupported store {url.split(':', 1)[0]!r}")


def _sqlite_engine(url: str) -> AsyncEngine:
    path = url.split(":///", 1)[1] if ":///" in url else ""
    if path and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    engine = create_async_engine(url, connect_args={"timeout": 30})

    @event.listens_for(engine.sync_engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, open transactions, so BEGIN IMMEDIATE below applies.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine.sync_engine, "before_cursor_execute")
    def _no_nul(
        _conn: Any, _cursor: Any, _statement: str, parameters: Any, _context: Any, many: bool
    ) -> None:
        # PostgreSQL refuses text holding NUL (kit.problems answers it as bad input); SQLite
        # would store it. Refuse it here too, so both stores keep the same data.
        for row in parameters if many else [parameters]:
            values = row.values() if isinstance(row, dict) else row or ()
            if any(isinstance(value, str) and "\x00" in value for value in values):
                raise NulInText

    @event.listens_for(engine.sync_engine, "begin")
    def _begin_immediate(connection: Any) -> None:
        # One writer at a time, taken up front: no "database is locked" on lock upgrade, and
        # outbox rows are numbered in commit order, as on PostgreSQL (see kit.outbox).
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)


# session.info: who the request's writes are by (kit.auth keeps the principal on the request;
# kit.write_audit logs the writes under it as the session commits).
WRITE_ACTOR = "write_actor"


async def _request_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One session per request, committed before the response is sent (scope="function").

    Services never commit; a raised error rolls everything back, outbox rows included.
    """
    async with request.app.state.sessionmaker() as session:
        try:
            yield session
            session.info[WRITE_ACTOR] = getattr(request.state, "principal", None)
            await session.commit()
        except BaseException:
            await session.rollback()
            raise


SessionDep = Annotated[AsyncSession, Depends(_request_session, scope="function")]


def insert_for(session: AsyncSession) -> Any:
    """``postgresql.insert`` or ``sqlite.insert`` for the session's store: each knows
    ``on_conflict_do_*``, which the generic ``insert`` does not."""
    return postgresql.insert if is_postgres(session.get_bind().dialect) else sqlite.insert
