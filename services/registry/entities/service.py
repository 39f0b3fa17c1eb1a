"""Entities (新型农业主体): their rules, who sees which, and their yearly figures."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from sqlalchemy import exists, func
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col, select

from kit.auth import Principal
from kit.clock import local_today
from kit.money import from_fen, to_fen
from kit.pagination import Page, paginate
from kit.problems import invalid
from kit.versioning import bump, bump_if_match
from registry.aggregates import emit, get_visible
from registry.entities import errors
from registry.entities.schemas import (
    EntityBase,
    EntityCreate,
    EntityPublic,
    EntityUpdate,
    FiguresIn,
    FiguresPublic,
)
from registry.models import Area, CadreEntityLink, Entity, EntityFigures
from registry.models.vocab import AreaLevel, EntityType, QualityGrade
from registry.scope import cadre_only

AGGREGATE = "entity"
FIRST_YEAR = 2000
# 示范家庭农场 at county level or above counts as 高质量.
HIGH_QUALITY_GRADES = frozenset(
    {QualityGrade.COUNTY, QualityGrade.CITY, QualityGrade.PROVINCIAL, QualityGrade.NATIONAL}
)


@dataclass(frozen=True)
class EntityFilters:
    type: EntityType | None = None
    industry: str | None = None
    village: str | None = None  # an area code prefix
    status: str | None = None
    q: str | None = None  # part of the name
    cultivated_from: int | None = None
    cultivated_to: int | None = None

    def conditions(self) -> list[ColumnElement[bool]]:
        wanted: list[ColumnElement[bool]] = []
        if self.type:
            wanted.append(col(Entity.type) == self.type)
        if self.industry:
            wanted.append(col(Entity.industry) == self.industry)
        if self.village:
            wanted.append(col(Entity.village_code).startswith(self.village, autoescape=True))
        if self.status:
            wanted.append(col(Entity.status) == self.status)
        if self.q:
            wanted.append(func.lower(col(Entity.name)).contains(self.q.lower(), autoescape=True))
        if self.cultivated_from is not None:
            wanted.append(col(Entity.cultivated_year) >= self.cultivated_from)
        if self.cultivated_to is not None:
            wanted.append(col(Entity.cultivated_year) <= self.cultivated_to)
        return wanted


def this_year() -> int:
    return local_today().year


def linked_to(principal: Principal, entity_id: Any) -> ColumnElement[bool]:
    """The entity has an active link with the calling cadre."""
    return exists().where(
        col(CadreEntityLink.entity_id) == entity_id,
        col(CadreEntityLink.cadre_id) == principal.cadre_id,
        col(CadreEntityLink.ended_on).is_(None),
    )


def visible_entities(principal: Principal) -> list[ColumnElement[bool]]:
    """WHERE conditions for the entities this caller may see."""
    conditions = [principal.area_filter(col(Entity.village_code))]
    if cadre_only(principal):
        conditions.append(linked_to(principal, col(Entity.id)))
    return conditions


def is_high_quality(entity: Entity) -> bool:
    return entity.type == EntityType.FAMILY_FARM and entity.quality_grade in HIGH_QUALITY_GRADES


def figures_public(row: EntityFigures) -> FiguresPublic:
    return FiguresPublic(
        year=row.year,
        jobs_created=row.jobs_created,
        online_sales=None if row.online_sales_fen is None else from_fen(row.online_sales_fen),
        processing_fees=(
            None if row.processing_fees_fen is None else from_fen(row.processing_fees_fen)
        ),
        processing_workforce=row.processing_workforce,
        members=row.members,
        farmers_linked=row.farmers_linked,
    )


def to_public(entity: Entity, figures: Sequence[EntityFigures]) -> EntityPublic:
    return EntityPublic.model_validate(
        {
            **entity.model_dump(),
            "high_quality": is_high_quality(entity),
            "figures": [figures_public(f) for f in sorted(figures, key=lambda f: f.year)],
        }
    )


async def _figures_of(
    session: AsyncSession, entity_ids: Sequence[UUID]
) -> dict[UUID, list[EntityFigures]]:
    by_entity: dict[UUID, list[EntityFigures]] = defaultdict(list)
    if entity_ids:
        query = select(EntityFigures).where(col(EntityFigures.entity_id).in_(entity_ids))
        for row in (await session.execute(query)).scalars():
            by_entity[row.entity_id].append(row)
    return by_entity


async def public_state(session: AsyncSession, entity: Entity) -> EntityPublic:
    return to_public(entity, (await _figures_of(session, [entity.id]))[entity.id])


async def list_entities(
    session: AsyncSession,
    *,
    principal: Principal,
    filters: EntityFilters,
    cursor: str | None,
    limit: int,
) -> Page[EntityPublic]:
    """The entities the caller sees that match ``filters``, by name."""
    query = select(Entity).where(*visible_entities(principal), *filters.conditions())
    keys = [col(Entity.name), col(Entity.id)]
    rows, next_cursor = await paginate(session, query, keys, cursor=cursor, limit=limit)
    figures = await _figures_of(session, [row.id for row in rows])
    return Page(items=[to_public(row, figures[row.id]) for row in rows], next_cursor=next_cursor)


async def get_entity(
    session: AsyncSession, *, principal: Principal, entity_id: UUID
) -> EntityPublic:
    """One entity the caller sees, with its figures by year."""
    entity = await get_visible(session, Entity, entity_id, *visible_entities(principal))
    return await public_state(session, entity)


def check_rules(data: EntityBase) -> None:
    """The rules between fields, each refused on the field it concerns."""
    leading = data.type == EntityType.LEADING_ENTERPRISE
    if leading and data.enterprise_level is None:
        raise invalid(
            "enterprise_level",
            "龙头企业须填写级别 / a leading enterprise needs its level",
            "missing",
        )
    if not leading and data.enterprise_level is not None:
        raise invalid(
            "enterprise_level",
            "只有龙头企业有级别 / only leading enterprises have a level",
            "not_applicable",
        )
    if data.type != EntityType.FAMILY_FARM and data.quality_grade != QualityGrade.NONE:
        raise invalid(
            "quality_grade",
            "示范等级只适用于家庭农场 / only family farms have a quality grade",
            "not_applicable",
        )
    year = data.cultivated_year
    if year is not None and not FIRST_YEAR <= year <= this_year():
        raise invalid(
            "cultivated_year",
            f"应在 {FIRST_YEAR} 至 {this_year()} 年之间 / must be {FIRST_YEAR}..{this_year()}",
            "year_range",
            ge=FIRST_YEAR,
            le=this_year(),
        )


async def check_village(session: AsyncSession, principal: Principal, code: str) -> None:
    """The code is a village (行政村/社区) in the writer's own area."""
    area = await session.get(Area, code)
    if area is None or area.level != AreaLevel.VILLAGE or not principal.covers(code):
        raise invalid(
            "village_code",
            f"{code} 不是你范围内的村 / not a village within your area",
        )


