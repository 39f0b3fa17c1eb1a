"""Reading a service's audit log (kit.write_audit's table): the filters every log takes, who may
read which entries, and the entry as the API shows it. The registry's log and the assistance
service's answer the same shape, so the admin app reads both the same way."""

from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import Depends, Query
from pydantic import AwareDatetime, BaseModel
from sqlalchemy import Table, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from kit.auth import Principal, Role
from kit.pagination import paginate
from kit.write_audit import WRITE_ACTIONS

# Who reads a log: the county admin all of it; a township officer or a leader the writes of
# their area (an entry with no area, a whole read say, is the county admin's alone).
AUDIT_READ_ROLES = (Role.COUNTY_ADMIN, Role.TOWNSHIP_OFFICER, Role.LEADER)


class AuditChange(BaseModel):
    field: str
    item: str | None = None  # which member (or other part) of the aggregate
    old: Any = None
    new: Any = None
    masked: bool = False  # a sensitive value: the log says it changed, never what it was


class AuditEntryPublic(BaseModel):
    id: UUID
    at: datetime
    subject: str
    subject_name: str | None  # the user's display name; None for a machine client
    roles: list[str]
    kind: Literal["read", "write"]
    action: str
    resource: str
    resource_id: str
    household_id: str | None = None
    fields: list[str]
    changes: list[AuditChange] = []
    reason: str
    request_id: str


@dataclass(frozen=True)
class AuditFilters:
    subject: str | None = None
    resource: str | None = None
    resource_id: str | None = None
    action: str | None = None
    since: datetime | None = None  # ``from``, inclusive
    until: datetime | None = None  # ``to``, exclusive
    household_id: str | None = None
    kind: str | None = None  # read / write


def audit_filters(
    subject: Annotated[str | None, Query(max_length=64, description="用户 / who")] = None,
    resource: Annotated[
        str | None, Query(max_length=40, description="对象类型 / e.g. household")
    ] = None,
    resource_id: Annotated[str | None, Query(max_length=64, description="对象编号 / id")] = None,
    action: Annotated[
        str | None, Query(max_length=40, description="操作 / e.g. read_unmasked, update")
    ] = None,
    since: Annotated[
        AwareDatetime | None, Query(alias="from", description="起（含）/ from, inclusive")
    ] = None,
    until: Annotated[
        AwareDatetime | None, Query(alias="to", description="止（不含）/ to, exclusive")
    ] = None,
    household_id: Annotated[
        UUID | None, Query(description="农户（其本身及其走访、计划等）/ the household's entries")
    ] = None,
    kind: Annotated[
        Literal["read", "write"] | None, Query(description="读 / 写 · read or write")
    ] = None,
) -> AuditFilters:
    return AuditFilters(
        subject,
        resource,
        resource_id,
        action,
        since,
        until,
        str(household_id) if household_id else None,
        kind,
    )


AuditFiltersQuery = Annotated[AuditFilters, Depends(audit_filters)]


def kind_of(action: str) -> Literal["read", "write"]:
    return "write" if action in WRITE_ACTIONS else "read"


def conditions(
    table: Table, filters: AuditFilters, principal: Principal | None = None
) -> list[ColumnElement[bool]]:
    """The filters, and the caller's scope, as WHERE conditions on ``table``."""
    c = table.c
    found: list[ColumnElement[bool]] = []
    for column, value in (
        (c.subject, filters.subject),
        (c.resource, filters.resource),
        (c.resource_id, filters.resource_id),
        (c.action, filters.action),
        (c.household_id, filters.household_id),
    ):
        if value is not None:
            found.append(column == value)
    if filters.kind == "write":
        found.append(c.action.in_(WRITE_ACTIONS))
    elif filters.kind == "read":
        found.append(c.action.not_in(WRITE_ACTIONS))
    if filters.since is not None:
        found.append(c.at >= filters.since)
    if filters.until is not None:
        found.append(c.at < filters.until)
    if principal is not None and not principal.has(Role.COUNTY_ADMIN):
        found.append(principal.area_filter(c.area_code))
    return found


def public(row: Any, subject_name: str | None) -> AuditEntryPublic:
    """An audit row as the API shows it."""
    data = dict(row._mapping)
    return AuditEntryPublic.model_validate(
        {
            **data,
            "subject_name": subject_name or data.get("subject_name") or None,
            "kind": kind_of(data["action"]),
            "changes": data.get("changes") or [],
        }
    )


async def audit_page(
    session: AsyncSession,
    table: Table,
    filters: AuditFilters,
    *extra: ColumnElement[bool],
    principal: Principal | None,
    cursor: str | None,
    limit: int,
) -> tuple[list[Any], str | None]:
    """One page of ``table``'s rows matching ``filters`` that ``principal`` may read (all of
    them for None), newest first."""
    query = select(table).where(*conditions(table, filters, principal), *extra)
    return await paginate(
        session, query, [table.c.at, table.c.id], cursor=cursor, limit=limit, descending=True
    )
