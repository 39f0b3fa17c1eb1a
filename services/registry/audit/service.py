"""Reading the audit log: filtered, newest first, a page at a time or all of it as CSV."""

import csv
import io
from collections.abc import AsyncIterator, Sequence
from typing import Any
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col, select

from kit.audit_log import AuditEntryPublic, AuditFilters, audit_page, public
from kit.auth import Principal
from kit.clock import LOCAL_TZ
from kit.downloads import escape_text
from kit.logs import request_id_var
from kit.pagination import Page
from registry.audit import labels
from registry.models import AuditEntry, User

TABLE = AuditEntry.__table__  # type: ignore[attr-defined]
EXPORT_BATCH = 1000
CSV_HEADER = [
    "时间 / At",
    "用户 / Subject",
    "姓名 / Name",
    "角色 / Roles",
    "操作 / Action",
    "对象 / Resource",
    "对象编号 / Resource ID",
    "字段 / Fields",
    "原因 / Reason",
    "请求编号 / Request ID",
]


async def _page(
    session: AsyncSession,
    filters: AuditFilters,
    *extra: ColumnElement[bool],
    principal: Principal | None,
    cursor: str | None,
    limit: int,
) -> tuple[list[AuditEntryPublic], str | None]:
    rows, next_cursor = await audit_page(
        session, TABLE, filters, *extra, principal=principal, cursor=cursor, limit=limit
    )
    names = await _user_names(session, [row.subject for row in rows])
    return [public(row, names.get(row.subject)) for row in rows], next_cursor


async def list_entries(
    session: AsyncSession,
    *,
    principal: Principal,
    filters: AuditFilters,
    cursor: str | None,
    limit: int,
) -> Page[AuditEntryPublic]:
    """The entries matching ``filters`` that ``principal`` may read, newest first."""
    items, next_cursor = await _page(
        session, filters, principal=principal, cursor=cursor, limit=limit
    )
    return Page(items=items, next_cursor=next_cursor)


async def _user_names(session: AsyncSession, subjects: Sequence[str]) -> dict[str, str]:
    """Display names of the users among ``subjects`` (a user's subject is their id)."""
    ids = set()
    for subject in subjects:
        try:
            ids.add(UUID(subject))
        except ValueError:
            continue  # a machine client ("client:…")
    if not ids:
        return {}
    query = select(col(User.id), col(User.display_name)).where(col(User.id).in_(ids))
    return {str(user_id): name for user_id, name in (await session.execute(query)).all()}


def record_export(
    session: AsyncSession, *, principal: Principal, filters: AuditFilters, reason: str
) -> AuditEntry:
    """Exporting the log is itself an act to answer for: one entry naming the filters used."""
    used = [f"{name}={value}" for name, value in vars(filters).items() if value is not None]
    entry = AuditEntry(
        subject=principal.subject,
        roles=sorted(principal.roles),
        action="export_audit",
        resource="audit",
        resource_id="",
        fields=used,
        request_id=request_id_var.get(),
        reason=reason,
    )
    session.add(entry)
    return entry


async def export_csv(
    sessionmaker: async_sessionmaker[AsyncSession], filters: AuditFilters, *, leave_out: UUID
) -> AsyncIterator[bytes]:
    """The filtered log as CSV (UTF-8 with BOM, for Excel), read in batches on its own session
    since the request's session is closed before a streamed body is sent."""
    yield "\ufeff".encode() + _csv_line(CSV_HEADER)
    cursor: str | None = None
    while True:
        async with sessionmaker() as session:
            items, cursor = await _page(
                session,
                filters,
                TABLE.c.id != leave_out,
                principal=None,  # the county admin's: all of it
                cursor=cursor,
                limit=EXPORT_BATCH,
            )
        yield b"".join(_csv_line(_cells(item)) for item in items)
        if cursor is None:
            return


def _cells(item: AuditEntryPublic) -> list[str]:
    return [
        item.at.astimezone(LOCAL_TZ).isoformat(timespec="seconds"),
        item.subject,
        item.subject_name or "",
        labels.named_all(labels.ROLES, item.roles),
        labels.named(labels.ACTIONS, item.action),
        labels.named(labels.RESOURCES, item.resource),
        item.resource_id,
        labels.named_all(labels.FIELDS, item.fields),
        item.reason,
        item.request_id,
    ]


def _csv_line(cells: list[Any]) -> bytes:
    buffer = io.StringIO()
    # The reason and names are free text: escaped so Excel never runs one as a formula.
    safe = [escape_text(c) if isinstance(c, str) else c for c in cells]
    csv.writer(buffer).writerow(safe)
    return buffer.getvalue().encode()
