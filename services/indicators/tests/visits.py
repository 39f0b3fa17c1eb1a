"""Assistance feed events shaped as the assistance service emits them (``visit.upserted`` with
VisitPublic as ``data``, risk flags whole as the service token sees them)."""

import uuid
from typing import Any

from fastapi import FastAPI

from indicators.assistance_copy.apply import apply_assistance_events
from indicators.tests.events import VILLAGE_A1, Event


def visit(
    household_id: uuid.UUID,
    cadre_id: uuid.UUID,
    occurred_at: str,
    *,
    village: str = VILLAGE_A1,
    risk_flags: list[str] | None = None,
    mode: str = "in_person",
    visit_id: uuid.UUID | None = None,
    version: int = 1,
) -> Event:
    data: dict[str, Any] = {
        "id": str(visit_id or uuid.uuid4()),
        "household_id": str(household_id),
        "cadre_id": str(cadre_id),
        "village_code": village,
        "mode": mode,
        "occurred_at": occurred_at,
        "latitude": None,
        "longitude": None,
        "accuracy_m": None,
        "observations": {"health": "", "income": "", "employment": "", "housing": ""},
        "needs_raised": [],
        "actions_taken": "",
        "actions_promised": "",
        "risk_flags": risk_flags or [],
        "photo_ids": [],
        "backdate_reason": None,
        "flags": {"far_from_home": False, "distance_m": None, "late_entry": False},
        "redacted": [],
        "recorded_by": "test",
        "version": version,
        "received_at": occurred_at,
        "updated_at": occurred_at,
    }
    return {
        "id": str(uuid.uuid4()),
        "type": "visit.upserted",
        "aggregate": "visit",
        "aggregate_id": data["id"],
        "version": version,
        "occurred_at": occurred_at,
        "data": data,
    }


async def sync_visits(app: FastAPI, events: list[Event]) -> None:
    async with app.state.sessionmaker.begin() as session:
        await apply_assistance_events(session, events)
