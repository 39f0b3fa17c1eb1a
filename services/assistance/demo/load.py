"""Stores the demo year (demo/generate.py) in one transaction, with the events the API would
have written, after bringing the registry copy up to date from the registry's feed."""

import asyncio
import time
from datetime import date, datetime
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import Table, exists, insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from assistance.attachments import service as attachments
from assistance.attachments.storage import PhotoStore
from assistance.demo.generate import RECORDED_BY, SEED, Activity, PairedHousehold, generate
from assistance.happiness import service as happiness
from assistance.measure_types.service import seed_defaults
from assistance.models import (
    Attachment,
    AttachmentUpload,
    Department,
    HappinessItem,
    Household,
    MeasureType,
    Need,
    Pairing,
    Plan,
    Visit,
    VisitPhoto,
)
from assistance.needs import service as needs
from assistance.plans import service as plans
from assistance.registry_copy.consumer import registry_feed
from assistance.scope import active_on
from assistance.visits import service as visits
from kit.clock import LOCAL_TZ, local_today
from kit.outbox import record_event

CHUNK = 5_000


async def wait_for_registry(http: httpx.AsyncClient, registry_url: str, seconds: float) -> None:
    """Until the registry answers /readyz (it may be starting beside us)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            if (await http.get(f"{registry_url.rstrip('/')}/readyz")).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            raise SystemExit(
                f"登记服务未响应 / the registry did not answer at {registry_url} in {seconds:.0f} s"
            )
        await asyncio.sleep(0.5)


async def sync_registry(app: FastAPI, wait_seconds: float) -> int:
    """Read the registry's feed up to its end (the copy the demo year is made for); answers how
    many events came. Run it with the assistance service stopped: its own consumer would race."""
    async with httpx.AsyncClient(timeout=60, trust_env=False) as http:
        await wait_for_registry(http, app.state.settings.registry_url, wait_seconds)
        return await registry_feed(app).consumer(app, http).catch_up()


async def already_seeded(app: FastAPI) -> bool:
    """The demo year is there once any plan is (a real county's data is never overwritten)."""
    async with app.state.sessionmaker() as session:
        return bool(await session.scalar(select(exists().where(col(Plan.id).is_not(None)))))


async def paired_households(session: AsyncSession, *, today: date) -> list[PairedHousehold]:
    """Low-income households of the copy with a cadre paired today, in a stable order."""
    query = (
        select(Household, Pairing)
        .join(Pairing, col(Pairing.household_id) == col(Household.id))
        .where(
            col(Household.deleted).is_(False),
            col(Household.category) == "low_income",
            *active_on(today),
        )
        .order_by(col(Household.id))
    )
    found: dict[Any, PairedHousehold] = {}
    for household, pairing in (await session.execute(query)).all():
        found.setdefault(
            household.id,
            PairedHousehold(
                id=household.id,
                village_code=household.village_code,
                cadre_id=pairing.cadre_id,
                paired_since=pairing.started_on,
                latitude=household.latitude,
                longitude=household.longitude,
                head_name=household.head_name,
            ),
        )
    return list(found.values())


async def _insert(session: AsyncSession, table: Table, rows: list[dict[str, Any]]) -> None:
    for start in range(0, len(rows), CHUNK):
        await session.execute(insert(table), rows[start : start + CHUNK])


def _events(
    session: AsyncSession,
    activity: Activity,
    attachment_rows: list[dict[str, Any]],
    households: list[PairedHousehold],
    types: dict[str, MeasureType],
) -> None:
    """The events the API writes for the same rows (each domain's own ``to_public``)."""
    today = local_today()
    villages = {h.id: h.village_code for h in households}
    places = {h.id: needs.Place(h.village_code, h.head_name) for h in households}
    for row in attachment_rows:
        record_event(
            session,
            aggregate=attachments.AGGREGATE,
            aggregate_id=row["id"],
            version=1,
            data=attachments.to_public(Attachment(**row)).model_dump(mode="json"),
        )
    for row in activity.visits:
        record_event(
            session,
            aggregate=visits.AGGREGATE,
            aggregate_id=row["id"],
            version=1,
            data=visits.public_from_row(row).model_dump(mode="json"),
            area_code=row["village_code"],
        )
    for row in activity.needs:
        needs.emit(session, need=needs.to_public(row, places[row["household_id"]], today))
    for row in activity.plans:
        plans.emit(session, plan=plans.to_public(row, villages[row["household_id"]], types))
    for row in activity.items:
        village = villages[row["household_id"]]
        happiness.emit(session, item=happiness.to_public(row), village_code=village)


async def _given_to_departments(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    """Needs whose unit is a registry department are given to it by id, as the app does; a unit
    the registry does not list stays a name (as units typed before departments do)."""
    found = await session.execute(
        select(col(Department.name), col(Department.id)).where(col(Department.deleted).is_(False))
    )
    departments = dict(found.tuples().all())
    for row in rows:
        row["responsible_department_id"] = departments.get(row["responsible_unit"])


async def load_activity(
    app: FastAPI, store: PhotoStore, now: datetime, seed: int = SEED
) -> dict[str, int] | None:
    """Generate and store the demo year, unless plans exist already (answers None then)."""
    async with app.state.sessionmaker.begin() as session:
        await seed_defaults(session)
        if await session.scalar(select(exists().where(col(Plan.id).is_not(None)))):
            return None  # seeded already (or real plans there): never doubled
        households = await paired_households(session, today=now.astimezone(LOCAL_TZ).date())
        activity = generate(households, now, seed)
        await _given_to_departments(session, activity.needs)
        for photo_id, data in activity.photos.items():  # bytes first: a row always has them
            await store.put(photo_id, data)
        attachment_rows = [
            {"id": photo_id, "content_type": "image/png", "size": len(data), "created_at": now}
            for photo_id, data in activity.photos.items()
        ]  # fmt: skip
        # Uploaded by the demo's recorder and already on its visits (the visits decide).
        upload_rows = [
            {"attachment_id": photo_id, "uploaded_by": RECORDED_BY, "created_at": now,
             "attached_at": now}
            for photo_id in activity.photos
        ]  # fmt: skip
        for model, rows in (
            (Attachment, attachment_rows),
            (AttachmentUpload, upload_rows),
            (Visit, activity.visits),
            (VisitPhoto, activity.visit_photos),
            (Need, activity.needs),
            (Plan, activity.plans),
            (HappinessItem, activity.items),
        ):
            await _insert(session, model.__table__, rows)  # type: ignore[union-attr]
        types = await plans.measure_types(session)
        _events(session, activity, attachment_rows, households, types)
    return {
        "households": len(households),
        "visits": len(activity.visits),
        "needs": len(activity.needs),
        "plans": len(activity.plans),
        "happiness_items": len(activity.items),
        "photos": len(activity.photos),
    }
