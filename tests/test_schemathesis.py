"""Schemathesis over the whole merged OpenAPI document, sent THROUGH THE GATEWAY: generated
requests (the document's examples, then fuzzing) from a county admin and from a township officer
go to the real gateway app, which routes each to the in-process service that owns its path. The
three services run on PostgreSQL databases of their own holding a small demo county: the
registry's demo, assistance's demo year made from the registry's feed, and indicators' read
models built from both feeds. No answer may be a 5xx, and every answer must match the document
(status, content type, body schema).

The apps run on an event loop of their own (a thread), so their asyncpg pools live on one loop
while hypothesis drives the test synchronously.
"""

import asyncio
import os
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from assistance.app import create_app as assistance_app
from assistance.demo.load import load_activity
from assistance.models import feed_cursor as assistance_cursors
from assistance.registry_copy.apply import apply_events as assistance_applies_registry
from assistance.settings import AssistanceSettings
from gateway.openapi import merge
from indicators.app import create_app as indicators_app
from indicators.assistance_copy.apply import apply_assistance_events
from indicators.models import feed_cursor as indicators_cursors
from indicators.registry_copy.apply import apply_events as indicators_applies_registry
from indicators.settings import IndicatorsSettings
from kit import migrations
from kit.auth import Role
from kit.consumer import FeedConsumer
from kit.db import utcnow
from kit.testing import DEFAULT_TEST_URL, KeyFiles, TokenFactory, on_sqlite
from registry.app import create_app as registry_app
from registry.demo import load_demo
from registry.settings import RegistrySettings
from tests.in_process import HostRouter, gateway_to
from tests.test_openapi_contract import service_apps

# Fuzzed cases per operation and caller: the whole run (about 120 operations × two callers, the
# document's examples besides) stays within a few minutes.
EXAMPLES = 4
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
SERVICES = ("registry", "assistance", "indicators")
# Who calls: the county admin sees the whole county; a township officer one township of it.
CALLERS = {
    "county-admin": (Role.COUNTY_ADMIN, "331126"),
    "township-officer": (Role.TOWNSHIP_OFFICER, "331126001"),
}

pytestmark = pytest.mark.skipif(on_sqlite(), reason="runs on PostgreSQL")


def merged_document(folder: Path) -> dict[str, Any]:
    return merge({name: app.openapi() for name, app in service_apps(folder).items()})


schema = schemathesis.openapi.from_dict(merged_document(Path(tempfile.mkdtemp())))
# The coverage phase walks every boundary of every field whatever max_examples says; the
# bounded fuzzing (and the document's own examples) keeps the run within the test command's time.
schema.config.phases.coverage.enabled = False


class LoopThread:
    """An event loop in a thread of its own; coroutines are run on it and waited for."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    def run(self, coroutine: Any, timeout: float = 60) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout=timeout)

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join()


def database_url(service: str) -> str:
    """One database per service (the registry's keeps the name it always had)."""
    base = os.environ.get("FUMIN_TEST_DATABASE_URL", DEFAULT_TEST_URL) + "_schemathesis"
    return base if service == "registry" else f"{base}_{service}"


async def create_database(url: str) -> None:
    server, _, name = url.replace("+asyncpg", "").rpartition("/")
    conn = await asyncpg.connect(f"{server}/postgres")
    try:
        if not await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name):
            await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()


def _pairs(files: Any) -> list[tuple[str, Any]]:
    return list(files.items()) if isinstance(files, dict) else list(files)


def as_file(part: Any) -> Any:
    """A generated multipart part as httpx takes it: requests accepts any value, httpx only
    bytes, text or files (generated parts may be numbers, or null)."""
    if isinstance(part, tuple):
        return (part[0], as_file(part[1]), *part[2:])
    if isinstance(part, bytes | str):
        return part
    return str(part).encode()


