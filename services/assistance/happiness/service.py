"""The happiness list (幸福清单): items made by an idempotent PUT (the phone's id), edited at
the version read, listed with exact totals in yuan (summed in fen)."""

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy import case, func
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col, select

from assistance import households
from assistance.happiness import errors
from assistance.happiness.schemas import (
    HappinessItemIn,
    HappinessItemPublic,
    HappinessList,
    ItemStatus,
)
from assistance.models import HappinessItem, Household
from assistance.scope import households_in_reach
from kit.auth import Principal
from kit.db import insert_for, utcnow
from kit.money import from_fen, to_fen
from kit.outbox import record_event
from kit.pagination import paginate
from kit.versioning import bump, check_version

AGGREGATE = "happiness_item"


@dataclass(frozen=True)
class ItemFilters:
    household_id: UUID | None = None
    year: int | None = None
    area: str | None = None
    status: ItemStatus | None = None


def body_hash(body: HappinessItemIn) -> str:
    canonical = json.dumps(body.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def fields(body: HappinessItemIn) -> dict[str, Any]:
    return {
        "household_id": body.household_id,
        "year": body.delivered_on.year,
        "category": body.category.value,
        "title": body.title,
        "value_fen": to_fen(body.value),
        "delivering_unit": body.delivering_unit,
        "delivered_on": body.delivered_on,
        "status": body.status.value,
        "body_hash": body_hash(body),
    }


def to_public(item: Mapping[str, Any]) -> HappinessItemPublic:
    """The item from its column values (``HappinessItem.model_dump()`` or a row dict)."""
    return HappinessItemPublic.model_validate({**item, "value": from_fen(item["value_fen"])})


def emit(session: AsyncSession, *, item: HappinessItemPublic, village_code: str) -> None:
    """The whole item; indicators reads household_id, year, delivered_on and status from it."""
    record_event(
        session,
        aggregate=AGGREGATE,
        aggregate_id=item.id,
        version=item.version,
        data={**item.model_dump(mode="json"), "village_code": village_code},
        area_code=village_code,
    )


async def _visible(
    session: AsyncSession, principal: Principal, item_id: UUID, today: date, *, lock: bool
) -> HappinessItem | None:
    query = select(HappinessItem).where(
        col(HappinessItem.id) == item_id,
        col(HappinessItem.household_id).in_(households_in_reach(principal, today)),
    )
    if lock:
        query = query.with_for_update().execution_options(populate_existing=True)
    return (await session.execute(query)).scalars().first()


async def _repeat(
    session: AsyncSession, principal: Principal, item_id: UUID, body: HappinessItemIn, today: date
) -> HappinessItemPublic:
    stored = await _visible(session, principal, item_id, today, lock=False)
    if stored is None or stored.body_hash != body_hash(body):
        raise errors.same_id_other_body()
    return to_public(stored.model_dump())


async def create_or_return(
    session: AsyncSession,
    *,
    principal: Principal,
    item_id: UUID,
    data: HappinessItemIn,
    today: date,
) -> tuple[HappinessItemPublic, bool]:
    """``PUT /v1/happiness-items/{id}`` without If-Match: answers the item and whether new."""
    if await session.get(HappinessItem, item_id) is not None:
        return await _repeat(session, principal, item_id, data, today), False
    household = await households.named_in_body(
        session, principal=principal, household_id=data.household_id, today=today
    )
    now = utcnow()
    values = {
        "id": item_id,
        "recorded_by": principal.subject,
        "version": 1,
        "created_at": now,
        "updated_at": now,
        **fields(data),
    }
    table = HappinessItem.__table__  # type: ignore[attr-defined]
    inserted = await session.scalar(
        insert_for(session)(table)
        .values(values)
        .on_conflict_do_nothing(index_elements=[table.c.id])
        .returning(table.c.id)
    )
    if inserted is None:  # a concurrent repeat won the race
        return await _repeat(session, principal, item_id, data, today), False
    public = to_public(values)
    emit(session, item=public, village_code=household.village_code)
    return public, True


async def update(
    session: AsyncSession,
    *,
    principal: Principal,
    item_id: UUID,
    data: HappinessItemIn,
    if_match: str,
    today: date,
) -> HappinessItemPublic:
    """``PUT`` with If-Match: a whole replacement at that version; the household stays."""
    item = await _visible(session, principal, item_id, today, lock=True)
    if item is None:
        raise errors.not_found(item_id)
    check_version(if_match, item.version)
    if data.household_id != item.household_id:
        raise errors.household_changed()
    household = await households.named_in_body(
        session, principal=principal, household_id=data.household_id, today=today
    )
    for name, value in fields(data).items():
        setattr(item, name, value)
    bump(item)
    await session.flush()
    public = to_public(item.model_dump())
    emit(session, item=public, village_code=household.village_code)
    return public


async def get_item(
    session: AsyncSession, *, principal: Principal, item_id: UUID, today: date
) -> HappinessItemPublic:
    """One item in the caller's reach."""
    item = await _visible(session, principal, item_id, today, lock=False)
    if item is None:
        raise errors.not_found(item_id)
    return to_public(item.model_dump())


async def list_items(
    session: AsyncSession,
    *,
    principal: Principal,
    filters: ItemFilters,
    today: date,
    cursor: str | None,
    limit: int,
) -> HappinessList:
    """Newest first, with the totals of every match (not just this page), summed in fen."""
    reach = households_in_reach(principal, today)
    if filters.area:
        reach = reach.where(col(Household.village_code).startswith(filters.area))
    conditions: list[ColumnElement[bool]] = [col(HappinessItem.household_id).in_(reach)]
    if filters.household_id is not None:
        conditions.append(col(HappinessItem.household_id) == filters.household_id)
    if filters.year is not None:
        conditions.append(col(HappinessItem.year) == filters.year)
    if filters.status is not None:
        conditions.append(col(HappinessItem.status) == filters.status.value)
    delivered = col(HappinessItem.status) == ItemStatus.DELIVERED.value
    totals = (
        await session.execute(
            select(
                func.coalesce(func.sum(col(HappinessItem.value_fen)), 0),
                func.coalesce(
                    func.sum(case((delivered, col(HappinessItem.value_fen)), else_=0)), 0
                ),
                func.count(),
            ).where(*conditions)
        )
    ).one()
    rows, next_cursor = await paginate(
        session,
        select(HappinessItem).where(*conditions),
        [col(HappinessItem.delivered_on), col(HappinessItem.id)],
        cursor=cursor,
        limit=limit,
        descending=True,
    )
    return HappinessList(
        items=[to_public(item.model_dump()) for item in rows],
        next_cursor=next_cursor,
        total=from_fen(int(totals[0])),
        delivered_total=from_fen(int(totals[1])),
        count=int(totals[2]),
    )
