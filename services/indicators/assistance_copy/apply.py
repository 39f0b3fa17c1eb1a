"""Applying a page of the assistance feed: visits, plans and happiness-list items into the read
model, kept like the registry copy (a row per aggregate with its version, replaced only by a
newer event; a deleted one stays as a tombstone), then the visit rules of the alerts for what
the page touched. Plans and happiness items feed the "six ones" (values.six_ones)."""

from collections.abc import Callable
from datetime import date, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import delete, insert, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import SQLModel, col

from indicators.alerts.evaluate import month_text, sweep_ended_months, visits_changed
from indicators.models import HappinessItemCopy, PlanCopy, VisitCopy
from kit.clock import LOCAL_TZ
from kit.consumer import newest_per_aggregate

Event = dict[str, Any]
Row = dict[str, Any]
KEPT = ("visit", "plan", "happiness_item")


def visit_row(event: Event) -> Row:
    data = event["data"]
    occurred_at = datetime.fromisoformat(data["occurred_at"])
    return {
        "id": UUID(event["aggregate_id"]),
        "household_id": UUID(data["household_id"]),
        "cadre_id": UUID(data["cadre_id"]),
        "village_code": data["village_code"],
        "mode": data["mode"],
        "occurred_at": occurred_at,
        "month": month_text(occurred_at.astimezone(LOCAL_TZ).date()),
        # The service token sees risk flags whole; null would mean a masked feed.
        "risk_flags": list(data.get("risk_flags") or []),
        "version": event["version"],
        "deleted": event["type"].endswith(".deleted"),
    }


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def plan_row(event: Event) -> Row:
    data = event["data"]
    insurance = data.get("insurance") or {}
    measure = data.get("main_measure")
    return {
        "id": UUID(event["aggregate_id"]),
        "household_id": UUID(data["household_id"]),
        "year": int(data["year"]),
        "main_measure": measure["code"] if measure else None,
        "insured": bool(insurance.get("insured")),
        "insurance_starts_on": _day(insurance.get("starts_on")),
        "insurance_ends_on": _day(insurance.get("ends_on")),
        "version": event["version"],
        "deleted": event["type"].endswith(".deleted"),
    }


def happiness_item_row(event: Event) -> Row:
    data = event["data"]
    return {
        "id": UUID(event["aggregate_id"]),
        "household_id": UUID(data["household_id"]),
        "year": int(data["year"]),
        "delivered_on": date.fromisoformat(data["delivered_on"]),
        "status": data["status"],
        "version": event["version"],
        "deleted": event["type"].endswith(".deleted"),
    }


async def _replace(
    session: AsyncSession,
    model: type[SQLModel],
    events: dict[str, Event],
    row: Callable[[Event], Row],
) -> list[Row]:
    """Store the events newer than the stored rows; answers the rows stored."""
    table = model.__table__  # type: ignore[attr-defined]
    keyed = {UUID(key): event for key, event in events.items()}
    found = await session.execute(select(table.c.id, table.c.version).where(table.c.id.in_(keyed)))
    stored: dict[UUID, int] = dict(found.all())
    fresh = [row(e) for key, e in keyed.items() if e["version"] > stored.get(key, 0)]
    if fresh:
        # One consumer per feed writes here (kit.consumer), so delete-then-insert cannot race.
        await session.execute(delete(table).where(table.c.id.in_([r["id"] for r in fresh])))
        await session.execute(insert(table), fresh)
    return fresh


async def apply_assistance_events(session: AsyncSession, events: list[Event]) -> None:
    by_aggregate = newest_per_aggregate(events, KEPT)
    await _replace(session, PlanCopy, by_aggregate.get("plan", {}), plan_row)
    await _replace(
        session, HappinessItemCopy, by_aggregate.get("happiness_item", {}), happiness_item_row
    )
    newest = by_aggregate.get("visit", {})
    touched: set[tuple[UUID, str]] = set()
    if newest:
        keyed = {UUID(key): event for key, event in newest.items()}
        found = await session.execute(
            select(col(VisitCopy.id), col(VisitCopy.version), col(VisitCopy.household_id),
                   col(VisitCopy.month)).where(col(VisitCopy.id).in_(keyed))
        )  # fmt: skip
        stored = {}
        for visit_id, version, household_id, month in found.all():
            stored[visit_id] = version
            touched.add((household_id, month))  # an edit may move a visit out of a month
        fresh = [visit_row(e) for key, e in keyed.items() if e["version"] > stored.get(key, 0)]
        if fresh:
            await session.execute(
                delete(VisitCopy).where(col(VisitCopy.id).in_([r["id"] for r in fresh]))
            )
            await session.execute(insert(VisitCopy), fresh)
            touched |= {(row["household_id"], row["month"]) for row in fresh}
    await visits_changed(session, touched)
    if not events:  # caught up with the feed: the month that ended can be judged
        await sweep_ended_months(session)
