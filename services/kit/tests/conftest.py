"""The kit's own bench: a tiny app with an outbox, its feed and an ``item`` table, in ``kit_test``.

The kit has no service of its own, so there are no migrations: the tables are made from
metadata once per run, in their own PostgreSQL schema (or a temp SQLite file for the smoke run).
"""

from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import APIRouter, FastAPI
from sqlalchemy import Column, Integer, String, Table, text
from sqlalchemy.ext.asyncio import AsyncEngine

from kit import migrations
from kit.auth import Principal
from kit.db import UTCDateTime, is_postgres, make_engine, make_sessionmaker, new_metadata
from kit.feed import feed_router
from kit.outbox import TABLE, feed_cursor_table, outbox_table
from kit.problems import install_problem_handlers
from kit.testing import KeyFiles, database_url_for_tests, empty_tables, on_sqlite
from kit.tokens import TokenVerifier

SCHEMA = "kit_test"
FEED = "/v1/feeds/kit"

metadata = new_metadata()
outbox = outbox_table(metadata)
cursors = feed_cursor_table(metadata)
item = Table(
    "item",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("name", String(80), nullable=False, unique=True),
    Column("area_code", String(12), nullable=True),
    Column("version", Integer, nullable=False, default=0),
    Column("created_at", UTCDateTime, nullable=True),
)
# What a feed consumer derives from the ``item`` events.
copy = Table(
    "copy",
    metadata,
    Column("aggregate_id", String(64), primary_key=True),
    Column("version", Integer, nullable=False),
    Column("mark", String(64), nullable=False),
)


def mask(event: dict[str, Any], principal: Principal) -> dict[str, Any] | None:
    """The bench's masker: nothing outside the reader's area, and ``secret`` blanked."""
    if not principal.covers(event["area_code"]):
        return None
    data = dict(event["data"])
    if "secret" in data:
        data["secret"] = "***"
    return {**event, "data": data}


def sqlite_url(folder: Path) -> str:
    return f"sqlite+aiosqlite:///{folder / 'kit.db'}"


async def create_store(url: str) -> AsyncEngine:
    """A fresh schema (PostgreSQL) or file (SQLite) holding the bench's tables."""
    engine = make_engine(url, schema=SCHEMA)
    await migrations.drop_everything(engine, SCHEMA)
    async with engine.begin() as conn:
        if is_postgres(engine.dialect):
            await conn.execute(text(f'CREATE SCHEMA "{SCHEMA}"'))
        await conn.run_sync(metadata.create_all)
    return engine


def build_app(
    engine: AsyncEngine, verifier: TokenVerifier, routers: Sequence[APIRouter] = ()
) -> FastAPI:
    """Wired as kit.app.create_service_app wires a service, without migrations or lifespan."""
    app = FastAPI()
    app.state.engine = engine
    app.state.sessionmaker = make_sessionmaker(engine)
    app.state.sessionmaker.configure(info={TABLE: outbox})
    app.state.verifier = verifier
    install_problem_handlers(app)
    app.include_router(feed_router("kit", outbox, mask))
    for router in routers:
        app.include_router(router)
    return app


@pytest.fixture(scope="session")
def verifier(test_keys: KeyFiles) -> TokenVerifier:
    # Trusts the test key outright, as services trust the configured JWKS file.
    return TokenVerifier(
        issuer="fumin-registry", audience="fumin", trusted_keys=[test_keys.key.public_jwk]
    )


@pytest.fixture(scope="session")
def store_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    if on_sqlite():
        return sqlite_url(tmp_path_factory.mktemp("kit-store"))
    return database_url_for_tests()


@pytest.fixture(scope="session")
async def app(store_url: str, verifier: TokenVerifier) -> AsyncIterator[FastAPI]:
    """The bench on the run's store (PostgreSQL, or SQLite for the smoke run)."""
    engine = await create_store(store_url)
    yield build_app(engine, verifier)
    await engine.dispose()


@pytest.fixture(scope="session")
async def sqlite_app(
    tmp_path_factory: pytest.TempPathFactory, verifier: TokenVerifier
) -> AsyncIterator[FastAPI]:
    """The bench on a SQLite file, whichever store the run uses."""
    engine = await create_store(sqlite_url(tmp_path_factory.mktemp("kit-sqlite")))
    yield build_app(engine, verifier)
    await engine.dispose()


@pytest.fixture
async def sqlite_client(sqlite_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=sqlite_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        yield http
    await empty_tables(sqlite_app)
