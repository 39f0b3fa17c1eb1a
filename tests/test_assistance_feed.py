"""The assistance service's registry copy, fed by the real registry in-process: registry writes
over its HTTP API, the assistance feed consumer reads them, and visits are checked against them.

Both services run on a database of their own (``<test database>_feed``), so this module never
touches the schemas the services' own suites rebuild. The same path across real processes,
with the registry stopped and restarted, is tests/test_system.py.
"""

import os
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from fastapi import FastAPI

from assistance.app import create_app as create_assistance
from assistance.models import feed_cursor
from assistance.registry_copy.apply import apply_events
from assistance.settings import AssistanceSettings
from kit import migrations
from kit.auth import Role
from kit.consumer import FeedConsumer
from kit.testing import DEFAULT_TEST_URL, KeyFiles, TokenFactory, on_sqlite
from registry.app import create_app as create_registry
from registry.settings import RegistrySettings
from registry.tests.factories import VILLAGE_A1, add_areas, household_body

pytestmark = pytest.mark.skipif(on_sqlite(), reason="PostgreSQL only")


async def _admin_sql(url: str, sql: str) -> None:
    base = url.replace("+asyncpg", "").rsplit("/", 1)[0]
    conn = await asyncpg.connect(f"{base}/postgres")
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


@pytest.fixture(scope="module")
async def apps(
    tmp_path_factory: pytest.TempPathFactory, test_keys: KeyFiles
) -> AsyncIterator[tuple[FastAPI, FastAPI]]:
    url = os.environ.get("FUMIN_TEST_DATABASE_URL", DEFAULT_TEST_URL) + "_feed"
    name = url.rsplit("/", 1)[1]
    await _admin_sql(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    await _admin_sql(url, f'CREATE DATABASE "{name}"')
    common: dict[str, Any] = {
        "environment": "test",
        "database_url": url,
        "data_dir": Path(tmp_path_factory.mktemp("feed")),
        "migrate_on_start": False,
        "jwks_url": "",
        "trusted_jwks_file": test_keys.jwks,
    }
    registry = create_registry(RegistrySettings(**common, signing_key_file=test_keys.private_pem))
    assistance = create_assistance(AssistanceSettings(**common, consume_registry=False))
    for app in (registry, assistance):
        await migrations.upgrade(app.state.engine, app.state.script_location, app.state.service)
    yield registry, assistance
    for app in (registry, assistance):
        await app.state.engine.dispose()
    await _admin_sql(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def client_of(app: FastAPI) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")


async def catch_up(registry: FastAPI, assistance: FastAPI, tokens: TokenFactory) -> int:
    """Run the assistance consumer against the registry until the feed has nothing new."""

    async def token() -> str:
        return tokens.token(Role.SERVICE, subject="assistance")

    async with client_of(registry) as http:
        consumer = FeedConsumer(
            feed="registry",
            url="http://test/v1/feeds/registry",
            sessionmaker=assistance.state.sessionmaker,
            cursor_table=feed_cursor,
            apply=apply_events,
            token=token,
            http=http,
            batch=3,  # several pages, so the cursor is exercised
        )
        total = 0
        while count := await consumer.run_once():
            total += count
        return total


async def test_registry_writes_reach_the_copy_and_decide_who_may_log_visits(apps, tokens):
    registry, assistance = apps
    admin = tokens.headers(Role.COUNTY_ADMIN)
    await add_areas(registry)
    async with client_of(registry) as reg, client_of(assistance) as asst:
        department = await reg.post(
            "/v1/departments", json={"name": "县农业农村局", "area_code": "331126"}, headers=admin
        )
        cadres = []
        for name in ("张帮扶", "李接手"):
            body = {
                "name": name,
                "department_id": department.json()["id"],
                "type": "agri_technician",
                "home_area_code": "331126101",
            }
            created = await reg.post("/v1/cadres", json=body, headers=admin)
            assert created.status_code == 201, created.text
            cadres.append(uuid.UUID(created.json()["id"]))
        zhang, li = cadres
        home = household_body(VILLAGE_A1, latitude=27.6185, longitude=119.062)
        household = await reg.post("/v1/households", json=home, headers=admin)
        assert household.status_code == 201, household.text
        household_id = household.json()["id"]
        start = (datetime.now(UTC) - timedelta(days=60)).date().isoformat()
        pairing = await reg.post(
            "/v1/pairings",
            json={"cadre_id": str(zhang), "household_id": household_id, "started_on": start},
            headers=admin,
        )
        assert pairing.status_code == 201, pairing.text

        assert await catch_up(registry, assistance, tokens) >= 4
        assert await catch_up(registry, assistance, tokens) == 0  # nothing twice

        visit = {
            "household_id": household_id,
            "mode": "in_person",
            "occurred_at": (datetime.now(UTC) - timedelta(days=3)).isoformat(),
            "latitude": 27.6185,
            "longitude": 119.062,
            "observations": {"housing": "屋顶已修好"},
        }
        by_zhang = await asst.put(
            f"/v1/visits/{uuid.uuid4()}",
            json=visit,
            headers=tokens.headers(Role.CADRE, cadre_id=zhang),
        )
        by_li = await asst.put(
            f"/v1/visits/{uuid.uuid4()}",
            json=visit,
            headers=tokens.headers(Role.CADRE, cadre_id=li),
        )
        assert by_zhang.status_code == 201, by_zhang.text
        assert by_zhang.json()["flags"]["distance_m"] == 0
        assert by_li.status_code == 422

        # Handed over yesterday: Li may log from then on; the copy keeps Zhang's as history.
        yesterday = (datetime.now(UTC) - timedelta(days=1)).date().isoformat()
        handover = await reg.post(
            "/v1/pairings/handover",
            json={"from_cadre_id": str(zhang), "to_cadre_id": str(li), "started_on": yesterday},
            headers=admin,
        )
        assert handover.status_code in {200, 201}, handover.text
        assert await catch_up(registry, assistance, tokens) >= 2
        today = {**visit, "occurred_at": datetime.now(UTC).isoformat()}
        li_now = await asst.put(
            f"/v1/visits/{uuid.uuid4()}",
            json=today,
            headers=tokens.headers(Role.CADRE, cadre_id=li),
        )
        zhang_now = await asst.put(
            f"/v1/visits/{uuid.uuid4()}",
            json=today,
            headers=tokens.headers(Role.CADRE, cadre_id=zhang),
        )
        assert li_now.status_code == 201 and li_now.json()["cadre_id"] == str(li)
        assert zhang_now.status_code == 422
        schedule = await asst.get("/v1/schedule", headers=tokens.headers(Role.COUNTY_ADMIN))
        [due] = schedule.json()["items"]
        assert (due["cadre_id"], due["cadre_name"], due["status"]) == (str(li), "李接手", "visited")
