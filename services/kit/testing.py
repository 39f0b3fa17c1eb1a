"""pytest fixtures every service's tests use (loaded as a plugin: ``-p kit.testing``).

Tests run against real PostgreSQL (``FUMIN_TEST_DATABASE_URL``, default the local ``fumin_test``
database) or, for the smoke subset, SQLite (``FUMIN_TEST_STORE=sqlite``). Each service's schema is
dropped and rebuilt by its own migrations once per run. Tests commit for real (the feed and
concurrency tests need committed rows), and every table is emptied after each test.

A service's conftest makes its ``app`` fixture with ``app_fixture``.
"""

import asyncio
import json
import os
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import MetaData, text

from kit import clock, migrations
from kit.db import is_postgres
from kit.tokens import SigningKey, generate_private_pem, issue, jwks, signing_key_from_pem

DEFAULT_TEST_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/fumin_test"


def on_sqlite() -> bool:
    return os.environ.get("FUMIN_TEST_STORE", "postgresql") == "sqlite"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if on_sqlite():
        skip = pytest.mark.skip(reason="PostgreSQL only (the SQLite run takes the smoke subset)")
        for item in items:
            if "smoke" not in item.keywords:
                item.add_marker(skip)


def database_url_for_tests() -> str:
    """The test database on PostgreSQL, created if it is missing."""
    url = os.environ.get("FUMIN_TEST_DATABASE_URL", DEFAULT_TEST_URL)
    asyncio.run(_create_database(url))
    return url


async def _create_database(url: str) -> None:
    base, _, name = url.replace("+asyncpg", "").rpartition("/")
    conn = await asyncpg.connect(f"{base}/postgres")
    try:
        if not await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name):
            await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()


@dataclass(frozen=True)
class KeyFiles:
    key: SigningKey
    private_pem: Path
    jwks: Path


@pytest.fixture
def set_clock() -> Iterator[Callable[[str], None]]:
    """Set the kit's clock for one test (kit/clock.py's settings); the wall clock again after."""
    yield clock.set_clock
    clock.set_clock("")


@pytest.fixture(scope="session")
def test_keys(tmp_path_factory: pytest.TempPathFactory) -> KeyFiles:
    folder = tmp_path_factory.mktemp("keys")
    key = signing_key_from_pem(generate_private_pem())
    (folder / "signing.pem").write_text(key.private_pem)
    (folder / "jwks.json").write_text(json.dumps(jwks([key])))
    return KeyFiles(key, folder / "signing.pem", folder / "jwks.json")


@pytest.fixture(scope="session")
def app_settings(tmp_path_factory: pytest.TempPathFactory, test_keys: KeyFiles) -> dict[str, Any]:
    """Keyword arguments for a service's settings in tests (store, data folder, trusted keys)."""
    database_url = "" if on_sqlite() else database_url_for_tests()
    return {
        "environment": "test",
        "database_url": database_url,
        "data_dir": tmp_path_factory.mktemp("data"),
        "migrate_on_start": False,
        "jwks_url": "",
        "revocation_poll_seconds": 0,  # no registry to poll (tests/test_revocation.py does)
        "trusted_jwks_file": test_keys.jwks,
    }


def app_fixture(build: Callable[[dict[str, Any], KeyFiles], FastAPI]) -> Any:
    """Make a service's ``app`` fixture: the service, on a database its own migrations have just
    built. Each service's conftest says ``app = app_fixture(...)``, so each gets its own."""

    @pytest.fixture(scope="session")
    async def app(app_settings: dict[str, Any], test_keys: KeyFiles) -> AsyncIterator[FastAPI]:
        service_app = build(app_settings, test_keys)
        engine = service_app.state.engine
        name = service_app.state.service
        await migrations.drop_everything(engine, name)
        await migrations.upgrade(engine, service_app.state.script_location, name)
        yield service_app
        await engine.dispose()

    return app


async def empty_tables(app: FastAPI) -> None:
    engine = app.state.engine
    async with engine.begin() as conn:
        reflected = MetaData()
        await conn.run_sync(reflected.reflect)
        tables = [t for t in reflected.sorted_tables if t.name != "alembic_version"]
        if not tables:
            return
        if is_postgres(engine.dialect):
            names = ", ".join(f'"{t.name}"' for t in tables)
            await conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in reversed(tables):
                await conn.execute(table.delete())


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        yield http
    await empty_tables(app)


@dataclass(frozen=True)
class TokenFactory:
    """Mints real signed tokens, so tests go through the same checks as production."""

    key: SigningKey
    issuer: str = "fumin-registry"
    audience: str = "fumin"

    def token(
        self,
        *roles: str,
        area: str = "",
        cadre_id: uuid.UUID | None = None,
        scopes: str = "",
        subject: str | None = None,
        ttl: int = 600,
    ) -> str:
        claims: dict[str, Any] = {
            "sub": subject or str(uuid.uuid4()),
            "iss": self.issuer,
            "aud": self.audience,
            "roles": list(roles),
            "area": area,
            "scope": scopes,
        }
        if cadre_id:
            claims["cadre_id"] = str(cadre_id)
        return issue(self.key, claims, ttl)

    def headers(self, *roles: str, **kwargs: Any) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token(*roles, **kwargs)}"}


@pytest.fixture(scope="session")
def tokens(test_keys: KeyFiles) -> TokenFactory:
    return TokenFactory(test_keys.key)
