"""Entity–household links: one active link per (entity, household); a household may be driven by
several entities. Seen by the household's village."""

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col, select

from kit.auth import Principal
from kit.problems import invalid
from registry.aggregates import emit, get_visible
from registry.entity_household_links.schemas import (
    EntityHouseholdLinkCreate,
    EntityHouseholdLinkPublic,
)
from registry.link_rules import (
    active_condition,
    current_active,
    end_link,
    link_state,
    list_links,
    refuse_or_end,
)
from registry.models import Entity, EntityHouseholdLink, Household
from registry.models.vocab import DriveMode, EntityStatus
from registry.scope import visible_households

AGGREGATE = "entity_household_link"
Link = EntityHouseholdLink


@dataclass(frozen=True)
class LinkFilters:
    entity_id: UUID | None = None
    household_id: UUID | None = None
    mode: DriveMode | None = None
    active: bool | None = None

    def conditions(self) -> list[ColumnElement[bool]]:
        wanted = active_condition(Link, self.active)
        if self.entity_id is not None:
            wanted.append(col(Link.entity_id) == self.entity_id)
        if self.household_id is not None:
            wanted.append(col(Link.household_id) == self.household_id)
        if self.mode is not None:
            wanted.append(col(Link.mode) == self.mode)
        return wanted


def visible_links(principal: Principal) -> list[ColumnElement[bool]]:
    households = select(col(Household.id)).where(*visible_households(principal))
    return [col(Link.household_id).in_(households)]


def to_public(link: EntityHouseholdLink) -> EntityHouseholdLinkPublic:
    return EntityHouseholdLinkPublic.model_validate(link_state(link))


async def _emit(session: AsyncSession, link: EntityHouseholdLink) -> EntityHouseholdLinkPublic:
    household = await session.get(Household, link.household_id)
    state = to_public(link)
    emit(session, AGGREGATE, link, state, household.village_code if household else None)
    return state


async def list_entity_household_links(
    *,
    session: AsyncSession,
    principal: Principal,
    filters: LinkFilters,
    cursor: str | None,
    limit: int,
) -> tuple[list[EntityHouseholdLinkPublic], str | None]:
    conditions = [*visible_links(principal), *filters.conditions()]
    rows, next_cursor = await list_links(session, Link, conditions, cursor=cursor, limit=limit)
    return [to_public(row) for row in rows], next_cursor


async def get_entity_household_link(
    *, session: AsyncSession, principal: Principal, link_id: UUID
) -> EntityHouseholdLinkPublic:
    return to_public(await get_visible(session, Link, link_id, *visible_links(principal)))


async def _writable_pair(
    session: AsyncSession, principal: Principal, data: EntityHouseholdLinkCreate
) -> tuple[Entity, Household]:
    """Both ends, in the writer's area; the household locked so two links for it serialise."""
    query = select(Entity).where(
        col(Entity.id) == data.entity_id, principal.area_filter(col(Entity.village_code))
    )
    entity = (await session.execute(query)).scalars().first()
    if entity is None:
        raise invalid("entity_id", "主体不存在或不在你的范围内 / no such entity in your area")
    if entity.status != EntityStatus.ACTIVE:
        raise invalid("entity_id", f"主体「{entity.name}」已注销 / entity is deregistered")
    household_query = (
        select(Household)
        .where(col(Household.id) == data.household_id, *visible_households(principal))
        .with_for_update()
    )
    household = (await session.execute(household_query)).scalars().first()
    if household is None:
        raise invalid("household_id", "农户不存在或不在你的范围内 / no such household in your area")
    return entity, household


async def create_entity_household_link(
    *, session: AsyncSession, principal: Principal, data: EntityHouseholdLinkCreate
) -> EntityHouseholdLinkPublic:
    entity, household = await _writable_pair(session, principal, data)
    current = await current_active(
        session, Link, col(Link.entity_id) == entity.id, col(Link.household_id) == household.id
    )
    if current is not None:
        holder = f"主体「{entity.name}」已带动该户（{current.mode}）"
        refuse_or_end(
            current, replace=data.replace_active, started_on=data.started_on, holder=holder
        )
        await session.flush()  # the old link ends before the new one takes the unique slot
        await _emit(session, current)
    link = Link(
        entity_id=entity.id,
        household_id=household.id,
        mode=data.mode,
        started_on=data.started_on,
    )
    session.add(link)
    await session.flush()
    return await _emit(session, link)


async def end_entity_household_link(
    *,
    session: AsyncSession,
    principal: Principal,
    link_id: UUID,
    ended_on: date,
    if_match: str | None,
) -> EntityHouseholdLinkPublic:
    link = await get_visible(session, Link, link_id, *visible_links(principal), for_update=True)
    end_link(link, ended_on, if_match)
    await session.flush()
    return await _emit(session, link)
