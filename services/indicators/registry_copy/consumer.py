"""Keeps the read model current: reads the registry's feed for as long as the app runs, and
rebuilds it from the start on demand (``python -m indicators rebuild``)."""

import contextlib
from collections.abc import AsyncIterator

import httpx
from fastapi import FastAPI
from sqlalchemy import delete

from indicators.models import REGISTRY_COPY, feed_cursor
from indicators.registry_copy.apply import apply_events
from indicators.settings import IndicatorsSettings
from kit.consumer import ClientCredentials, FeedConsumer, consuming

FEED = "registry"


def make_consumer(app: FastAPI, http: httpx.AsyncClient) -> FeedConsumer:
    settings: IndicatorsSettings = app.state.settings
    return FeedConsumer(
        feed=FEED,
        url=f"{settings.registry_url.rstrip('/')}/v1/feeds/registry",
        sessionmaker=app.state.sessionmaker,
        cursor_table=feed_cursor,
        apply=apply_events,
        token=ClientCredentials(
            http, settings.token_url, settings.client_id, settings.client_secret
        ),
        http=http,
        idle_seconds=settings.feed_idle_seconds,
    )


@contextlib.asynccontextmanager
async def registry_consumer(app: FastAPI) -> AsyncIterator[None]:
    settings: IndicatorsSettings = app.state.settings
    if not settings.consume_registry:
        yield
        return
    async with consuming(lambda http: make_consumer(app, http), settings.feed_idle_seconds * 5):
        yield


async def clear(app: FastAPI) -> None:
    """Empty the read model and forget the registry cursor, in one transaction. Reported
    values are this service's own data and stay."""
    async with app.state.sessionmaker.begin() as session:
        for model in REGISTRY_COPY:
            await session.execute(delete(model.__table__))  # type: ignore[attr-defined]
        await session.execute(delete(feed_cursor).where(feed_cursor.c.feed == FEED))


async def rebuild(app: FastAPI, http: httpx.AsyncClient) -> int:
    """Clear the read model, then read the registry's feed again from its first event.

    Run it with the service stopped (or its consumer off): a running consumer would hold the
    feed's lock and race the clearing. Answers how many events were applied.
    """
    await clear(app)
    return await make_consumer(app, http).catch_up()
