"""The gateway: one address for the SPA and every API; no business logic of its own."""

import contextlib
from collections.abc import AsyncIterator

import httpx
from fastapi import FastAPI

from gateway import openapi, spa
from gateway.headers import SecurityHeadersMiddleware
from gateway.proxy import forward
from gateway.ratelimit import RateLimitMiddleware
from gateway.settings import GatewaySettings
from kit.logs import RequestIdMiddleware, configure_logging
from kit.problems import install_problem_handlers

PROXIED_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]


def upstream_client(settings: GatewaySettings) -> httpx.AsyncClient:
    """One pooled client for every service; the read timeout is what turns into a 504."""
    return httpx.AsyncClient(
        timeout=httpx.Timeout(settings.upstream_timeout_seconds, connect=5.0),
        limits=httpx.Limits(max_connections=500, max_keepalive_connections=100),
        follow_redirects=False,
        trust_env=False,  # services are reached directly, never through an HTTP(S)_PROXY
    )


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
    app.state.http = upstream_client(settings)
    install_problem_handlers(app)
    # Added last is outermost: headers go on everything, the request id on 429s too.
    app.add_middleware(
        RateLimitMiddleware,
        per_second=settings.rate_limit_per_second,
        burst=settings.rate_limit_burst,
    )
    app.add_middleware(RequestIdMiddleware)
    app.add_middleware(SecurityHeadersMiddleware, behind_https=settings.behind_https)

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    app.include_router(openapi.router)  # before the catch-alls below
    app.add_api_route("/api/{path:path}", forward, methods=PROXIED_METHODS, include_in_schema=False)
    app.include_router(spa.router)  # last: everything else is the web app
    return app
