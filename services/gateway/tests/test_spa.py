"""The built web app: its files, cache rules, and index.html for client-side routes."""

import gzip
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from gateway.spa import file_in
from gateway.tests.conftest import gateway_client, gateway_settings
from kit.problems import PROBLEM_JSON

INDEX = '<!doctype html><div id="root"></div><script src="/assets/app-1a2b3c.js"></script>'


@pytest.fixture
async def web_app(tmp_path: Path, upstreams: dict[str, str]) -> AsyncIterator[httpx.AsyncClient]:
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text(INDEX)
    (dist / "assets" / "app-1a2b3c.js").write_text("console.log('富民')")
    (dist / "sw.js").write_text("self.addEventListener('fetch', () => {})")
    (tmp_path / "secret.txt").write_text("outside dist")
    async with gateway_client(gateway_settings(upstreams, frontend_dist=dist)) as client:
        yield client


@pytest.mark.smoke
async def test_client_side_routes_get_index_html(web_app: httpx.AsyncClient) -> None:
    for path in ["/", "/households/123", "/cadre/visits/new?x=1"]:
        response = await web_app.get(path)
        assert response.status_code == 200, path
        assert response.text == INDEX
        assert response.headers["cache-control"] == "no-cache"


async def test_files_are_served_and_only_hashed_assets_cached_long(
    web_app: httpx.AsyncClient,
) -> None:
    asset = await web_app.get("/assets/app-1a2b3c.js")
    worker = await web_app.get("/sw.js")

    assert asset.text == "console.log('富民')"
    assert "immutable" in asset.headers["cache-control"]
    assert worker.text.startswith("self.addEventListener")
    assert worker.headers["cache-control"] == "no-cache"


async def test_api_paths_and_missing_assets_never_fall_back(web_app: httpx.AsyncClient) -> None:
    for path in ["/api/v1/nonsense", "/api", "/api/", "/assets/app-old.js"]:
        response = await web_app.get(path)
        assert response.status_code == 404, path
        assert response.headers["content-type"] == PROBLEM_JSON, path


async def test_nothing_outside_dist_is_served(web_app: httpx.AsyncClient, tmp_path: Path) -> None:
    response = await web_app.get("/%2E%2E/secret.txt")

    assert "outside dist" not in response.text
    # Whatever a client's URL library does to dots, the lookup itself refuses to climb out.
    assert file_in(tmp_path / "dist", "../secret.txt") is None
    assert file_in(tmp_path / "dist", "sw.js") == (tmp_path / "dist" / "sw.js").resolve()


async def test_without_a_build_the_root_says_so(gateway: httpx.AsyncClient) -> None:
    response = await gateway.get("/")

    assert response.status_code == 200
    assert "尚未构建" in response.text and "not built" in response.text
    assert 'href="/api/docs"' in response.text


async def test_a_precompressed_asset_goes_compressed_to_a_browser_that_takes_it(
    tmp_path: Path, upstreams: dict[str, str]
) -> None:
    """The build writes .br and .gz beside each file; on a phone's weak signal the first load is
    a third of the bytes. A client that takes neither gets the file itself."""
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text(INDEX)
    source = "console.log('富民');" * 200
    (dist / "assets" / "app-1a2b3c.js").write_text(source)
    (dist / "assets" / "app-1a2b3c.js.gz").write_bytes(gzip.compress(source.encode()))
    # Brotli bytes as the build wrote them (no decoder here: httpx passes them through as they are).
    (dist / "assets" / "app-1a2b3c.js.br").write_bytes(b"brotli-bytes")
    async with gateway_client(gateway_settings(upstreams, frontend_dist=dist)) as client:
        url = "/assets/app-1a2b3c.js"
        br = await client.get(url, headers={"Accept-Encoding": "gzip, deflate, br"})
        gz = await client.get(url, headers={"Accept-Encoding": "gzip, deflate"})
        plain = await client.get(url, headers={"Accept-Encoding": "identity"})

    assert br.headers["content-encoding"] == "br" and br.content == b"brotli-bytes"
    assert gz.headers["content-encoding"] == "gzip" and gz.text == source
    assert "content-encoding" not in plain.headers and plain.text == source
    for answer in (br, gz, plain):
        assert answer.headers["content-type"].startswith("text/javascript")
        assert "immutable" in answer.headers["cache-control"]
        assert answer.headers["vary"] == "Accept-Encoding"
    assert int(gz.headers["content-length"]) < len(source.encode()) / 10
