"""The gateway in-process, in front of real HTTP servers standing in for the services."""

import contextlib
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest

from gateway.app import create_app
from gateway.settings import GatewaySettings
from gateway.tests.live_server import LiveServer, closed_port_url
from gateway.tests.upstreams import assistance_stub, registry_stub

UPSTREAM_TIMEOUT_SECONDS = 0.5


@pytest.fixture(scope="session")
def upstreams() -> Iterator[dict[str, str]]:
    """Real registry and assistance stand-ins; indicators is a port where nothing listens."""
    with LiveServer(registry_stub()) as registry, LiveServer(assistance_stub()) as assistance:
        yield {
            "registry_url": registry,
            "assistance_url": assistance,
            "indicators_url": closed_port_url(),
        }


def gateway_settings(upstreams: dict[str, str], **overrides: Any) -> GatewaySettings:
    values: dict[str, Any] = {
        **upstreams,
        "upstream_timeout_seconds": UPSTREAM_TIMEOUT_SECONDS,
        "frontend_dist": "/nonexistent/dist",
        "rate_limit_per_second": 0,
        "client_rate_limit_per_second": 0,
        "login_rate_limit_per_second": 0,
        "login_name_rate_limit_per_second": 0,
        **overrides,
    }
    return GatewaySettings(**values)


@contextlib.asynccontextmanager
async def gateway_client(settings: GatewaySettings) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as client:
        yield client
    await app.state.http.aclose()


@pytest.fixture
async def gateway(upstreams: dict[str, str]) -> AsyncIterator[httpx.AsyncClient]:
    async with gateway_client(gateway_settings(upstreams)) as client:
        yield client
