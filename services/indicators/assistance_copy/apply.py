"""Applying a page of the assistance feed: visits, plans and happiness-list items into the read
model, kept like the registry copy (a row per aggregate with its version, replaced only by a
newer event; a deleted one stays as a tombstone), then the visit rules of the alerts for what
the page touched. Plans and happiness items feed the "six ones" (values.six_ones)."""

from collections.abc import Callable
from datetime import date, datetime
from typing import Any
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from indicators.alerts.evaluate import sweep_ended_months, visits_changed
from indicators.models import HappinessItemCopy, PlanCopy, VisitCopy
from indicators.periods import month_text
from kit.clock import LOCAL_TZ
from kit.consumer import newest_per_aggregate, replace_newer

Event = dict[str, Any]
Row = dict[str, Any]


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


# The assistance aggregates kept here, with their tables and rows; every other event is skipped.
COPIED: dict[str, tuple[Any, Callable[[Event], Row]]] = {
    "plan": (PlanCopy.__table__, plan_row),  # type: ignore[attr-defined]
    "happiness_item": (HappinessItemCopy.__table__, happiness_item_row),  # type: ignore[attr-defined]
    "visit": (VisitCopy.__table__, visit_row),  # type: ignore[attr-defined]
}


async def apply_assistance_events(session: AsyncSession, events: list[Event]) -> None:
    """Apply a page of assistance events, then judge the visit rules for what it touched
    (the FeedConsumer's ``apply``: its arguments are positional)."""
    by_aggregate = newest_per_aggregate(events, COPIED)
    stored = {}
    for aggregate, (table, to_row) in COPIED.items():
        keyed = {UUID(key): event for key, event in by_aggregate.get(aggregate, {}).items()}
        stored[aggregate] = await replace_newer(session, table, keyed, to_row)
    # The (household, month) the visits were in and are in now: an edit may move a visit.
    replaced, written = stored["visit"]
    touched = {(row["household_id"], row["month"]) for row in (*replaced, *written)}
    await visits_changed(session, keys=touched)
    if not events:  # caught up with the feed: the month that ended can be judged
        await sweep_ended_months(session)
