"""Builds a service's FastAPI app the same way for every service."""

import contextlib
import json
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, FastAPI
from sqlalchemy import Table

from kit import health, metrics, migrations
from kit.body_limit import BodyLimitMiddleware
from kit.cache_control import NoStoreMiddleware
from kit.clock import set_clock
from kit.consumer import progress_of
from kit.db import make_engine, make_sessionmaker
from kit.logs import RequestIdMiddleware, configure_logging
from kit.metrics import Metrics, MetricsMiddleware
from kit.outbox import TABLE
from kit.path_params import printable_path_params
from kit.problems import install_problem_handlers
from kit.revocation import PolledRevocations, Revocations, polling
from kit.settings import ServiceSettings
from kit.tokens import TokenVerifier
from kit.write_audit import AUDIT, WriteAudit

# Something to run beside the app while it serves (a feed consumer, say).
Background = Callable[[FastAPI], AbstractAsyncContextManager[None]]


def make_verifier(settings: ServiceSettings) -> TokenVerifier:
    trusted: list[dict[str, Any]] = []
    if settings.trusted_jwks_file and settings.trusted_jwks_file.exists():
        trusted = json.loads(settings.trusted_jwks_file.read_text())["keys"]
    return TokenVerifier(
        issuer=settings.token_issuer,
        audience=settings.token_audience,
        jwks_url=settings.jwks_url,
        trusted_keys=trusted,
    )


def create_service_app(
    *,
    name: str,
    title: str,
    settings: ServiceSettings,
    script_location: Path,
    outbox: Table | None,
    routers: Sequence[APIRouter],
    background: Sequence[Background] = (),
    verifier: TokenVerifier | None = None,
    revocations: Callable[[FastAPI], Revocations] | None = None,
    write_audit: WriteAudit | None = None,
) -> FastAPI:
    """The app. ``revocations`` makes where its requests read tokens' revocations (the
    registry: its own table); by default the registry's list polled in the background
    (kit.revocation). ``write_audit``: where people's writes are logged (kit.write_audit)."""
    url = settings.database_url or settings.sqlite_url(name)
    set_clock(settings.clock)
    engine = make_engine(url, schema=name)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        configure_logging(name, settings.log_level)
        if settings.migrate_on_start:
            await migrations.upgrade(engine, script_location, name)
        async with contextlib.AsyncExitStack() as stack:
            if revocations is None:
                await stack.enter_async_context(polling(app))
            for job in background:
                await stack.enter_async_context(job(app))
            yield
        await engine.dispose()

    app = FastAPI(
        title=title,
        version="1.0.0",
        lifespan=lifespan,
        openapi_url="/openapi.json",
        dependencies=[Depends(printable_path_params)],
        # A trailing slash is a 404, not a redirect to this service's own address (which a
        # client behind the gateway cannot reach and should not learn).
        redirect_slashes=False,
    )
    app.state.settings = settings
    app.state.service = name
    app.state.engine = engine
    app.state.sessionmaker = make_sessionmaker(engine)
    if outbox is not None:
        app.state.sessionmaker.configure(info={TABLE: outbox, AUDIT: write_audit})
    app.state.verifier = verifier or make_verifier(settings)
    app.state.revocations = revocations(app) if revocations else PolledRevocations()
    app.state.migration_head = migrations.head_revision(script_location)
    app.state.script_location = script_location
    app.state.metrics = Metrics(name, feeds=lambda: progress_of(app.state.sessionmaker))
    install_problem_handlers(app)
    app.add_middleware(MetricsMiddleware, metrics=app.state.metrics)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(NoStoreMiddleware)
    app.add_middleware(RequestIdMiddleware)
    app.include_router(health.router)
    app.include_router(metrics.router)
    for router in routers:
        app.include_router(router)
    return app
