"""The indicators service: the programme's indicators computed from its own read model of the
registry (kept from the registry's feed), and the figures other departments report."""

from pathlib import Path

from fastapi import FastAPI

from indicators.alerts.router import router as alerts_router
from indicators.assistance_copy.consumer import assistance_consumer
from indicators.catalogue.router import router as catalogue_router
from indicators.defaults.router import router as defaults_router
from indicators.exports.router import router as exports_router
from indicators.models import outbox
from indicators.progress.router import router as progress_router
from indicators.rankings.router import router as rankings_router
from indicators.registry_copy.consumer import registry_consumer
from indicators.reported.router import router as reported_router
from indicators.settings import IndicatorsSettings
from indicators.targets.router import router as targets_router
from indicators.values.router import router as values_router
from kit.app import create_service_app
from kit.feed import feed_router

MIGRATIONS = Path(__file__).parent / "migrations"


def create_app(settings: IndicatorsSettings | None = None) -> FastAPI:
    settings = settings or IndicatorsSettings()
    return create_service_app(
        name="indicators",
        title="Fumin indicators 指标",
        settings=settings,
        script_location=MIGRATIONS,
        outbox=outbox,
        routers=[
            feed_router("indicators", outbox, lambda event, principal: None),
            catalogue_router,
            values_router,
            reported_router,
            targets_router,
            progress_router,
            rankings_router,
            defaults_router,
            exports_router,
            alerts_router,
        ],
        background=[registry_consumer, assistance_consumer],
    )
