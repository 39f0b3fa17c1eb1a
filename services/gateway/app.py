"""The gateway: one address for the SPA and every API; no business logic of its own."""

import contextlib
from collections.abc import AsyncIterator

import httpx
from fastapi import FastAPI
from prometheus_client import start_http_server
from starlette.types import Scope

from gateway import openapi, spa
from gateway.headers import SecurityHeadersMiddleware
from gateway.proxy import forward
from gateway.ratelimit import RateLimitMiddleware
from gateway.routes import owner_of
from gateway.settings import GatewaySettings
from kit.logs import RequestIdMiddleware, configure_logging
from kit.metrics import Metrics, MetricsMiddleware, route_template
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


def metrics_route(scope: Scope) -> str:
    """Proxied calls are counted by the resource they reach, the rest by route template."""
    path: str = scope["path"]
    route = owner_of(path)
    if route is None:
        return route_template(scope)
    resource = path.removeprefix("/api").split("/")[2]
    return f"/api/v1/{resource}" if resource != "feeds" else f"/api/v1/feeds/{route[0]}"


def create_app(settings: GatewaySettings | None = None) -> FastAPI:
    settings = settings or GatewaySettings()

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        configure_logging("gateway", settings.log_level)
        server = None
        if settings.metrics_port:
            server, _ = start_http_server(
                settings.metrics_port, registry=app.state.metrics.registry
            )
        yield
        if server is not None:
            server.shutdown()
        await app.state.http.aclose()

    app = FastAPI(
        title="Fumin gateway", lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None
    )
    app.state.settings = settings
    app.state.upstreams = settings.upstreams()
    app.state.http = upstream_client(settings)
    app.state.metrics = Metrics("gateway")
    install_problem_handlers(app)
    # Added last is outermost: headers go on everything, the request id on 429s too.
    app.add_middleware(
        RateLimitMiddleware,
        per_second=settings.rate_limit_per_second,
        burst=settings.rate_limit_burst,
        client_per_second=settings.client_rate_limit_per_second,
        client_burst=settings.client_rate_limit_burst,
    )
    # Outside the rate limit, so its 429s are counted too.
    app.add_middleware(MetricsMiddleware, metrics=app.state.metrics, route_label=metrics_route)
    app.add_middleware(RequestIdMiddleware)
    app.add_middleware(SecurityHeadersMiddleware, behind_https=settings.behind_https)

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    app.include_router(openapi.router)  # before the catch-alls below
    app.add_api_route("/api/{path:path}", forward, methods=PROXIED_METHODS, include_in_schema=False)
    app.include_router(spa.router)  # last: everything else is the web app
    return app
