"""Assistance feed events shaped as the assistance service emits them (``visit.upserted`` with
VisitPublic as ``data``, risk flags whole as the service token sees them; ``plan.upserted``
with PlanPublic, ``happiness_item.upserted`` with HappinessItemPublic and the village)."""

import uuid
from datetime import date
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


def _event(aggregate: str, data: dict[str, Any]) -> Event:
    return {
        "id": str(uuid.uuid4()),
        "type": f"{aggregate}.upserted",
        "aggregate": aggregate,
        "aggregate_id": data["id"],
        "version": data["version"],
        "occurred_at": "2026-01-01T00:00:00+08:00",
        "data": data,
    }


def plan(
    household_id: uuid.UUID,
    year: int,
    *,
    main_measure: str | None = "industry",
    insured: tuple[date, date] | None = None,
    version: int = 1,
    village: str = VILLAGE_A1,
) -> Event:
    """A plan with a main measure (or none) and, when ``insured`` gives its first and last day
    covered, the supplementary medical insurance."""
    measure = None
    if main_measure is not None:
        measure = {
            "code": main_measure,
            "name_zh": "产业帮扶",
            "name_en": "industry",
            "measure_no": 1,
            "action": "industry",
        }
    starts_on, ends_on = insured or (None, None)
    data: dict[str, Any] = {
        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"plan/{household_id}/{year}")),
        "household_id": str(household_id),
        "year": year,
        "village_code": village,
        "main_measure": measure,
        "goals": "",
        "insurance": {
            "insured": insured is not None,
            "insurer": "人保" if insured else "",
            "policy_number": "P-1" if insured else "",
            "starts_on": starts_on.isoformat() if starts_on else None,
            "ends_on": ends_on.isoformat() if ends_on else None,
            "premium_paid_by": None,
        },
        "recorded_by": "test",
        "version": version,
    }
    return _event("plan", data)


def happiness_item(
    household_id: uuid.UUID,
    delivered_on: date,
    *,
    status: str = "delivered",
    item_id: uuid.UUID | None = None,
    version: int = 1,
    village: str = VILLAGE_A1,
) -> Event:
    data: dict[str, Any] = {
        "id": str(item_id or uuid.uuid4()),
        "household_id": str(household_id),
        "year": delivered_on.year,
        "category": "subsidy",
        "title": "产业补贴",
        "value": "1200.00",
        "delivering_unit": "县农业农村局",
        "delivered_on": delivered_on.isoformat(),
        "status": status,
        "recorded_by": "test",
        "version": version,
        "village_code": village,
    }
    return _event("happiness_item", data)


async def sync_visits(app: FastAPI, events: list[Event]) -> None:
    async with app.state.sessionmaker.begin() as session:
        await apply_assistance_events(session, events)
