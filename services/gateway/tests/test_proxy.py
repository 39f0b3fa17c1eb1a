"""Routing, pass-through and failures of the gateway's proxy, against real HTTP servers."""

import hashlib
from collections.abc import AsyncIterator

import httpx
import pytest

from gateway.app import create_app
from gateway.tests.conftest import gateway_settings
from gateway.tests.live_server import LiveServer
from gateway.tests.upstreams import CURRENT_ETAG, EXPORT_SHA256, first_chunk_seen
from kit.problems import PROBLEM_JSON


@pytest.mark.smoke
async def test_each_resource_reaches_the_service_that_owns_it(gateway: httpx.AsyncClient) -> None:
    households = await gateway.get("/api/v1/households/h-1")
    visits = await gateway.get("/api/v1/visits/v-1")
    registry_feed = await gateway.get("/api/v1/feeds/registry")

    assert households.status_code == 200
    assert households.json() == {"id": "h-1", "head": {"name": "张三", "size": 4}}
    assert visits.json()["service"] == "assistance"
    assert visits.json()["path"] == "/v1/visits/v-1"
    assert registry_feed.json()["service"] == "registry"
    assert registry_feed.json()["path"] == "/v1/feeds/registry"


async def test_method_body_query_and_headers_go_up_and_status_comes_back(
    gateway: httpx.AsyncClient,
) -> None:
    response = await gateway.post(
        "/api/v1/households?dry_run=1&tag=a&tag=b",
        content='{"head": "李四"}'.encode(),
        headers={"Content-Type": "application/json", "Authorization": "Bearer abc"},
    )

    assert response.status_code == 201
    seen = response.json()
    assert seen["method"] == "POST"
    assert seen["query"] == "dry_run=1&tag=a&tag=b"
    assert seen["body"] == '{"head": "李四"}'
    assert seen["headers"]["authorization"] == "Bearer abc"
    assert seen["headers"]["content-type"] == "application/json"
    # Both cookies survive: repeated headers are not folded into one.
    assert response.headers.get_list("set-cookie") == [
        "a=1; Path=/; SameSite=lax",
        "b=2; Path=/; SameSite=lax",
    ]


async def test_a_stale_version_answers_412_with_the_current_etag(
    gateway: httpx.AsyncClient,
) -> None:
    stale = await gateway.put("/api/v1/households/h-1", json={}, headers={"If-Match": '"1"'})
    fresh = await gateway.put("/api/v1/households/h-1", json={}, headers={"If-Match": CURRENT_ETAG})

    assert stale.status_code == 412
    assert stale.headers["etag"] == CURRENT_ETAG
    assert stale.headers["content-type"] == PROBLEM_JSON
    assert fresh.status_code == 200
    assert fresh.headers["etag"] == '"3"'


async def test_a_large_streamed_response_arrives_whole(gateway: httpx.AsyncClient) -> None:
    response = await gateway.get("/api/v1/households/export")

    assert response.status_code == 200
    assert len(response.content) == 5 * 1024 * 1024
    assert hashlib.sha256(response.content).hexdigest() == EXPORT_SHA256


async def test_the_response_is_streamed_down_not_buffered(upstreams: dict[str, str]) -> None:
    """The upstream holds back its last chunk until the client has had the first one."""
    app = create_app(gateway_settings(upstreams, upstream_timeout_seconds=10))
    first_chunk_seen.clear()
    with LiveServer(app, on_stop=app.state.http.aclose) as gateway_url:
        async with (
            httpx.AsyncClient(base_url=gateway_url, trust_env=False) as client,
            client.stream("GET", "/api/v1/households/trickle") as response,
        ):
            chunks = response.aiter_raw()
            assert await anext(chunks) == b"first;"
            first_chunk_seen.set()
            rest = b"".join([chunk async for chunk in chunks])

    assert rest == b"released"


async def test_a_request_id_is_made_and_passed_to_the_service(gateway: httpx.AsyncClient) -> None:
    made = await gateway.get("/api/v1/areas/331126")
    given = await gateway.get("/api/v1/areas/331126", headers={"X-Request-ID": "abc-123"})

    made_id = made.headers.get_list("x-request-id")
    assert len(made_id) == 1 and len(made_id[0]) == 32
    assert made.json()["headers"]["x-request-id"] == made_id[0]
    assert given.headers.get_list("x-request-id") == ["abc-123"]
    assert given.json()["headers"]["x-request-id"] == "abc-123"


async def test_a_service_that_is_down_answers_502_problem(gateway: httpx.AsyncClient) -> None:
    response = await gateway.get("/api/v1/indicators")

    assert response.status_code == 502
    assert response.headers["content-type"] == PROBLEM_JSON
    assert response.json()["type"] == "/problems/upstream-unavailable"
    assert "indicators" in response.json()["detail"]


async def test_a_service_slower_than_the_timeout_answers_504_problem(
    gateway: httpx.AsyncClient,
) -> None:
    response = await gateway.get("/api/v1/households/slow")

    assert response.status_code == 504
    assert response.headers["content-type"] == PROBLEM_JSON
    assert response.json()["type"] == "/problems/upstream-timeout"


async def test_imports_may_take_longer_than_other_calls(gateway: httpx.AsyncClient) -> None:
    # The same delay that times a read out is within an import's longer allowance.
    response = await gateway.post("/api/v1/imports/households", content=b"x")

    assert response.status_code == 200
    assert response.json() == {"status": "imported"}


@pytest.mark.parametrize(
    "path", ["/api/v1/nonsense", "/api/v2/households", "/api/v1/feeds/nobody", "/api/v1", "/api"]
)
async def test_an_api_path_nobody_owns_is_a_404_problem(
    gateway: httpx.AsyncClient, path: str
) -> None:
    response = await gateway.get(path)

    assert response.status_code == 404
    assert response.headers["content-type"] == PROBLEM_JSON
    assert response.json()["type"] == "/problems/not-found"


async def test_a_chunked_upload_goes_up_whole(gateway: httpx.AsyncClient) -> None:
    async def upload() -> AsyncIterator[bytes]:
        for _ in range(16):
            yield b"x" * 65536

    response = await gateway.post("/api/v1/households", content=upload())

    assert response.status_code == 201
    assert len(response.json()["body"]) == 16 * 65536
    assert response.json()["headers"]["transfer-encoding"] == "chunked"
