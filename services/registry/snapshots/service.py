"""Snapshots for a first load: every aggregate of one kind as it stands now, in the feed's own
event shape, paged, with the feed position the pages are consistent with.

Why the position is taken before the first page is read: kit.outbox hands out ``seq`` in commit
order, so once ``max(seq)`` is read as P, every write with an event at or below P has committed
and every later write gets an event above P. Rows read after that moment (this page and every
later one, however long the client takes) show all of the writes up to P and perhaps some later
ones; none of those later writes is lost, because reading the feed ``after`` P replays it. A
replayed event the snapshot already showed carries a version no newer than the row the client
holds, so keeping the highest version per aggregate makes the replay harmless; a row deleted
between pages is missed by the snapshot and removed by its tombstone in the feed. Hence:
snapshot, then the feed from ``feed_position``, ends with exactly the current data.
"""

from collections import defaultdict
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pydantic import BaseModel
from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col

from kit.auth import Principal, Role
from kit.feed import cursor_seq, feed_position
from kit.pagination import decode_cursor, encode_cursor
from kit.problems import invalid
from registry.areas import service as areas
from registry.cadres import service as cadres
from registry.departments import service as departments
from registry.entities import service as entities
from registry.households import income_service
from registry.households import service as households
from registry.links.kinds import CADRE_ENTITY, ENTITY_HOUSEHOLD, PAIRING
from registry.models import (
    Area,
    Cadre,
    CadreEntityLink,
    CollectiveIncome,
    Department,
    Entity,
    EntityFigures,
    EntityHouseholdLink,
    Household,
    IncomeRecord,
    Pairing,
    outbox,
)
from registry.privacy import audit_whole_events, mask_event


class Aggregate(StrEnum):
    """The registry's aggregates, named as in the feed's ``aggregate``."""

    AREA = areas.AGGREGATE
    DEPARTMENT = departments.AGGREGATE
    CADRE = cadres.AGGREGATE
    ENTITY = entities.AGGREGATE
    CADRE_ENTITY_LINK = CADRE_ENTITY.aggregate
    HOUSEHOLD = households.AGGREGATE
    INCOME_RECORD = income_service.AGGREGATE
    ENTITY_HOUSEHOLD_LINK = ENTITY_HOUSEHOLD.aggregate
    PAIRING = PAIRING.aggregate


States = Callable[[AsyncSession, Sequence[Any]], Awaitable[list[BaseModel]]]


@dataclass(frozen=True)
class Kind:
    """How one aggregate is read: its rows in key order with the area its events carry."""

    query: Select[Any]  # (row, area_code), joined where the area is another row's
    key: Any  # the unique column the pages follow (and the events' aggregate_id)
    area: Any  # the area code column, as in the aggregate's events
    states: States  # the rows as their events' data


async def _grouped(
    session: AsyncSession, model: Any, column: Any, keys: Sequence[Any]
) -> dict[Any, list[Any]]:
    by_key: dict[Any, list[Any]] = defaultdict(list)
    if keys:
        for row in (await session.execute(select(model).where(column.in_(keys)))).scalars():
            by_key[getattr(row, column.key)].append(row)
    return by_key


async def _area_states(session: AsyncSession, rows: Sequence[Any]) -> list[BaseModel]:
    incomes = await _grouped(
        session, CollectiveIncome, col(CollectiveIncome.area_code), [r.code for r in rows]
    )
    return [areas.to_public(row, incomes[row.code]) for row in rows]


async def _entity_states(session: AsyncSession, rows: Sequence[Any]) -> list[BaseModel]:
    figures = await _grouped(
        session, EntityFigures, col(EntityFigures.entity_id), [r.id for r in rows]
    )
    return [entities.to_public(row, figures[row.id]) for row in rows]


async def _household_states(session: AsyncSession, rows: Sequence[Any]) -> list[BaseModel]:
    members = await households.members_of(session, [row.id for row in rows])
    return [households.to_public(row, members[row.id]) for row in rows]


def _each(to_state: Callable[[Any], BaseModel]) -> States:
    async def states(session: AsyncSession, rows: Sequence[Any]) -> list[BaseModel]:
        return [to_state(row) for row in rows]

    return states


def _own(model: Any, key: Any, area: Any, states: States) -> Kind:
    return Kind(select(model, area), key, area, states)


