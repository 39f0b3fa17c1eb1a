"""Needs raised (诉求) tracked to closure (办结): open → in_progress → closed, each step's time
kept; any other move answers 409. A visit's needs become tracked needs when it is stored."""

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col, select

from assistance import households
from assistance.models import Department, Household, Need, Visit
from assistance.months import local_day
from assistance.needs import errors
from assistance.needs.schemas import (
    NeedClose,
    NeedIn,
    NeedOrder,
    NeedPublic,
    NeedStart,
    NeedStatus,
)
from assistance.scope import households_in_reach
from kit.auth import Principal
from kit.db import insert_for, utcnow
from kit.outbox import record_event
from kit.pagination import Page, paginate
from kit.problems import invalid
from kit.versioning import bump, check_version

AGGREGATE = "need"


@dataclass(frozen=True)
class NeedFilters:
    household_id: UUID | None = None
    visit_id: UUID | None = None
    status: NeedStatus | None = None
    overdue: bool | None = None
    area: str | None = None
    order: NeedOrder = NeedOrder.DUE


@dataclass(frozen=True)
class Place:
    """Where the need's household is now, and its head's name (from the registry copy)."""

    village_code: str
    household_name: str = ""


def need_id_from_visit(visit_id: UUID, description: str) -> UUID:
    """A visit's need is named by the visit and its text: storing the visit again (a repeat,
    an edit keeping the text) finds the need it already made."""
    return uuid.uuid5(visit_id, description)


def is_overdue(status: str, due_on: date, today: date) -> bool:
    return status != NeedStatus.CLOSED and due_on < today


def _seconds(start: datetime | None, end: datetime | None) -> int | None:
    return None if start is None or end is None else int((end - start).total_seconds())


def to_public(need: Mapping[str, Any], place: Place, today: date) -> NeedPublic:
    """The need from its column values (``Need.model_dump()`` or a row dict)."""
    return NeedPublic.model_validate(
        {
            **need,
            "village_code": place.village_code,
            "household_name": place.household_name,
            "overdue": is_overdue(need["status"], need["due_on"], today),
            "durations": {
                "to_start_seconds": _seconds(need["raised_at"], need["started_at"]),
                "in_progress_seconds": _seconds(need["started_at"], need["closed_at"]),
                "to_close_seconds": _seconds(need["raised_at"], need["closed_at"]),
            },
        }
    )


def emit(session: AsyncSession, *, need: NeedPublic) -> None:
    """The need's event: its whole public state."""
    record_event(
        session,
        aggregate=AGGREGATE,
        aggregate_id=need.id,
        version=need.version,
        data=need.model_dump(mode="json"),
        area_code=need.village_code,
    )


async def raise_from_visit(
    session: AsyncSession, *, visit: Visit, need_days: int, today: date
) -> int:
    """Track each of the visit's needs not tracked yet (new visit, or an edit adding one); a
    text the edit removed keeps its need, which is closed like any other. Answers how many."""
    if not visit.needs_raised:
        return 0
    now = utcnow()
    due = local_day(visit.occurred_at) + timedelta(days=need_days)
    rows: list[dict[str, Any]] = [
        {
            "id": need_id_from_visit(visit.id, text),
            "household_id": visit.household_id,
            "visit_id": visit.id,
            "description": text,
            "responsible_unit": "",
            "responsible_department_id": None,
            "status": NeedStatus.OPEN.value,
            "raised_at": visit.occurred_at,
            "due_on": due,
            "started_at": None,
            "closed_at": None,
            "start_note": "",
            "close_note": "",
            "recorded_by": visit.recorded_by,
            "version": 1,
            "created_at": now,
            "updated_at": now,
        }
        for text in dict.fromkeys(visit.needs_raised)
    ]
    table = Need.__table__  # type: ignore[attr-defined]
    made = set(
        (
            await session.scalars(
                insert_for(session)(table)
                .values(rows)
                .on_conflict_do_nothing(index_elements=[table.c.id])
                .returning(table.c.id)
            )
        ).all()
    )
    household = await session.get(Household, visit.household_id)
    place = Place(visit.village_code, household.head_name if household else "")
    for row in rows:
        if row["id"] in made:
            emit(session, need=to_public(row, place, today))
    return len(made)


async def create(
    session: AsyncSession, *, principal: Principal, data: NeedIn, need_days: int, today: date
) -> NeedPublic:
    """A need entered directly, due ``need_days`` after today unless the body says."""
    household = await households.named_in_body(
        session, principal=principal, household_id=data.household_id, today=today
    )
    now = utcnow()
    need = Need(
        id=uuid.uuid4(),
        household_id=household.id,
        description=data.description,
        responsible_unit=data.responsible_unit,
        status=NeedStatus.OPEN.value,
        raised_at=now,
        due_on=data.due_on or local_day(now) + timedelta(days=need_days),
        recorded_by=principal.subject,
        created_at=now,
        updated_at=now,
    )
    session.add(need)
    await session.flush()
    public = to_public(need.model_dump(), Place(household.village_code, household.head_name), today)
    emit(session, need=public)
    return public


