"""The access log: one line a request, with its request id; feed and revocation polling at
DEBUG."""

import logging

import httpx
import pytest
from fastapi import FastAPI

from kit.logs import RequestIdMiddleware

pytestmark = pytest.mark.smoke


def polled_app() -> FastAPI:
    app = FastAPI()

    @app.get("/v1/feeds/registry")
    async def feed() -> dict[str, list[str]]:
        return {"items": []}

    @app.get("/v1/auth/revocations")
    async def revocations() -> dict[str, list[str]]:
        return {"items": []}

    @app.get("/v1/households")
    async def households() -> dict[str, list[str]]:
        return {"items": []}

    app.add_middleware(RequestIdMiddleware)
    return app


async def test_a_feed_poll_is_logged_at_debug_and_other_requests_at_info(
    caplog: pytest.LogCaptureFixture,
) -> None:
    transport = httpx.ASGITransport(app=polled_app())
    caplog.set_level(logging.DEBUG, logger="fumin.access")
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        polled = await client.get("/v1/feeds/registry", params={"after": "x"})
        read = await client.get("/v1/households")
        await client.get("/v1/auth/revocations")
        missing = await client.get("/v1/feeds/nowhere")

    lines = {
        (record.fields["path"], record.fields["status"]): record.levelno  # type: ignore[attr-defined]
        for record in caplog.records
        if record.name == "fumin.access"
    }
    assert (polled.status_code, read.status_code, missing.status_code) == (200, 200, 404)
    assert lines == {
        ("/v1/feeds/registry", 200): logging.DEBUG,
        ("/v1/households", 200): logging.INFO,
        ("/v1/auth/revocations", 200): logging.DEBUG,  # every service reads it every 2 s
        ("/v1/feeds/nowhere", 404): logging.INFO,  # a failing poll still shows
    }