class Services:
    def __init__(self, apps: dict[str, FastAPI], gateway: FastAPI, runner: LoopThread) -> None:
        self.apps, self.runner = apps, runner
        self.http = httpx.AsyncClient(transport=HostRouter(apps))
        self.gateway = gateway
        self.through_gateway = httpx.AsyncClient(transport=httpx.ASGITransport(app=gateway))

    def send(self, request: dict[str, Any]) -> httpx.Response:
        """One generated request to the gateway, as a client would send it."""
        response: httpx.Response = self.runner.run(self._send(request))
        return response

    async def _send(self, kwargs: dict[str, Any]) -> httpx.Response:
        if kwargs.get("files"):
            kwargs["files"] = [(name, as_file(part)) for name, part in _pairs(kwargs["files"])]
        request = self.through_gateway.build_request(**kwargs)
        await request.aread()  # a multipart body is a stream; the checks read it afterwards
        return await self.through_gateway.send(request)

    async def aclose(self) -> None:
        await self.through_gateway.aclose()
        await self.gateway.state.http.aclose()
        await self.http.aclose()


def service_settings(service: str, folder: Path, keys: KeyFiles) -> dict[str, Any]:
    settings: dict[str, Any] = {
        "environment": "test",
        "database_url": database_url(service),
        "data_dir": folder / service,
        "migrate_on_start": False,
        "jwks_url": "",
        "trusted_jwks_file": keys.jwks,
    }
    if service == "registry":
        return settings | {"signing_key_file": keys.private_pem}
    # Their feeds are read once below, not by the apps' own (lifespan) consumers.
    return settings | {"registry_url": "http://registry", "consume_registry": False}


def build_apps(folder: Path, keys: KeyFiles) -> dict[str, FastAPI]:
    return {
        "registry": registry_app(RegistrySettings(**service_settings("registry", folder, keys))),
        "assistance": assistance_app(
            AssistanceSettings(**service_settings("assistance", folder, keys))
        ),
        "indicators": indicators_app(
            IndicatorsSettings(
                **service_settings("indicators", folder, keys),
                assistance_url="http://assistance",
                consume_assistance=False,
            )
        ),
    }


async def catch_up(
    services: Services, app: FastAPI, feed: str, cursors: Any, apply: Any, token: str
) -> int:
    """Read ``feed`` to its end into ``app`` as its own consumer would (a service token)."""

    async def service_token() -> str:
        return token

    consumer = FeedConsumer(
        feed=feed,
        url=f"http://{feed}/v1/feeds/{feed}",
        sessionmaker=app.state.sessionmaker,
        cursor_table=cursors,
        apply=apply,
        token=service_token,
        http=services.http,
    )
    return await consumer.catch_up()


async def seed(services: Services, token: str) -> None:
    """The demo county in every service, as `make demo` would leave it."""
    registry, assistance, indicators = (services.apps[name] for name in SERVICES)
    await load_demo(registry, households=20)
    registry_events = (assistance_cursors, assistance_applies_registry)
    assert await catch_up(services, assistance, "registry", *registry_events, token)
    await load_activity(assistance, assistance.state.photo_store, utcnow())
    await catch_up(
        services, indicators, "registry", indicators_cursors, indicators_applies_registry, token
    )
    await catch_up(
        services, indicators, "assistance", indicators_cursors, apply_assistance_events, token
    )


@pytest.fixture(scope="module")
def services(
    tmp_path_factory: pytest.TempPathFactory, test_keys: KeyFiles, tokens: TokenFactory
) -> Iterator[Services]:
    runner = LoopThread()
    for service in SERVICES:
        runner.run(create_database(database_url(service)))
    apps = build_apps(tmp_path_factory.mktemp("schemathesis"), test_keys)

    async def build() -> None:
        for name, app in apps.items():
            await migrations.drop_everything(app.state.engine, name)
            await migrations.upgrade(app.state.engine, app.state.script_location, name)

    runner.run(build())
    services = Services(apps, gateway_to(apps, test_keys), runner)
    runner.run(seed(services, tokens.token(Role.SERVICE)), timeout=300)
    yield services
    runner.run(services.aclose())
    for app in apps.values():
        runner.run(app.state.engine.dispose())
    runner.stop()


@schema.parametrize()
@pytest.mark.parametrize("caller", CALLERS)
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_the_api_answers_through_the_gateway_as_its_document_says(
    case: Any, caller: str, services: Services, tokens: TokenFactory
) -> None:
    role, area = CALLERS[caller]
    headers = tokens.headers(role, area=area)
    request = case.as_transport_kwargs(base_url="http://gateway", headers=headers)
    request.pop("cookies", None)  # the API reads no cookies; httpx wants them on the client
    response = services.send(request)
    case.validate_response(response, checks=CHECKS)
