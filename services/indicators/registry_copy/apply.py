"""Applying a page of registry feed events to the read model (FeedConsumer's ``apply``).

An event carries the aggregate's whole state after the write, so applying it replaces the
aggregate's row (and its parts) — only when the event's version is newer than the stored one.
A deleted aggregate is kept as a tombstone, so an older event arriving later cannot bring it
back. Applying the same page twice, or pages out of order, ends in the same state.
"""

from typing import Any
from uuid import UUID

from sqlalchemy import delete, insert
from sqlalchemy.ext.asyncio import AsyncSession

from indicators.alerts.evaluate import income_changed
from indicators.registry_copy.income_sums import records_replaced
from indicators.registry_copy.rows import KEPT, Kept
from kit.consumer import newest_per_aggregate, replace_newer

Event = dict[str, Any]
Row = dict[str, Any]


async def apply_events(session: AsyncSession, events: list[Event]) -> None:
    """Apply a page of registry events, then judge the income rules of the households whose
    records it changed (the FeedConsumer's ``apply``: its arguments are positional)."""
    for aggregate, by_id in newest_per_aggregate(events, KEPT).items():
        before, after = await _apply(session, KEPT[aggregate], list(by_id.values()))
        if aggregate == "income_record":  # the sums move with the records, in this transaction
            await records_replaced(
                session,
                before=(row for row in before if not row["deleted"]),
                after=(row for row in after if not row["deleted"]),
            )
    # The income rules of the alerts, for the households whose records this page changed.
    await income_changed(
        session,
        household_ids={
            UUID(event["data"]["household_id"])
            for event in events
            if event["aggregate"] == "income_record" and "household_id" in event["data"]
        },
    )


async def _apply(
    session: AsyncSession, kept: Kept, events: list[Event]
) -> tuple[list[Row], list[Row]]:
    """Store the events newer than the stored rows, with their parts; answers the rows they
    replaced and the rows written."""
    table = kept.model.__table__  # type: ignore[attr-defined]
    pk = next(iter(table.primary_key.columns))
    keyed = {kept.key(event["aggregate_id"]): event for event in events}

    def to_row(event: Event) -> Row:
        return {
            pk.name: kept.key(event["aggregate_id"]),
            **kept.row(event["data"]),
            "version": event["version"],
            "deleted": event["type"].endswith(".deleted"),
        }

    replaced, rows = await replace_newer(session, table, keyed, to_row)
    fresh = {written[pk.name]: keyed[written[pk.name]] for written in rows}
    if kept.parts is None or kept.part_rows is None:
        return replaced, rows
    parts = kept.parts.__table__  # type: ignore[attr-defined]
    await session.execute(delete(parts).where(parts.c[kept.part_key].in_(fresh)))
    part_rows = [
        row
        for key, event in fresh.items()
        if not event["type"].endswith(".deleted")  # a tombstone keeps no parts
        for row in kept.part_rows(key, event["data"])
    ]
    if part_rows:
        await session.execute(insert(parts), part_rows)
    return replaced, rows
