"""The indicators service."""

from pathlib import Path

from fastapi import FastAPI

from indicators.models import outbox
from indicators.settings import IndicatorsSettings
from kit.app import create_service_app
from kit.feed import feed_router

MIGRATIONS = Path(__file__).parent / "migrations"


def create_app(settings: IndicatorsSettings | None = None) -> FastAPI:
    settings = settings or IndicatorsSettings()
    return create_service_app(
        name="indicators",
        title="Fumin indicators",
        settings=settings,
        script_location=MIGRATIONS,
        outbox=outbox,
        routers=[feed_router("indicators", outbox, lambda event, principal: None)],
    )