def _via(model: Any, parent: Any, on: ColumnElement[bool], area: Any, states: States) -> Kind:
    # Outer join: a link whose parent row is gone still has a state (its events had no area).
    return Kind(select(model, area).outerjoin(parent, on), col(model.id), area, states)


KINDS: dict[Aggregate, Kind] = {
    Aggregate.AREA: _own(Area, col(Area.code), col(Area.code), _area_states),
    Aggregate.DEPARTMENT: _own(
        Department, col(Department.id), col(Department.area_code), _each(departments.to_public)
    ),
    Aggregate.CADRE: _own(Cadre, col(Cadre.id), col(Cadre.home_area_code), _each(cadres.state_of)),
    Aggregate.ENTITY: _own(Entity, col(Entity.id), col(Entity.village_code), _entity_states),
    Aggregate.HOUSEHOLD: _own(
        Household, col(Household.id), col(Household.village_code), _household_states
    ),
    Aggregate.INCOME_RECORD: _own(
        IncomeRecord,
        col(IncomeRecord.id),
        col(IncomeRecord.village_code),
        _each(income_service.to_public),
    ),
    Aggregate.CADRE_ENTITY_LINK: _via(
        CadreEntityLink,
        Entity,
        col(Entity.id) == col(CadreEntityLink.entity_id),
        col(Entity.village_code),
        _each(CADRE_ENTITY.to_public),
    ),
    Aggregate.ENTITY_HOUSEHOLD_LINK: _via(
        EntityHouseholdLink,
        Household,
        col(Household.id) == col(EntityHouseholdLink.household_id),
        col(Household.village_code),
        _each(ENTITY_HOUSEHOLD.to_public),
    ),
    Aggregate.PAIRING: _via(
        Pairing,
        Household,
        col(Household.id) == col(Pairing.household_id),
        col(Household.village_code),
        _each(PAIRING.to_public),
    ),
}


@dataclass(frozen=True)
class SnapshotPage:
    items: list[dict[str, Any]]
    next_cursor: str | None
    feed_position: str


def _parse(cursor: str | None) -> tuple[str | None, str | None]:
    """The snapshot cursor: the feed position of the first page, and the last key served."""
    if not cursor:
        return None, None
    position, after = decode_cursor(cursor, 2)
    cursor_seq(position)  # 422 on a position that is no feed cursor
    return position, after


def _after(kind: Kind, after: str) -> ColumnElement[bool]:
    # A TypeDecorator (SQLModel's AutoString) answers ``object``; its impl knows the real type.
    python_type = getattr(kind.key.type, "impl_instance", kind.key.type).python_type
    try:
        value = python_type(after)
    except (TypeError, ValueError) as exc:
        raise invalid("cursor", "游标无效 / not a cursor this list gave", "cursor") from exc
    return kind.key > value


async def read_page(
    session: AsyncSession,
    *,
    principal: Principal,
    aggregate: Aggregate,
    cursor: str | None,
    limit: int,
) -> SnapshotPage:
    """One page of ``aggregate`` in key order, as the feed would show each row to this caller."""
    kind = KINDS[aggregate]
    position, after = _parse(cursor)
    if position is None:
        position = await feed_position(session, outbox)  # before any row is read: see above
    query = kind.query.where(principal.area_filter(kind.area)) if principal.area else kind.query
    if after is not None:
        query = query.where(_after(kind, after))
    rows = (await session.execute(query.order_by(kind.key).limit(limit + 1))).all()
    more = len(rows) > limit
    rows = rows[:limit]
    states = await kind.states(session, [row[0] for row in rows])
    whole = principal.has(Role.SERVICE)
    items = []
    for (row, area_code), state in zip(rows, states, strict=True):
        key = getattr(row, kind.key.key)
        event = {
            "aggregate": aggregate.value,
            "aggregate_id": str(key),
            "version": row.version,
            "area_code": area_code,
            "data": state.model_dump(mode="json"),
        }
        shown = event if whole else mask_event(event, principal)
        if shown is not None:
            shown.pop("area_code", None)
            items.append(shown)
    if not whole:
        await audit_whole_events(session, principal, items, reason="snapshot")
    next_cursor = encode_cursor([position, getattr(rows[-1][0], kind.key.key)]) if more else None
    return SnapshotPage(items, next_cursor, position)