async def check_credit_code_free(
    session: AsyncSession, principal: Principal, code: str | None, entity_id: UUID | None
) -> None:
    """No other entity holds ``code`` (409 naming the holder where the writer sees it)."""
    if code is None:
        return
    query = select(Entity).where(col(Entity.credit_code) == code)
    if entity_id is not None:
        query = query.where(col(Entity.id) != entity_id)
    holder = (await session.execute(query)).scalars().first()
    if holder is not None and not principal.covers(holder.village_code):
        raise errors.credit_code_registered_elsewhere(code)
    if holder is not None:
        raise errors.duplicate_credit_code(code, holder.name, holder.id)


async def _check_write(
    session: AsyncSession, principal: Principal, data: EntityBase, entity_id: UUID | None
) -> None:
    check_rules(data)
    await check_village(session, principal, data.village_code)
    await check_credit_code_free(session, principal, data.credit_code, entity_id)


async def create_entity(
    session: AsyncSession, *, principal: Principal, data: EntityCreate
) -> EntityPublic:
    """Register an entity in a village of the writer's area."""
    await _check_write(session, principal, data, None)
    entity = Entity(**data.model_dump())
    session.add(entity)
    await session.flush()
    state = to_public(entity, [])
    emit(session, AGGREGATE, entity, state, entity.village_code)
    return state


async def update_entity(
    session: AsyncSession,
    *,
    principal: Principal,
    entity_id: UUID,
    data: EntityUpdate,
    if_match: str | None,
) -> EntityPublic:
    """Replace an entity, at the version the caller read."""
    entity = await get_visible(
        session, Entity, entity_id, *visible_entities(principal), for_update=True
    )
    bump_if_match(entity, if_match)
    await _check_write(session, principal, data, entity.id)
    for field, value in data.model_dump().items():
        setattr(entity, field, value)
    await session.flush()
    state = await public_state(session, entity)
    emit(session, AGGREGATE, entity, state, entity.village_code)
    return state


async def put_figures(
    session: AsyncSession,
    *,
    principal: Principal,
    entity_id: UUID,
    year: int,
    data: FiguresIn,
    if_match: str | None,
) -> EntityPublic:
    """Replace one year's figures; they are part of the entity, so its version moves on."""
    if not FIRST_YEAR <= year <= this_year():
        raise invalid("year", f"应在 {FIRST_YEAR} 至 {this_year()} 年之间 / must be a past year")
    entity = await get_visible(
        session, Entity, entity_id, *visible_entities(principal), for_update=True
    )
    # If-Match is checked when sent; a year's figures are a keyed replacement, safe to repeat.
    if if_match is None:
        bump(entity)
    else:
        bump_if_match(entity, if_match)
    row = await session.get(EntityFigures, (entity.id, year))
    if row is None:
        row = EntityFigures(entity_id=entity.id, year=year)
        session.add(row)
    row.jobs_created = data.jobs_created
    row.online_sales_fen = None if data.online_sales is None else to_fen(data.online_sales)
    row.processing_fees_fen = None if data.processing_fees is None else to_fen(data.processing_fees)
    row.processing_workforce = data.processing_workforce
    row.members = data.members
    row.farmers_linked = data.farmers_linked
    await session.flush()
    state = await public_state(session, entity)
    emit(session, AGGREGATE, entity, state, entity.village_code)
    return state
