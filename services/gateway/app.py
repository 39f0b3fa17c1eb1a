"""The gateway: one address for the SPA and every API; no business logic of its own."""

import contextlib
from collections.abc import AsyncIterator

import httpx
from fastapi import FastAPI

from gateway.proxy import forward
from gateway.settings import GatewaySettings
from kit.logs import RequestIdMiddleware, configure_logging
from kit.problems import install_problem_handlers

PROXIED_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]


def create_app(settings: GatewaySettings | None = None) -> FastAPI:
    settings = settings or GatewaySettings()

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        configure_logging("gateway", settings.log_level)
        yield
        await app.state.http.aclose()

    app = FastAPI(
        title="Fumin gateway", lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None
    )
    app.state.settings = settings
    app.state.upstreams = settings.upstreams()
    timeout = httpx.Timeout(settings.upstream_timeout_seconds, connect=5.0)
    app.state.http = httpx.AsyncClient(timeout=timeout, follow_redirects=False)
    install_problem_handlers(app)
    app.add_middleware(RequestIdMiddleware)

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    app.add_api_route("/api/{path:path}", forward, methods=PROXIED_METHODS, include_in_schema=False)
    return app
