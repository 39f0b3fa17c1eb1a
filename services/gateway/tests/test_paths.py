"""Trust class 8: paths the gateway should not pass. Dot segments and encoded separators never
carry a request out of ``/v1/<resource>`` to a service's internal routes (``/metrics``, its own
OpenAPI and docs); they are refused before routing. A path is passed on as the client encoded it.
The documented public keys path answers at the gateway.

The requests go over real TCP, written byte for byte: an HTTP library would tidy the paths up.
"""

import asyncio
import json
from collections.abc import Iterator
from typing import Any

import pytest

from gateway.app import create_app
from gateway.tests.conftest import gateway_settings
from gateway.tests.live_server import LiveServer
from gateway.tests.upstreams import INTERNAL_MARK
from kit.problems import PROBLEM_JSON


@pytest.fixture(scope="module")
def gateway_url(upstreams: dict[str, str]) -> Iterator[str]:
    app = create_app(gateway_settings(upstreams))
    with LiveServer(app, on_stop=app.state.http.aclose) as url:
        yield url


async def raw_get(url: str, target: str) -> tuple[int, dict[str, str], bytes]:
    """``GET target`` sent exactly as written; the status, headers and body that came back."""
    host, port = url.removeprefix("http://").split(":")
    reader, writer = await asyncio.open_connection(host, int(port))
    request = f"GET {target} HTTP/1.1\r\nHost: gateway\r\nConnection: close\r\n\r\n"
    writer.write(request.encode("latin-1"))
    await writer.drain()
    answer = await reader.read()
    writer.close()
    await writer.wait_closed()
    head, _, body = answer.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines)}
    return int(status_line.split()[1]), headers, body


def json_of(body: bytes) -> Any:
    return json.loads(body)


ESCAPES = [
    "/api/v1/households/../../metrics",
    "/api/v1/households/..%2f..%2fmetrics",
    "/api/v1/households/..%2F..%2Fopenapi.json",
    "/api/v1/households/%2e%2e/%2e%2e/metrics",
    "/api/v1/households/%2E%2E%2F%2E%2E%2Fdocs",
    "/api/v1/households/..%5c..%5cmetrics",
    "/api/v1/households/..\\..\\metrics",
    "/api/v1/households/%252e%252e%252f%252e%252e%252fmetrics",
    "/api/v1/feeds/registry/../../../metrics",
    "/api/v1/./households/../../internal/debug",
    "/api/v1/households/h-1/%2e%2e",
    "/api/../metrics",
    "/assets/../../etc/passwd",
]


@pytest.mark.parametrize("target", ESCAPES)
async def test_dot_segments_and_encoded_separators_are_refused_before_routing(
    gateway_url: str, target: str
) -> None:
    status, headers, body = await raw_get(gateway_url, target)

    assert status == 400, body
    assert headers["content-type"] == PROBLEM_JSON
    assert json_of(body)["type"] == "/problems/bad-path"
    assert INTERNAL_MARK.encode() not in body
    assert headers["x-request-id"]  # refused inside the gateway's usual headers


@pytest.mark.parametrize(
    "target", ["/api/metrics", "/api/openapi.json/../metrics", "/api/v1/metrics", "/api/docs/x"]
)
async def test_internal_routes_are_not_reachable_by_name_either(
    gateway_url: str, target: str
) -> None:
    status, _headers, body = await raw_get(gateway_url, target)

    assert status in {400, 404}
    assert INTERNAL_MARK.encode() not in body


async def test_a_path_goes_on_as_the_client_encoded_it(gateway_url: str) -> None:
    # %3F is a "?" inside the id, not the start of a query; %20 a space inside it.
    status, _headers, body = await raw_get(gateway_url, "/api/v1/households/a%3Fb%20c/raw")

    assert status == 200
    assert json_of(body) == {"household_id": "a?b c"}


async def test_the_documented_public_keys_answer_at_the_gateway(gateway_url: str) -> None:
    status, headers, body = await raw_get(gateway_url, "/api/.well-known/jwks.json")

    assert status == 200
    assert headers["content-type"] == "application/json"
    assert json_of(body) == {"keys": []}
