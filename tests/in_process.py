"""The real gateway in front of the three real services, all in one process: requests go
through the gateway's path checks, routing and proxy to each service's app over ASGI."""

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
from fastapi import FastAPI

from assistance.app import create_app as assistance_app
from assistance.settings import AssistanceSettings
from gateway.app import create_app as gateway_app
from gateway.settings import GatewaySettings
from indicators.app import create_app as indicators_app
from indicators.settings import IndicatorsSettings
from kit import migrations
from kit.testing import KeyFiles
from registry.app import create_app as registry_app
from registry.settings import RegistrySettings

SERVICES = ("registry", "assistance", "indicators")


class HostRouter(httpx.AsyncBaseTransport):
    """``http://<service>/…`` to that service's in-process app, as the gateway would route."""

    def __init__(self, apps: dict[str, FastAPI]) -> None:
        self.transports = {name: httpx.ASGITransport(app=app) for name, app in apps.items()}

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self.transports[request.url.host].handle_async_request(request)


def gateway_to(apps: dict[str, FastAPI], keys: KeyFiles) -> FastAPI:
    """The gateway, its upstream client reaching ``apps``; no rate limit (tests send many
    requests from one caller)."""
    settings = GatewaySettings(
        registry_url="http://registry",
        assistance_url="http://assistance",
        indicators_url="http://indicators",
        frontend_dist=Path("/nonexistent"),
        rate_limit_per_second=0,
        client_rate_limit_per_second=0,
        jwks_url="",
        trusted_jwks_file=keys.jwks,
    )
    return gateway_app(settings, http=httpx.AsyncClient(transport=HostRouter(apps)))


def sqlite_service_apps(folder: Path, keys: KeyFiles) -> dict[str, FastAPI]:
    """The three services on SQLite files of their own, trusting the test key; feeds are not
    read (nothing runs their lifespans)."""
    common: dict[str, Any] = {
        "environment": "test",
        "data_dir": folder,
        "migrate_on_start": False,
        "jwks_url": "",
        "trusted_jwks_file": keys.jwks,
    }
    fed: dict[str, Any] = {"registry_url": "http://registry", "consume_registry": False}
    return {
        "registry": registry_app(RegistrySettings(**common, signing_key_file=keys.private_pem)),
        "assistance": assistance_app(AssistanceSettings(**common, **fed)),
        "indicators": indicators_app(
            IndicatorsSettings(
                **common, **fed, assistance_url="http://assistance", consume_assistance=False
            )
        ),
    }


@contextlib.asynccontextmanager
async def gateway_over_sqlite(folder: Path, keys: KeyFiles) -> AsyncIterator[httpx.AsyncClient]:
    """A client of the gateway in front of the services on fresh SQLite files (their
    migrations run first)."""
    apps = sqlite_service_apps(folder, keys)
    for name, app in apps.items():
        await migrations.upgrade(app.state.engine, app.state.script_location, name)
    gateway = gateway_to(apps, keys)
    transport = httpx.ASGITransport(app=gateway)
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as client:
            yield client
    finally:
        await gateway.state.http.aclose()
        for app in apps.values():
            await app.state.engine.dispose()
