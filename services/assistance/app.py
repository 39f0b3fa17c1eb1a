"""The assistance service."""

from pathlib import Path

from fastapi import FastAPI

from assistance.models import outbox
from assistance.settings import AssistanceSettings
from kit.app import create_service_app
from kit.feed import feed_router

MIGRATIONS = Path(__file__).parent / "migrations"


def create_app(settings: AssistanceSettings | None = None) -> FastAPI:
    settings = settings or AssistanceSettings()
    return create_service_app(
        name="assistance",
        title="Fumin assistance",
        settings=settings,
        script_location=MIGRATIONS,
        outbox=outbox,
        routers=[feed_router("assistance", outbox, lambda event, principal: None)],
    )
