"""Keeps the visits' read model current from the assistance service's feed, for as long as the
app runs (the second FeedConsumer, beside the registry's)."""

import contextlib
from collections.abc import AsyncIterator

import httpx
from fastapi import FastAPI
from sqlalchemy import delete

from indicators.assistance_copy.apply import apply_assistance_events
from indicators.models import ASSISTANCE_COPY, feed_cursor
from indicators.settings import IndicatorsSettings
from kit.consumer import ClientCredentials, FeedConsumer, consuming

FEED = "assistance"


def make_consumer(app: FastAPI, http: httpx.AsyncClient) -> FeedConsumer:
    settings: IndicatorsSettings = app.state.settings
    return FeedConsumer(
        feed=FEED,
        url=f"{settings.assistance_url.rstrip('/')}/v1/feeds/assistance",
        sessionmaker=app.state.sessionmaker,
        cursor_table=feed_cursor,
        apply=apply_assistance_events,
        token=ClientCredentials(
            http, settings.token_url, settings.client_id, settings.client_secret
        ),
        http=http,
        idle_seconds=settings.feed_idle_seconds,
    )


@contextlib.asynccontextmanager
async def assistance_consumer(app: FastAPI) -> AsyncIterator[None]:
    settings: IndicatorsSettings = app.state.settings
    if not settings.consume_assistance:
        yield
        return
    async with consuming(lambda http: make_consumer(app, http), settings.feed_idle_seconds * 5):
        yield


async def rebuild(app: FastAPI, http: httpx.AsyncClient) -> int:
    """Empty the visits' read model and read the assistance feed again from its first event
    (service stopped, as the registry's rebuild). Alerts are this service's own data and stay:
    the same evidence observed again changes none of them."""
    async with app.state.sessionmaker.begin() as session:
        for model in ASSISTANCE_COPY:
            await session.execute(delete(model.__table__))  # type: ignore[attr-defined]
        await session.execute(delete(feed_cursor).where(feed_cursor.c.feed == FEED))
    return await make_consumer(app, http).catch_up()
