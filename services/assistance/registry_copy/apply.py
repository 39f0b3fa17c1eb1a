"""Applying the registry's feed events to this service's copy (assistance.models.registry_copy).

An event carries the aggregate's whole state after the write, so applying it replaces the row of
its aggregate id (``kit.consumer.replace_newer``), only when the event's version is newer than
the row's: applying a page twice, or an older event after a newer one, changes nothing.
"""

from collections.abc import Callable
from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy import Table
from sqlalchemy.ext.asyncio import AsyncSession

from assistance.models import Cadre, Department, Household, Pairing
from kit.consumer import newest_per_aggregate, replace_newer
from kit.db import utcnow

Row = dict[str, Any]


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def household_row(data: dict[str, Any]) -> Row:
    return {
        "village_code": data["village_code"],
        "category": data["category"],
        "low_income_subtype": data.get("low_income_subtype"),
        "latitude": data.get("latitude"),
        "longitude": data.get("longitude"),
        "head_name": data.get("head_name") or "",
    }


def pairing_row(data: dict[str, Any]) -> Row:
    return {
        "cadre_id": UUID(data["cadre_id"]),
        "household_id": UUID(data["household_id"]),
        "started_on": _day(data["started_on"]),
        "ended_on": _day(data.get("ended_on")),
    }


def cadre_row(data: dict[str, Any]) -> Row:
    return {
        "name": data["name"],
        "home_area_code": data.get("home_area_code") or "",
        "active": bool(data.get("active", True)),
    }


def department_row(data: dict[str, Any]) -> Row:
    return {"name": data["name"], "area_code": data.get("area_code") or ""}


# The registry aggregates copied here; every other event is skipped.
COPIED: dict[str, tuple[Table, Callable[[dict[str, Any]], Row]]] = {
    "household": (Household.__table__, household_row),  # type: ignore[attr-defined]
    "pairing": (Pairing.__table__, pairing_row),  # type: ignore[attr-defined]
    "cadre": (Cadre.__table__, cadre_row),  # type: ignore[attr-defined]
    "department": (Department.__table__, department_row),  # type: ignore[attr-defined]
}


async def apply_events(session: AsyncSession, events: list[dict[str, Any]]) -> None:
    """Apply a page of registry feed events (FeedConsumer's ``apply``)."""
    now = utcnow()
    for aggregate, by_id in newest_per_aggregate(events, COPIED).items():
        table, to_row = COPIED[aggregate]

        def row(event: dict[str, Any], to_row: Callable[[dict[str, Any]], Row] = to_row) -> Row:
            return {
                "id": UUID(event["aggregate_id"]),
                **to_row(event["data"]),
                "version": event["version"],
                "deleted": event["type"].endswith(".deleted"),
                "synced_at": now,
            }

        keyed = {UUID(key): event for key, event in by_id.items()}
        await replace_newer(session, table, keyed, row)
