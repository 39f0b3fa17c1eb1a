"""Keeps the registry copy current: reads the registry's feed for as long as the app runs
(kit.consumer's loop), and once on demand (``catch_up``, used by ``seed-demo``)."""

import contextlib
from collections.abc import AsyncIterator

import httpx
from fastapi import FastAPI

from assistance.models import feed_cursor
from assistance.registry_copy.apply import apply_events
from assistance.settings import AssistanceSettings
from kit.consumer import ClientCredentials, FeedConsumer, consuming

FEED = "registry"


def make_consumer(app: FastAPI, http: httpx.AsyncClient) -> FeedConsumer:
    settings: AssistanceSettings = app.state.settings
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
    settings: AssistanceSettings = app.state.settings
    if not settings.consume_registry:
        yield
        return
    async with consuming(lambda http: make_consumer(app, http), settings.feed_idle_seconds * 5):
        yield
