"""Keeps the registry copy current: reads the registry's feed for as long as the app runs
(kit.consumer's loop), and once on demand (``catch_up``, used by ``seed-demo``)."""

from fastapi import FastAPI

from assistance.models import feed_cursor
from assistance.registry_copy.apply import apply_events
from assistance.settings import AssistanceSettings
from kit.consumer import FeedSource, reading


def registry_feed(app: FastAPI) -> FeedSource:
    settings: AssistanceSettings = app.state.settings
    return FeedSource(
        feed="registry",
        service_url=settings.registry_url,
        cursor_table=feed_cursor,
        apply=apply_events,
        enabled=settings.consume_registry,
        idle_seconds=settings.feed_idle_seconds,
    )


registry_consumer = reading(registry_feed)
