"""The three kinds of links, one way: list and read what the caller sees, make a link (one
active where the kind allows one), end one. Every write records the link's event."""

from datetime import date
from typing import TypeVar
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col, select

from kit.auth import Principal
from kit.pagination import Page, paginate
from registry.aggregates import emit, get_visible
from registry.links import errors, rules
from registry.links.kinds import LinkKind
from registry.links.schemas import LinkCreate, LinkFilters, LinkPublic
from registry.models.base import Link

P = TypeVar("P", bound=LinkPublic)


async def record(session: AsyncSession, kind: LinkKind[P], link: Link) -> P:
    """The link's event, carrying its whole state and the village of its area side."""
    table, column = kind.village_of
    where = await session.get(table, getattr(link, column))
    state = kind.to_public(link)
    emit(session, kind.aggregate, link, state, getattr(where, "village_code", None))
    return state


async def list_links(
    session: AsyncSession,
    *,
    principal: Principal,
    kind: LinkKind[P],
    filters: LinkFilters,
    cursor: str | None,
    limit: int,
) -> Page[P]:
    """The links the caller sees that match ``filters``, earliest start first."""
    model = kind.model
    query = select(model).where(*kind.scope(principal), *filters.conditions(model))
    keys = [col(model.started_on), col(model.id)]
    rows, next_cursor = await paginate(session, query, keys, cursor=cursor, limit=limit)
    return Page(items=[kind.to_public(row) for row in rows], next_cursor=next_cursor)


async def get_link(
    session: AsyncSession, *, principal: Principal, kind: LinkKind[P], link_id: UUID
) -> P:
    """One link the caller sees, else 404."""
    return kind.to_public(await get_visible(session, kind.model, link_id, *kind.scope(principal)))


async def _current_active(
    session: AsyncSession, model: type[Link], *conditions: ColumnElement[bool]
) -> Link | None:
    """The active link matching ``conditions`` (the model's partial unique index allows one)."""
    query = select(model).where(col(model.ended_on).is_(None), *conditions)
    return (await session.execute(query)).scalars().first()


async def _in_sight(
    session: AsyncSession, principal: Principal, kind: LinkKind[P], link: Link
) -> bool:
    query = select(col(kind.model.id)).where(col(kind.model.id) == link.id, *kind.scope(principal))
    return (await session.execute(query)).first() is not None


async def create_link(
    session: AsyncSession, *, principal: Principal, kind: LinkKind[P], data: LinkCreate
) -> P:
    """Link the two sides; an active link where only one may be is refused, or ended and
    replaced when ``replace_active`` asks for it."""
    sides = {
        side.field: await side.load(session, principal, getattr(data, side.field))
        for side in kind.sides
    }
    model = kind.model
    same_slot = [col(getattr(model, c)) == getattr(data, c) for c in kind.one_active_per]
    current = await _current_active(session, model, *same_slot)
    if current is not None:
        if not await _in_sight(session, principal, kind, current):
            # e.g. the writer's cadre linked to another township's entity by the county admin:
            # neither named, nor ended from here.
            raise errors.active_link_out_of_reach()
        holder = await kind.holder(session, principal, current, sides)
        rules.refuse_or_end(
            current, replace=data.replace_active, started_on=data.started_on, holder=holder
        )
        await session.flush()  # the old link ends before the new one takes the unique slot
        await record(session, kind, current)
    link = model(**data.model_dump(exclude={"replace_active"}))
    session.add(link)
    await session.flush()
    return await record(session, kind, link)


async def end_link(
    session: AsyncSession,
    *,
    principal: Principal,
    kind: LinkKind[P],
    link_id: UUID,
    ended_on: date,
    if_match: str | None,
) -> P:
    """End a link the caller sees, on the version they read."""
    link = await get_visible(session, kind.model, link_id, *kind.scope(principal), for_update=True)
    rules.end(link, ended_on, if_match)
    await session.flush()
    return await record(session, kind, link)
