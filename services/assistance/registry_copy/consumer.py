"""Keeps the registry copy current: reads the registry's feed for as long as the app runs."""

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

import httpx
from fastapi import FastAPI

from assistance.models import feed_cursor
from assistance.registry_copy.apply import apply_events
from assistance.settings import AssistanceSettings
from kit.consumer import ClientCredentials, FeedConsumer

log = logging.getLogger("fumin.assistance.registry_feed")
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


async def _keep_running(consumer: FeedConsumer, pause: float) -> None:
    # FeedConsumer rides out an unreachable registry itself; anything else (a malformed page, a
    # database hiccup) is logged and retried rather than ending the copy's updates for good.
    while True:
        try:
            await consumer.run_forever()
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("registry feed consumer failed; retrying")
            await asyncio.sleep(pause)


@contextlib.asynccontextmanager
async def registry_consumer(app: FastAPI) -> AsyncIterator[None]:
    settings: AssistanceSettings = app.state.settings
    if not settings.consume_registry:
        yield
        return
    async with httpx.AsyncClient(timeout=10, trust_env=False) as http:
        task = asyncio.create_task(
            _keep_running(make_consumer(app, http), settings.feed_idle_seconds * 5)
        )
        try:
            yield
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
