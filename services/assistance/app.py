"""The assistance service: visits, schedules and compliance, plans with their main measures and
insurance, happiness lists and needs, on its own copy of the registry read from its feed."""

from pathlib import Path

from fastapi import FastAPI

from assistance.attachments.router import router as attachments_router
from assistance.attachments.storage import FileStore
from assistance.audit.router import router as audit_router
from assistance.compliance.router import router as compliance_router
from assistance.happiness.router import router as happiness_router
from assistance.measure_types.router import router as measure_types_router
from assistance.measure_types.seeding import measure_catalogue
from assistance.models import outbox
from assistance.needs.router import router as needs_router
from assistance.plans.router import router as plans_router
from assistance.privacy import WRITE_AUDIT, mask_event
from assistance.registry_copy.consumer import registry_consumer
from assistance.schedule.router import router as schedule_router
from assistance.settings import AssistanceSettings
from assistance.visits.router import router as visits_router
from kit.app import create_service_app
from kit.feed import feed_router

MIGRATIONS = Path(__file__).parent / "migrations"


def create_app(settings: AssistanceSettings | None = None) -> FastAPI:
    settings = settings or AssistanceSettings()
    routers = [
        feed_router("assistance", outbox, mask_event),
        visits_router,
        schedule_router,
        compliance_router,
        attachments_router,
        measure_types_router,
        plans_router,
        happiness_router,
        needs_router,
        audit_router,
    ]
    app = create_service_app(
        name="assistance",
        title="Fumin assistance 帮扶",
        settings=settings,
        script_location=MIGRATIONS,
        outbox=outbox,
        routers=routers,
        background=[measure_catalogue, registry_consumer],
        write_audit=WRITE_AUDIT,
    )
    app.state.photo_store = FileStore(settings.data_dir / "attachments")
    return app