async def _visible(
    session: AsyncSession, principal: Principal, need_id: UUID, today: date, *, lock: bool
) -> tuple[Need, Place]:
    query = (
        select(Need, col(Household.village_code), col(Household.head_name))
        .join(Household, col(Household.id) == col(Need.household_id))
        .where(
            col(Need.id) == need_id,
            col(Need.household_id).in_(households_in_reach(principal, today)),
        )
    )
    if lock:
        query = query.with_for_update(of=Need).execution_options(populate_existing=True)
    row = (await session.execute(query)).first()
    if row is None:
        raise errors.not_found(need_id)
    return row[0], Place(row[1], row[2])


async def get_need(
    session: AsyncSession, *, principal: Principal, need_id: UUID, today: date
) -> NeedPublic:
    """One need in the caller's reach."""
    need, place = await _visible(session, principal, need_id, today, lock=False)
    return to_public(need.model_dump(), place, today)


async def start(
    session: AsyncSession,
    *,
    principal: Principal,
    need_id: UUID,
    data: NeedStart,
    if_match: str | None,
    today: date,
) -> NeedPublic:
    """open → in_progress; the responsible unit may be given here (a department the caller
    sees, or, from older clients, a name)."""
    need, place = await _visible(session, principal, need_id, today, lock=True)
    check_version(if_match, need.version)
    if need.status != NeedStatus.OPEN:
        raise errors.cannot_start(need.status)
    need.status = NeedStatus.IN_PROGRESS.value
    need.started_at = utcnow()
    need.start_note = data.note
    if data.responsible_department_id is not None:
        department = await _department(session, principal, data.responsible_department_id)
        need.responsible_department_id, need.responsible_unit = department.id, department.name
    elif data.responsible_unit is not None:
        need.responsible_department_id, need.responsible_unit = None, data.responsible_unit
    return await _stored(session, need, place, today)


async def _department(
    session: AsyncSession, principal: Principal, department_id: UUID
) -> Department:
    """A department the caller sees, as the registry does: one inside their area or above it
    (a county bureau for a township's officer); any other answers 422 on the field."""
    department = await session.get(Department, department_id)
    if (
        department is None
        or department.deleted
        or not principal.covers_or_is_above(department.area_code)
    ):
        raise invalid(
            "responsible_department_id",
            f"单位 {department_id} 不存在或不在你的范围内 / no such department in your reach",
        )
    return department


async def close(
    session: AsyncSession,
    *,
    principal: Principal,
    need_id: UUID,
    data: NeedClose,
    if_match: str | None,
    today: date,
) -> NeedPublic:
    """in_progress → closed (办结), with a note saying how."""
    need, place = await _visible(session, principal, need_id, today, lock=True)
    check_version(if_match, need.version)
    if need.status != NeedStatus.IN_PROGRESS:
        raise errors.cannot_close(need.status)
    need.status = NeedStatus.CLOSED.value
    need.closed_at = utcnow()
    need.close_note = data.note.strip()
    return await _stored(session, need, place, today)


async def _stored(session: AsyncSession, need: Need, place: Place, today: date) -> NeedPublic:
    bump(need)
    await session.flush()
    public = to_public(need.model_dump(), place, today)
    emit(session, need=public)
    return public


async def list_needs(
    session: AsyncSession,
    *,
    principal: Principal,
    filters: NeedFilters,
    today: date,
    cursor: str | None,
    limit: int,
) -> Page[NeedPublic]:
    """Nearest deadline first (or newest first); ``overdue`` is "not closed and due before
    today" (Asia/Shanghai)."""
    reach = households_in_reach(principal, today)
    if filters.area:
        reach = reach.where(col(Household.village_code).startswith(filters.area))
    conditions: list[ColumnElement[bool]] = [col(Need.household_id).in_(reach)]
    if filters.household_id is not None:
        conditions.append(col(Need.household_id) == filters.household_id)
    if filters.visit_id is not None:
        conditions.append(col(Need.visit_id) == filters.visit_id)
    if filters.status is not None:
        conditions.append(col(Need.status) == filters.status.value)
    if filters.overdue is not None:
        late = (col(Need.status) != NeedStatus.CLOSED.value) & (col(Need.due_on) < today)
        conditions.append(late if filters.overdue else ~late)
    newest = filters.order == NeedOrder.RAISED
    rows, next_cursor = await paginate(
        session,
        select(Need).where(*conditions),
        [col(Need.raised_at if newest else Need.due_on), col(Need.id)],
        cursor=cursor,
        limit=limit,
        descending=newest,
    )
    places = await _places(session, {need.household_id for need in rows})
    shown = [to_public(n.model_dump(), places.get(n.household_id, Place("")), today) for n in rows]
    return Page(items=shown, next_cursor=next_cursor)


async def _places(session: AsyncSession, ids: set[UUID]) -> dict[UUID, Place]:
    if not ids:
        return {}
    query = select(col(Household.id), col(Household.village_code), col(Household.head_name)).where(
        col(Household.id).in_(ids)
    )
    return {r.id: Place(r.village_code, r.head_name) for r in (await session.execute(query)).all()}
