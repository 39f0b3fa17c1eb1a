"""The gateway: one address for the SPA and every API; no business logic of its own."""

import contextlib
import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
from fastapi import FastAPI
from prometheus_client import start_http_server
from starlette.convertors import PathConvertor, register_url_convertor
from starlette.types import Scope

from gateway import docs, openapi, spa
from gateway.headers import SecurityHeadersMiddleware
from gateway.paths import PathGuardMiddleware
from gateway.proxy import forward
from gateway.ratelimit import Limits, Rate, RateLimitMiddleware, VerifiedSubjects, make_store
from gateway.routes import owner_of
from gateway.settings import GatewaySettings
from kit.logs import RequestIdMiddleware, configure_logging
from kit.metrics import Metrics, MetricsMiddleware, route_template
from kit.problems import install_problem_handlers
from kit.tokens import TokenVerifier

PROXIED_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]


class AnyPathConvertor(PathConvertor):
    """Starlette's ``path`` with newlines too: an API path holding a control character still
    reaches its service, which refuses it naming the parameter (kit.path_params)."""

    regex = "(?s:.*)"


register_url_convertor("anypath", AnyPathConvertor())


def upstream_client(settings: GatewaySettings) -> httpx.AsyncClient:
    """One pooled client for every service; the read timeout is what turns into a 504. Idle
    connections are dropped before a service would drop them (uvicorn's keep-alive is 5 s), so
    the pool does not hand out one the service is closing."""
    return httpx.AsyncClient(
        timeout=httpx.Timeout(settings.upstream_timeout_seconds, connect=5.0),
        limits=httpx.Limits(
            max_connections=500,
            max_keepalive_connections=100,
            keepalive_expiry=settings.upstream_keepalive_seconds,
        ),
        follow_redirects=False,
        trust_env=False,  # services are reached directly, never through an HTTP(S)_PROXY
    )


def token_verifier(settings: GatewaySettings, http: httpx.AsyncClient) -> TokenVerifier:
    """Verifies bearer tokens as the services do (kit.tokens), for keying the rate limit."""
    trusted: list[dict[str, Any]] = []
    if settings.trusted_jwks_file and settings.trusted_jwks_file.exists():
        trusted = json.loads(settings.trusted_jwks_file.read_text())["keys"]
    return TokenVerifier(
        issuer=settings.token_issuer,
        audience=settings.token_audience,
        jwks_url=settings.keys_url(),
        trusted_keys=trusted,
        http=http,
    )


def rate_limits(settings: GatewaySettings) -> Limits:
    return Limits(
        people=Rate(settings.rate_limit_per_second, settings.rate_limit_burst),
        clients=Rate(settings.client_rate_limit_per_second, settings.client_rate_limit_burst),
        login_address=Rate(settings.login_rate_limit_per_second, settings.login_rate_limit_burst),
        login_name=Rate(
            settings.login_name_rate_limit_per_second, settings.login_name_rate_limit_burst
        ),
    )


def metrics_route(scope: Scope) -> str:
    """Proxied calls are counted by the resource they reach, the rest by route template."""
    path: str = scope["path"]
    route = owner_of(path)
    if route is None or not path.startswith("/api/v1/"):
        return route_template(scope) if route is None else path
    resource = path.removeprefix("/api").split("/")[2]
    return f"/api/v1/{resource}" if resource != "feeds" else f"/api/v1/feeds/{route[0]}"


def create_app(
    settings: GatewaySettings | None = None, http: httpx.AsyncClient | None = None
) -> FastAPI:
    """The gateway; ``http`` replaces its pooled client to the services (a test's in-process
    routing)."""
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
        if hasattr(app.state.rate_limit_store, "aclose"):
            await app.state.rate_limit_store.aclose()

    app = FastAPI(
        title="Fumin gateway", lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None
    )
    app.state.settings = settings
    app.state.upstreams = settings.upstreams()
    app.state.http = http or upstream_client(settings)
    app.state.metrics = Metrics("gateway")
    app.state.rate_limit_store = make_store(settings.rate_limit_redis_url)
    install_problem_handlers(app)
    # Added last is outermost: headers go on everything, the request id on 429s too; a path
    # refused before routing still counts against the client's rate.
    app.add_middleware(PathGuardMiddleware)
    app.add_middleware(
        RateLimitMiddleware,
        limits=rate_limits(settings),
        store=app.state.rate_limit_store,
        subjects=VerifiedSubjects(token_verifier(settings, app.state.http)),
    )
    # Outside the rate limit, so its 429s are counted too.
    app.add_middleware(MetricsMiddleware, metrics=app.state.metrics, route_label=metrics_route)
    app.add_middleware(RequestIdMiddleware)
    app.add_middleware(SecurityHeadersMiddleware, behind_https=settings.behind_https)

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    app.include_router(openapi.router)  # before the catch-alls below
    app.include_router(docs.router)
    app.add_api_route(
        "/api/{path:anypath}", forward, methods=PROXIED_METHODS, include_in_schema=False
    )
    app.include_router(spa.router)  # last: everything else is the web app
    return app
