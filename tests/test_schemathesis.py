"""Schemathesis over the registry's OpenAPI document: generated requests from a county admin,
sent to the in-process app on PostgreSQL holding a small demo county. No answer may be a 5xx,
and every answer must match the document (status, content type, body schema).

The app runs on an event loop of its own (a thread), so its asyncpg pool lives on one loop
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

from kit import migrations
from kit.auth import Role
from kit.testing import DEFAULT_TEST_URL, KeyFiles, TokenFactory, on_sqlite
from registry.app import create_app
from registry.demo import load_demo
from registry.settings import RegistrySettings

EXAMPLES = 6  # per operation: the whole run stays within about two minutes
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]

pytestmark = pytest.mark.skipif(on_sqlite(), reason="runs on PostgreSQL")


def document_app(folder: Path) -> FastAPI:
    database = f"sqlite+aiosqlite:///{folder / 'document.db'}"
    return create_app(RegistrySettings(data_dir=folder, database_url=database, jwks_url=""))


schema = schemathesis.openapi.from_dict(document_app(Path(tempfile.mkdtemp())).openapi())
# The coverage phase walks every boundary of every field whatever max_examples says; the
# bounded fuzzing (and the document's own examples) keeps the run within the test command's time.
schema.config.phases.coverage.enabled = False


class LoopThread:
    """An event loop in a thread of its own; coroutines are run on it and waited for."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    def run(self, coroutine: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout=60)

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join()


def database_url() -> str:
    base = os.environ.get("FUMIN_TEST_DATABASE_URL", DEFAULT_TEST_URL)
    return base + "_schemathesis"


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


class Registry:
    def __init__(self, app: FastAPI, runner: LoopThread) -> None:
        self.app, self.runner = app, runner
        self.http = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t")

    def send(self, request: dict[str, Any]) -> httpx.Response:
        response: httpx.Response = self.runner.run(self._send(request))
        return response

    async def _send(self, kwargs: dict[str, Any]) -> httpx.Response:
        if kwargs.get("files"):
            kwargs["files"] = [(name, as_file(part)) for name, part in _pairs(kwargs["files"])]
        request = self.http.build_request(**kwargs)
        await request.aread()  # a multipart body is a stream; the checks read it afterwards
        return await self.http.send(request)


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory, test_keys: KeyFiles) -> Iterator[Registry]:
    url = database_url()
    runner = LoopThread()
    runner.run(create_database(url))
    app = create_app(
        RegistrySettings(
            environment="test",
            database_url=url,
            data_dir=tmp_path_factory.mktemp("schemathesis"),
            migrate_on_start=False,
            jwks_url="",
            trusted_jwks_file=test_keys.jwks,
            signing_key_file=test_keys.private_pem,
        )
    )

    async def build() -> None:
        await migrations.drop_everything(app.state.engine, "registry")
        await migrations.upgrade(app.state.engine, app.state.script_location, "registry")
        await load_demo(app, households=20)

    runner.run(build())
    registry = Registry(app, runner)
    yield registry
    runner.run(registry.http.aclose())
    runner.run(app.state.engine.dispose())
    runner.stop()


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_the_registry_answers_as_its_document_says(
    case: Any, registry: Registry, tokens: TokenFactory
) -> None:
    headers = tokens.headers(Role.COUNTY_ADMIN, area="331126")
    request = case.as_transport_kwargs(base_url="http://t", headers=headers)
    request.pop("cookies", None)  # the API reads no cookies; httpx wants them on the client
    response = registry.send(request)
    case.validate_response(response, checks=CHECKS)
