"""Every write a person makes, in the audit log, in the same transaction as the write.

A service's writes already queue an outbox event carrying the aggregate's whole state after the
write (kit.outbox). When the session commits, the outbox hook hands those events here: each is
compared with the aggregate's previous state (its last event in the outbox, or an earlier event
of the same transaction) and one audit row names who wrote, when, which aggregate, which fields
changed and, where a value is not sensitive, from what to what. The row goes into the service's
own audit table next to the outbox rows, so a write that rolls back leaves neither.

Who wrote is the request's principal (kit.auth keeps it on the request; kit.db puts it on the
session just before committing). Writes without one (demo seeding, command-line tools, feed
consumers keeping their copies) are not a person's act and are not logged here.
"""

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy import Column, Index, MetaData, String, Table, Uuid, func, insert, select
from sqlalchemy.orm import Session

from kit.db import WRITE_ACTOR, JSONType, UTCDateTime, utcnow
from kit.logs import request_id_var

AUDIT = "write_audit"  # session.info: the service's WriteAudit

# Actions of the log that change data; every other action is a read (kit users filter by kind).
WRITE_ACTIONS = ("create", "update", "delete", "handover")
KINDS = ("read", "write")

# State every aggregate carries that says nothing about what the person changed.
BOOKKEEPING = frozenset({"id", "version", "created_at", "updated_at", "received_at", "recorded_by"})
EMPTY: tuple[Any, ...] = (None, "", [])
MAX_VALUE_CHARS = 200
LOOKUP_CHUNK = 500


def audit_table(metadata: MetaData) -> Table:
    """The audit log's table, for a service that has no log of its own yet (the registry's
    ``audit_entry`` model has the same columns)."""
    return Table(
        "audit_entry",
        metadata,
        Column("id", Uuid, primary_key=True),
        Column("at", UTCDateTime, nullable=False, index=True),
        Column("subject", String(64), nullable=False, index=True),
        Column("subject_name", String(100), nullable=False, server_default=""),
        Column("roles", JSONType, nullable=False),
        Column("action", String(40), nullable=False),
        Column("resource", String(40), nullable=False),
        Column("resource_id", String(64), nullable=False),
        Column("fields", JSONType, nullable=False),
        Column("changes", JSONType, nullable=False),
        Column("area_code", String(12), nullable=True, index=True),
        Column("household_id", String(64), nullable=True, index=True),
        Column("request_id", String(64), nullable=False, server_default=""),
        Column("reason", String(200), nullable=False, server_default=""),
    )


def outbox_lookup_index(outbox: Table) -> Index:
    """Finding an aggregate's last event (its state before this write) by its id."""
    return Index("ix_outbox_aggregate_id", outbox.c.aggregate_id)


@dataclass(frozen=True)
class WriteAudit:
    """Where a service logs its writes, and which fields' values never enter the log (their
    names do: "the phone changed" is worth knowing; the number is not the log's to keep)."""

    table: Table
    outbox: Table
    sensitive: frozenset[str] = field(default_factory=frozenset)


class Written(Protocol):
    """One event as the audit sees it (kit.outbox.PendingEvent)."""

    @property
    def aggregate(self) -> str: ...
    @property
    def aggregate_id(self) -> str: ...
    @property
    def version(self) -> int: ...
    @property
    def data(self) -> dict[str, Any]: ...
    @property
    def area_code(self) -> str | None: ...
    @property
    def deleted(self) -> bool: ...


def _clip(value: Any) -> Any:
    if isinstance(value, str) and len(value) > MAX_VALUE_CHARS:
        return value[: MAX_VALUE_CHARS - 1] + "…"
    return value


def _is_item_list(value: Any) -> bool:
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(item, dict) and "id" in item for item in value)
    )


def _is_coded(value: Any) -> bool:
    return isinstance(value, dict) and "code" in value and "id" not in value


def _code(value: Any) -> Any:
    return value.get("code") if isinstance(value, dict) else value


def _label(item: dict[str, Any]) -> str:
    return str(item.get("name") or item.get("title") or item.get("id"))


