"""deploy/backup.sh and deploy/restore.sh for real: a database with rows in every service's
schema, dumped, wiped (dropped and made anew), restored, and compared table by table.

The database is ``<test database>_backup``, made and dropped here, so no other suite's schemas
are touched. The rows come from the services' own code: the registry's demo county (a few
households), and the assistance and indicators copies read from its feed by their consumers.
"""

import asyncio
import os
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest

from assistance.app import create_app as create_assistance
from assistance.registry_copy.consumer import registry_feed as assistance_feed
from assistance.settings import AssistanceSettings
from indicators.app import create_app as create_indicators
from indicators.registry_copy.consumer import registry_feed as indicators_feed
from indicators.settings import IndicatorsSettings
from kit import migrations
from kit.testing import DEFAULT_TEST_URL, KeyFiles, on_sqlite
from registry.app import create_app as create_registry
from registry.auth.service import ensure_service_clients
from registry.demo import load_demo
from registry.settings import RegistrySettings

pytestmark = pytest.mark.skipif(on_sqlite(), reason="PostgreSQL only")

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"
SCHEMAS = ("registry", "assistance", "indicators")
Fingerprint = dict[tuple[str, str], tuple[int, str]]


def libpq(url: str) -> str:
    return url.replace("+asyncpg", "")


async def admin_sql(url: str, sql: str) -> None:
    conn = await asyncpg.connect(libpq(url).rsplit("/", 1)[0] + "/postgres")
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


async def remake_database(url: str) -> None:
    """Drop the database (whoever is connected) and make it again, empty."""
    name = url.rsplit("/", 1)[1]
    await admin_sql(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    await admin_sql(url, f'CREATE DATABASE "{name}"')


async def fingerprint(url: str) -> Fingerprint:
    """(schema, table) → (rows, md5 of every row's text in a fixed order), for Fumin's schemas."""
    conn = await asyncpg.connect(libpq(url))
    try:
        tables = await conn.fetch(
            "SELECT table_schema, table_name FROM information_schema.tables"
            " WHERE table_type = 'BASE TABLE' AND table_schema = ANY($1::text[])",
            list(SCHEMAS),
        )
        found: Fingerprint = {}
        for schema, table in tables:
            name = f'"{schema}"."{table}"'
            rows, digest = await conn.fetchrow(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), ''))"
                f" FROM {name} AS t"
            )
            found[schema, table] = (rows, digest)
        return found
    finally:
        await conn.close()


def files_in(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


async def run(*command: str) -> subprocess.CompletedProcess[str]:
    return await asyncio.to_thread(
        subprocess.run, command, capture_output=True, text=True, check=False
    )


@pytest.fixture(scope="module")
async def database(
    tmp_path_factory: pytest.TempPathFactory, test_keys: KeyFiles
) -> AsyncIterator[str]:
    """A migrated database with rows in every service's schema; its URL (asyncpg's)."""
    url = os.environ.get("FUMIN_TEST_DATABASE_URL", DEFAULT_TEST_URL) + "_backup"
    await remake_database(url)
    common: dict[str, Any] = {
        "environment": "test",
        "database_url": url,
        "data_dir": tmp_path_factory.mktemp("backup"),
        "migrate_on_start": False,
        "jwks_url": "",
        "trusted_jwks_file": test_keys.jwks,
        "registry_url": "http://registry",
        "token_url": "http://registry/v1/auth/token",
    }
    registry = create_registry(RegistrySettings(**common, signing_key_file=test_keys.private_pem))
    assistance = create_assistance(AssistanceSettings(**common))
    indicators = create_indicators(IndicatorsSettings(**common))
    apps = (registry, assistance, indicators)
    for app in apps:
        await migrations.upgrade(app.state.engine, app.state.script_location, app.state.service)

    assert await load_demo(registry, households=25, seed=7)
    async with registry.state.sessionmaker.begin() as session:
        await ensure_service_clients(session, registry.state.settings)
    transport = httpx.ASGITransport(app=registry)
    async with httpx.AsyncClient(transport=transport, base_url="http://registry") as http:
        assert await assistance_feed(assistance).consumer(assistance, http).catch_up() > 0
        assert await indicators_feed(indicators).consumer(indicators, http).catch_up() > 0
    for app in apps:
        await app.state.engine.dispose()

    yield url
    await admin_sql(url, f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')


async def test_a_backup_restored_into_a_wiped_database_has_the_same_rows(
    database: str, tmp_path: Path
) -> None:
    before = await fingerprint(database)
    for schema in SCHEMAS:
        rows = sum(n for (s, _), (n, _) in before.items() if s == schema)
        assert rows > 0, f"the {schema} schema should hold rows before the backup"
        assert before[schema, "alembic_version"][0] == 1

    dump = tmp_path / "fumin.dump"
    backup = await run(str(DEPLOY / "backup.sh"), database, str(dump))
    assert backup.returncode == 0, backup.stderr
    assert dump.stat().st_size > 0
    assert files_in(tmp_path) == ["fumin.dump"], "no half-written file is left behind"

    await remake_database(database)
    assert await fingerprint(database) == {}

    restore = await run(str(DEPLOY / "restore.sh"), database, str(dump))
    assert restore.returncode == 0, restore.stderr
    assert await fingerprint(database) == before


async def test_restore_refuses_a_database_holding_data_unless_told_to_wipe_it(
    database: str, tmp_path: Path
) -> None:
    dump = tmp_path / "fumin.dump"
    assert (await run(str(DEPLOY / "backup.sh"), database, str(dump))).returncode == 0
    before = await fingerprint(database)

    refused = await run(str(DEPLOY / "restore.sh"), database, str(dump))
    assert refused.returncode == 1
    assert "--wipe" in refused.stderr
    assert await fingerprint(database) == before, "nothing was touched"

    # Rows written after the backup are gone once it is restored over them with --wipe.
    conn = await asyncpg.connect(libpq(database))
    try:
        await conn.execute('DELETE FROM "indicators"."feed_cursor"')
    finally:
        await conn.close()
    assert await fingerprint(database) != before
    wiped = await run(str(DEPLOY / "restore.sh"), database, str(dump), "--wipe")
    assert wiped.returncode == 0, wiped.stderr
    assert await fingerprint(database) == before


async def test_the_scripts_answer_usage_and_leave_no_file_when_the_database_is_unreachable(
    tmp_path: Path,
) -> None:
    assert (await run(str(DEPLOY / "backup.sh"))).returncode == 2
    assert (await run(str(DEPLOY / "restore.sh"), "x", "y", "--force")).returncode == 2
    out = tmp_path / "never.dump"
    failed = await run(str(DEPLOY / "backup.sh"), "postgresql://nobody@127.0.0.1:1/none", str(out))
    assert failed.returncode != 0
    assert files_in(tmp_path) == []
