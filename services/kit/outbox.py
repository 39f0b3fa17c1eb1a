"""The transactional outbox: an event row committed with the write it describes.

Services call ``record_event`` after changing an aggregate; the rows are inserted by a hook
that runs as the session commits. On PostgreSQL that hook first takes a transaction-level
advisory lock, so writers that produce events commit one at a time from that point on and
``seq`` is handed out in commit order: a reader that has seen ``seq = n`` has seen every
committed event below it, and the plain ``seq > cursor`` feed can never skip one. (SQLite
serialises writers anyway; see kit.db.) The lock is held only for the insert and the commit.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Column, Integer, MetaData, String, Table, Uuid, event, insert, text
from sqlalchemy.orm import Session

from kit.db import BigIntKey, JSONType, UTCDateTime, is_postgres, utcnow
from kit.write_audit import record_writes

OUTBOX_LOCK_KEY = 0x46554D494E  # "FUMIN": one key per database is enough, schemas share nothing
PENDING = "outbox_pending"
TABLE = "outbox_table"


def outbox_table(metadata: MetaData) -> Table:
    return Table(
        "outbox",
        metadata,
        Column("seq", BigIntKey, primary_key=True, autoincrement=True),
        Column("id", Uuid, nullable=False, unique=True),
        Column("type", String(64), nullable=False),
        Column("aggregate", String(40), nullable=False),
        Column("aggregate_id", String(64), nullable=False),
        Column("version", Integer, nullable=False),
        Column("occurred_at", UTCDateTime, nullable=False),
        # The area the aggregate belongs to, so a scoped reader can be given only its part.
        Column("area_code", String(12), nullable=True),
        Column("data", JSONType, nullable=False),
    )


def feed_cursor_table(metadata: MetaData) -> Table:
    """Where a consumer keeps its place in another service's feed."""
    return Table(
        "feed_cursor",
        metadata,
        Column("feed", String(40), primary_key=True),
        Column("cursor", String(200), nullable=False),
        Column("updated_at", UTCDateTime, nullable=False),
    )


@dataclass(frozen=True)
class PendingEvent:
    aggregate: str
    aggregate_id: str
    version: int
    data: dict[str, Any]
    area_code: str | None
    deleted: bool
    occurred_at: datetime


def record_event(
    session: Any,
    *,
    aggregate: str,
    aggregate_id: Any,
    version: int,
    data: dict[str, Any],
    area_code: str | None = None,
    deleted: bool = False,
) -> None:
    """Queue an event for this session's transaction. ``data`` is the whole state after the write
    (JSON-ready), or the last state as a tombstone when ``deleted``."""
    sync_session = getattr(session, "sync_session", session)
    sync_session.info.setdefault(PENDING, []).append(
        PendingEvent(aggregate, str(aggregate_id), version, data, area_code, deleted, utcnow())
    )


@event.listens_for(Session, "before_commit")
def _write_outbox(session: Session) -> None:
    pending: list[PendingEvent] = session.info.pop(PENDING, [])
    if not pending:
        return
    table: Table = session.info[TABLE]
    if is_postgres(session.get_bind().dialect):
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": OUTBOX_LOCK_KEY})
    # Who changed what (kit.write_audit), the states before read under the lock, so no other
    # writer's event lands in between, and before this transaction's own events join the outbox.
    record_writes(session, pending)
    rows = [
        {
            "id": uuid.uuid4(),
            "type": f"{e.aggregate}.{'deleted' if e.deleted else 'upserted'}",
            "aggregate": e.aggregate,
            "aggregate_id": e.aggregate_id,
            "version": e.version,
            "occurred_at": e.occurred_at,
            "area_code": e.area_code,
            "data": e.data,
        }
        for e in pending
    ]
    session.execute(insert(table), rows)


@event.listens_for(Session, "after_rollback")
def _forget_outbox(session: Session) -> None:
    session.info.pop(PENDING, None)
