"""Keeps the read model current: reads the registry's feed for as long as the app runs, and
rebuilds it from the start on demand (``python -m indicators rebuild``)."""

import httpx
from fastapi import FastAPI
from sqlalchemy import delete

from indicators.models import REGISTRY_COPY, feed_cursor
from indicators.registry_copy.apply import apply_events
from indicators.settings import IndicatorsSettings
from kit.consumer import FeedSource, reading

FEED = "registry"


def registry_feed(app: FastAPI) -> FeedSource:
    settings: IndicatorsSettings = app.state.settings
    return FeedSource(
        feed=FEED,
        service_url=settings.registry_url,
        cursor_table=feed_cursor,
        apply=apply_events,
        enabled=settings.consume_registry,
        idle_seconds=settings.feed_idle_seconds,
    )


registry_consumer = reading(registry_feed)


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
    return await registry_feed(app).consumer(app, http).catch_up()
