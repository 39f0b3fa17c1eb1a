"""Keeps the visits' read model current from the assistance service's feed, for as long as the
app runs (the second feed, beside the registry's)."""

import httpx
from fastapi import FastAPI
from sqlalchemy import delete

from indicators.assistance_copy.apply import apply_assistance_events
from indicators.models import ASSISTANCE_COPY, feed_cursor
from indicators.settings import IndicatorsSettings
from kit.consumer import FeedSource, reading

FEED = "assistance"


def assistance_feed(app: FastAPI) -> FeedSource:
    settings: IndicatorsSettings = app.state.settings
    return FeedSource(
        feed=FEED,
        service_url=settings.assistance_url,
        cursor_table=feed_cursor,
        apply=apply_assistance_events,
        enabled=settings.consume_assistance,
        idle_seconds=settings.feed_idle_seconds,
    )


assistance_consumer = reading(assistance_feed)


async def rebuild(app: FastAPI, http: httpx.AsyncClient) -> int:
    """Empty the visits' read model and read the assistance feed again from its first event
    (service stopped, as the registry's rebuild). Alerts are this service's own data and stay:
    the same evidence observed again changes none of them."""
    async with app.state.sessionmaker.begin() as session:
        for model in ASSISTANCE_COPY:
            await session.execute(delete(model.__table__))  # type: ignore[attr-defined]
        await session.execute(delete(feed_cursor).where(feed_cursor.c.feed == FEED))
    return await assistance_feed(app).consumer(app, http).catch_up()
