"""Applying a page of the assistance feed: visits into the read model (``VisitCopy``), kept like
the registry copy (a row per visit with its version, replaced only by a newer event; a deleted
visit stays as a tombstone), then the visit rules of the alerts for what the page touched.

Seam for the assistance service's part B: plans (main measure, medical insurance) and
happiness-list items will be more aggregates in ``KEPT`` with their tables, and the "six ones"
(values.six_ones) will read them; until their events exist those parts show as pending."""

from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import delete, insert, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from indicators.alerts.evaluate import month_text, sweep_ended_months, visits_changed
from indicators.models import VisitCopy
from kit.clock import LOCAL_TZ
from kit.consumer import newest_per_aggregate

Event = dict[str, Any]
KEPT = ("visit",)


def visit_row(event: Event) -> dict[str, Any]:
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


async def apply_assistance_events(session: AsyncSession, events: list[Event]) -> None:
    newest = newest_per_aggregate(events, KEPT).get("visit", {})
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
