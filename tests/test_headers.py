"""Trust class 12: headers. Every API answer that may carry personal data says
``Cache-Control: no-store`` (all of them, through the gateway, whatever the status: only the
public keys and the vocabularies say they may be kept), and the API docs page loads everything
from the gateway itself, under a Content-Security-Policy without ``unsafe-inline``.
"""

import re
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from kit.auth import Role
from kit.testing import KeyFiles, TokenFactory
from tests.in_process import gateway_over_sqlite

PUBLIC_KEYS = "/api/.well-known/jwks.json"
# The answers that hold no personal data and say so, each with what it allows; all else no-store.
CACHEABLE = {
    PUBLIC_KEYS: "public, max-age=300",
    "/api/v1/vocabularies": "private, max-age=3600",  # codes and their labels
}


@pytest.fixture(scope="module")
async def through_gateway(
    tmp_path_factory: pytest.TempPathFactory, test_keys: KeyFiles
) -> AsyncIterator[httpx.AsyncClient]:
    async with gateway_over_sqlite(tmp_path_factory.mktemp("headers"), test_keys) as client:
        yield client


@pytest.fixture(scope="module")
async def document(through_gateway: httpx.AsyncClient) -> dict[str, Any]:
    """The merged OpenAPI document the gateway publishes."""
    response = await through_gateway.get("/api/openapi.json")
    assert response.status_code == 200
    merged: dict[str, Any] = response.json()
    return merged


def filled(path: str) -> str:
    """A path of the document with each parameter given some value (most then answer 404)."""
    return re.sub(r"\{[^}]+\}", lambda _: str(uuid.uuid4()), path)


async def test_every_api_answer_says_no_store_but_the_few_that_hold_no_personal_data(
    through_gateway: httpx.AsyncClient, document: dict[str, Any], tokens: TokenFactory
) -> None:
    admin = tokens.headers(Role.COUNTY_ADMIN, area="331126")
    reads = [path for path, item in document["paths"].items() if "get" in item]
    assert len(reads) > 40

    kept = {}
    for path in reads:
        for headers in (admin, {}):  # as the county admin, and refused without a token
            response = await through_gateway.get(filled(path), headers=headers)
            allowed = CACHEABLE.get(path, "no-store") if response.status_code == 200 else None
            if response.headers.get("cache-control") not in {allowed, "no-store"}:
                kept[f"{path} {response.status_code}"] = response.headers.get("cache-control")
    assert kept == {}


async def test_the_public_keys_may_be_cached_a_while(through_gateway: httpx.AsyncClient) -> None:
    response = await through_gateway.get(PUBLIC_KEYS)

    assert response.status_code == 200
    assert response.headers["cache-control"] == "public, max-age=300"


async def test_the_gateways_own_answers_say_no_store(through_gateway: httpx.AsyncClient) -> None:
    answers = [
        await through_gateway.get("/api/v1/nonsense"),  # 404, no service owns it
        await through_gateway.get("/api/v1/households/..%2fmetrics"),  # 400, refused
        await through_gateway.get("/api/openapi.json"),
    ]

    assert [a.status_code for a in answers] == [404, 400, 200]
    assert {a.headers["cache-control"] for a in answers} == {"no-store"}


# --- the docs page ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
async def docs_page(through_gateway: httpx.AsyncClient) -> httpx.Response:
    response = await through_gateway.get("/api/docs")
    assert response.status_code == 200
    return response


def referenced(page: str) -> list[str]:
    return re.findall(r'(?:src|href)="([^"]+)"', page)


async def test_the_docs_page_names_nothing_but_the_gateway(docs_page: httpx.Response) -> None:
    page = docs_page.text

    assert "//" not in " ".join(referenced(page))  # no other host, not even scheme-relative
    assert all(url.startswith("/api/docs/") for url in referenced(page))
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", page) == []  # no inline script
    assert "<style" not in page and "style=" not in page
    assert "javascript:" not in page and "onload=" not in page


async def test_the_docs_page_policy_needs_no_unsafe_inline(docs_page: httpx.Response) -> None:
    csp = docs_page.headers["content-security-policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))

    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "http" not in csp  # no other origin
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"


async def test_the_docs_page_assets_come_from_the_gateway(
    through_gateway: httpx.AsyncClient, docs_page: httpx.Response
) -> None:
    kinds = {".js": "text/javascript", ".css": "text/css", ".png": "image/png"}
    assets = {url: await through_gateway.get(url) for url in referenced(docs_page.text)}

    for url, response in assets.items():
        assert response.status_code == 200, url
        kind = kinds[url[url.rindex(".") :]]
        assert response.headers["content-type"].startswith(kind), url
    bundle = next(url for url in assets if url.endswith("swagger-ui-bundle.js"))
    assert re.search(r"/swagger-ui-5\.\d+\.\d+/", bundle)  # 5.x reads OpenAPI 3.1
    assert "immutable" in assets[bundle].headers["cache-control"]
    start = next(response for url, response in assets.items() if url.endswith("start.js"))
    assert "'/api/openapi.json'" in start.text
    missing = await through_gateway.get(bundle.replace("swagger-ui-bundle.js", "index.html"))
    assert missing.status_code == 404