def _changes_in(
    path: str, before: Any, after: Any, sensitive: frozenset[str], item: str | None
) -> Iterable[dict[str, Any]]:
    """The changes between two values at ``path`` (dicts field by field, lists of records
    record by record matched on their ids, anything else as a whole)."""
    if before == after:
        return
    name = path.rsplit(".", 1)[-1]
    if name in BOOKKEEPING:
        return
    if path and (_is_coded(before) or _is_coded(after)):
        # A vocabulary entry carried whole (a main measure with its names): its code is the value.
        before, after = _code(before), _code(after)
        if before == after:
            return
    elif isinstance(before, dict | None) and isinstance(after, dict | None) and (before or after):
        old, new = before or {}, after or {}
        for key in sorted(old.keys() | new.keys(), key=lambda k: (k not in new, k)):
            sub = f"{path}.{key}" if path else key
            yield from _changes_in(sub, old.get(key), new.get(key), sensitive, item)
        return
    if (_is_item_list(before) or before in (None, [])) and (
        _is_item_list(after) or after in (None, [])
    ):
        yield from _item_list_changes(path, before or [], after or [], sensitive)
        return
    if before in EMPTY and after in EMPTY:
        return  # "" where there was nothing (a new record's blank fields) is no change
    yield _leaf_change(path, before, after, masked=name in sensitive, item=item)


def _leaf_change(
    path: str, before: Any, after: Any, *, masked: bool, item: str | None
) -> dict[str, Any]:
    change: dict[str, Any] = {"field": path}
    if item is not None:
        change["item"] = item
    if masked:
        change["masked"] = True
    else:
        change["old"] = _clip(before)
        change["new"] = _clip(after)
    return change


def _item_list_changes(
    path: str, before: list[dict[str, Any]], after: list[dict[str, Any]], sensitive: frozenset[str]
) -> Iterable[dict[str, Any]]:
    old = {str(i["id"]): i for i in before}
    new = {str(i["id"]): i for i in after}
    for key, record in new.items():
        if key not in old:
            yield {"field": path, "item": _label(record), "old": None, "new": "added"}
    for key, record in old.items():
        if key not in new:
            yield {"field": path, "item": _label(record), "old": "removed", "new": None}
    for key, record in new.items():
        if key in old:
            for sub in sorted(record.keys() | old[key].keys()):
                if sub == "id":
                    continue
                yield from _changes_in(
                    f"{path}.{sub}", old[key].get(sub), record.get(sub), sensitive, _label(record)
                )


def changes(
    before: dict[str, Any] | None, after: dict[str, Any], sensitive: frozenset[str]
) -> list[dict[str, Any]]:
    """What changed from ``before`` (None for a new aggregate) to ``after``: a list of
    ``{field, item?, old, new}``, or ``{field, item?, masked: true}`` for a sensitive field."""
    return list(_changes_in("", before or {}, after, sensitive, None))


def _previous_states(
    session: Session, outbox: Table, written: Sequence[Written]
) -> dict[tuple[str, str], dict[str, Any]]:
    """Each written aggregate's last state already committed: its newest outbox event."""
    ids = sorted({w.aggregate_id for w in written})
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for start in range(0, len(ids), LOOKUP_CHUNK):
        chunk = ids[start : start + LOOKUP_CHUNK]
        newest = (
            select(func.max(outbox.c.seq))
            .where(outbox.c.aggregate_id.in_(chunk))
            .group_by(outbox.c.aggregate, outbox.c.aggregate_id)
        )
        query = select(outbox.c.aggregate, outbox.c.aggregate_id, outbox.c.data).where(
            outbox.c.seq.in_(newest)
        )
        for aggregate, aggregate_id, data in session.execute(query):
            found[(aggregate, aggregate_id)] = data
    return found


def _household_of(w: Written) -> str | None:
    if w.aggregate == "household":
        return w.aggregate_id
    household_id = w.data.get("household_id")
    return str(household_id) if household_id else None


def record_writes(session: Session, written: Sequence[Written]) -> None:
    """Called by the outbox hook as the session commits, before the outbox rows go in."""
    audit: WriteAudit | None = session.info.get(AUDIT)
    actor = session.info.get(WRITE_ACTOR)
    if audit is None or actor is None or not written:
        return
    states = _previous_states(session, audit.outbox, written)
    at = utcnow()
    rows = []
    for w in written:
        key = (w.aggregate, w.aggregate_id)
        before = states.get(key)
        states[key] = w.data
        if w.deleted:
            action, found = "delete", []
        else:
            action = "update" if before is not None or w.version > 1 else "create"
            found = changes(before, w.data, audit.sensitive)
            if not found and action == "update":
                continue  # written again unchanged (an idempotent repeat): nothing happened
        rows.append(
            {
                "id": uuid.uuid4(),
                "at": at,
                "subject": actor.subject,
                "subject_name": actor.name[:100],
                "roles": sorted(actor.roles),
                "action": action,
                "resource": w.aggregate,
                "resource_id": w.aggregate_id,
                "fields": sorted({c["field"] for c in found}),
                "changes": found,
                "area_code": w.area_code,
                "household_id": _household_of(w),
                "request_id": request_id_var.get(),
                "reason": "",
            }
        )
    if rows:
        session.execute(insert(audit.table), rows)
