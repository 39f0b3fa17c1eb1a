"""Cadre–entity links: at most one active entity per cadre; seen by the entity's village."""

from datetime import date
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col, select

from kit.auth import Principal
from kit.problems import invalid
from registry.aggregates import emit, get_visible
from registry.cadre_entity_links.schemas import CadreEntityLinkCreate, CadreEntityLinkPublic
from registry.entities.service import visible_entities
from registry.link_rules import (
    active_cadre,
    active_condition,
    current_active,
    end_link,
    link_state,
    list_links,
    refuse_or_end,
)
from registry.models import CadreEntityLink, Entity
from registry.models.vocab import EntityStatus
from registry.scope import cadre_only

AGGREGATE = "cadre_entity_link"


def visible_links(principal: Principal) -> list[ColumnElement[bool]]:
    in_area = select(col(Entity.id)).where(principal.area_filter(col(Entity.village_code)))
    conditions: list[ColumnElement[bool]] = [col(CadreEntityLink.entity_id).in_(in_area)]
    if cadre_only(principal):
        conditions.append(col(CadreEntityLink.cadre_id) == principal.cadre_id)
    return conditions


def to_public(link: CadreEntityLink) -> CadreEntityLinkPublic:
    return CadreEntityLinkPublic.model_validate(link_state(link))


async def _emit(session: AsyncSession, link: CadreEntityLink) -> CadreEntityLinkPublic:
    entity = await session.get(Entity, link.entity_id)
    state = to_public(link)
    emit(session, AGGREGATE, link, state, entity.village_code if entity else None)
    return state


async def list_cadre_entity_links(
    *,
    session: AsyncSession,
    principal: Principal,
    cadre_id: UUID | None,
    entity_id: UUID | None,
    active: bool | None,
    cursor: str | None,
    limit: int,
) -> tuple[list[CadreEntityLinkPublic], str | None]:
    conditions = [*visible_links(principal), *active_condition(CadreEntityLink, active)]
    if cadre_id is not None:
        conditions.append(col(CadreEntityLink.cadre_id) == cadre_id)
    if entity_id is not None:
        conditions.append(col(CadreEntityLink.entity_id) == entity_id)
    rows, next_cursor = await list_links(
        session, CadreEntityLink, conditions, cursor=cursor, limit=limit
    )
    return [to_public(row) for row in rows], next_cursor


async def get_cadre_entity_link(
    *, session: AsyncSession, principal: Principal, link_id: UUID
) -> CadreEntityLinkPublic:
    link = await get_visible(session, CadreEntityLink, link_id, *visible_links(principal))
    return to_public(link)


async def _linkable_entity(session: AsyncSession, principal: Principal, entity_id: UUID) -> Entity:
    query = select(Entity).where(col(Entity.id) == entity_id, *visible_entities(principal))
    entity = (await session.execute(query)).scalars().first()
    if entity is None:
        raise invalid("entity_id", "主体不存在或不在你的范围内 / no such entity in your area")
    if entity.status != EntityStatus.ACTIVE:
        raise invalid("entity_id", f"主体「{entity.name}」已注销 / entity is deregistered")
    return entity


async def create_cadre_entity_link(
    *, session: AsyncSession, principal: Principal, data: CadreEntityLinkCreate
) -> CadreEntityLinkPublic:
    # Locked: the one-active-entity rule is per cadre, so concurrent links for them serialise.
    cadre = await active_cadre(session, data.cadre_id, lock=True)
    entity = await _linkable_entity(session, principal, data.entity_id)
    current = await current_active(
        session, CadreEntityLink, col(CadreEntityLink.cadre_id) == cadre.id
    )
    if current is not None:
        linked = await session.get(Entity, current.entity_id)
        holder = f"干部「{cadre.name}」已联系主体「{linked.name if linked else current.entity_id}」"
        refuse_or_end(
            current, replace=data.replace_active, started_on=data.started_on, holder=holder
        )
        await session.flush()  # the old link ends before the new one takes the unique slot
        await _emit(session, current)
    link = CadreEntityLink(cadre_id=cadre.id, entity_id=entity.id, started_on=data.started_on)
    session.add(link)
    await session.flush()
    return await _emit(session, link)


async def end_cadre_entity_link(
    *,
    session: AsyncSession,
    principal: Principal,
    link_id: UUID,
    ended_on: date,
    if_match: str | None,
) -> CadreEntityLinkPublic:
    link = await get_visible(
        session, CadreEntityLink, link_id, *visible_links(principal), for_update=True
    )
    end_link(link, ended_on, if_match)
    await session.flush()
    return await _emit(session, link)
