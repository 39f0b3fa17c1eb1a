"""Cadres (干部): who sees which, who may write which, and their phone masking.

A cadre is in scope when their home area is inside the caller's area; a caller who is only an
assisting cadre sees their own record alone. Writers keep the cadres of their own area.
"""

from dataclasses import dataclass
from uuid import UUID

from sqlalchemy import func
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col, select

from kit.auth import Principal
from kit.pagination import Page, paginate
from kit.problems import invalid
from kit.versioning import bump_if_match
from registry.aggregates import emit, get_visible
from registry.cadres.schemas import CadreIn, CadrePublic, CadreState
from registry.departments.service import visible_departments
from registry.json_lists import holds
from registry.models import Area, Cadre, CadreEntityLink, Department
from registry.models.vocab import CadreType
from registry.privacy import Unmask, audit_whole_read, mask_phone, wants_whole
from registry.scope import cadre_only

AGGREGATE = "cadre"


@dataclass(frozen=True)
class CadreFilters:
    department_id: UUID | None = None
    type: CadreType | None = None
    home_area: str | None = None  # an area code prefix
    skill: str | None = None
    q: str | None = None  # part of the name
    active: bool | None = None


def visible_cadres(principal: Principal) -> list[ColumnElement[bool]]:
    conditions = [principal.area_filter(col(Cadre.home_area_code))]
    if cadre_only(principal):
        conditions.append(col(Cadre.id) == principal.cadre_id)
    return conditions


def _conditions(session: AsyncSession, filters: CadreFilters) -> list[ColumnElement[bool]]:
    wanted: list[ColumnElement[bool]] = []
    if filters.department_id is not None:
        wanted.append(col(Cadre.department_id) == filters.department_id)
    if filters.type is not None:
        wanted.append(col(Cadre.type) == filters.type)
    if filters.home_area:
        wanted.append(col(Cadre.home_area_code).startswith(filters.home_area, autoescape=True))
    if filters.skill:
        wanted.append(holds(session, col(Cadre.skills), filters.skill.strip()))
    if filters.q:
        wanted.append(func.lower(col(Cadre.name)).contains(filters.q.lower(), autoescape=True))
    if filters.active is not None:
        wanted.append(col(Cadre.active) == filters.active)
    return wanted


def state_of(cadre: Cadre) -> CadreState:
    return CadreState.model_validate(cadre.model_dump())


async def _linked_entities(session: AsyncSession, cadre_ids: list[UUID]) -> dict[UUID, UUID]:
    if not cadre_ids:
        return {}
    query = select(col(CadreEntityLink.cadre_id), col(CadreEntityLink.entity_id)).where(
        col(CadreEntityLink.cadre_id).in_(cadre_ids), col(CadreEntityLink.ended_on).is_(None)
    )
    return {cadre_id: entity_id for cadre_id, entity_id in (await session.execute(query)).all()}


async def _publics(session: AsyncSession, cadres: list[Cadre]) -> list[CadrePublic]:
    linked = await _linked_entities(session, [c.id for c in cadres])
    return [
        CadrePublic.model_validate({**c.model_dump(), "linked_entity_id": linked.get(c.id)})
        for c in cadres
    ]


def masked(cadre: CadrePublic) -> CadrePublic:
    return cadre.model_copy(update={"phone": mask_phone(cadre.phone)})


async def show(
    session: AsyncSession, *, principal: Principal, cadres: list[CadrePublic], unmask: Unmask
) -> list[CadrePublic]:
    """As this caller may see them: phones masked, or whole with an audit entry per cadre."""
    if not wants_whole(principal, unmask):
        return [masked(c) for c in cadres]
    for cadre in cadres:
        await audit_whole_read(
            session,
            principal,
            resource=AGGREGATE,
            resource_id=cadre.id,
            fields=["phone"],
            reason=unmask.reason,
        )
    return cadres


async def list_cadres(
    session: AsyncSession,
    *,
    principal: Principal,
    filters: CadreFilters,
    cursor: str | None,
    limit: int,
) -> Page[CadrePublic]:
    """The cadres the caller sees that match ``filters``, by name (whole: see ``show``)."""
    query = select(Cadre).where(*visible_cadres(principal), *_conditions(session, filters))
    keys = [col(Cadre.name), col(Cadre.id)]
    rows, next_cursor = await paginate(session, query, keys, cursor=cursor, limit=limit)
    return Page(items=await _publics(session, rows), next_cursor=next_cursor)


async def get_cadre(session: AsyncSession, *, principal: Principal, cadre_id: UUID) -> CadrePublic:
    """One cadre the caller sees, with their linked entity (whole: see ``show``)."""
    cadre = await get_visible(session, Cadre, cadre_id, *visible_cadres(principal))
    [public] = await _publics(session, [cadre])
    return public


async def _check(session: AsyncSession, principal: Principal, data: CadreIn) -> None:
    code = data.home_area_code
    if not principal.covers(code) or await session.get(Area, code) is None:
        raise invalid(
            "home_area_code",
            f"{code} 不是你范围内的区划 / not an area within your area",
            "outside_scope",
        )
    department = await get_department_seen(session, principal, data.department_id)
    if department is None:
        raise invalid("department_id", f"单位 {data.department_id} 不存在 / no such department")


async def get_department_seen(
    session: AsyncSession, principal: Principal, department_id: UUID
) -> Department | None:
    query = select(Department).where(
        col(Department.id) == department_id, *visible_departments(principal)
    )
    return (await session.execute(query)).scalars().first()


def _apply(cadre: Cadre, data: CadreIn) -> None:
    for field, value in data.model_dump().items():
        setattr(cadre, field, value)


async def _emit(session: AsyncSession, cadre: Cadre) -> CadrePublic:
    # The event carries the cadre's own state; its link is the cadre_entity_link aggregate's.
    emit(session, AGGREGATE, cadre, state_of(cadre), cadre.home_area_code)
    [public] = await _publics(session, [cadre])
    return public


async def create_cadre(
    session: AsyncSession, *, principal: Principal, data: CadreIn
) -> CadrePublic:
    """Register a cadre in the writer's area."""
    await _check(session, principal, data)
    cadre = Cadre(**data.model_dump())
    session.add(cadre)
    await session.flush()
    return await _emit(session, cadre)


async def update_cadre(
    session: AsyncSession,
    *,
    principal: Principal,
    cadre_id: UUID,
    data: CadreIn,
    if_match: str | None,
) -> CadrePublic:
    """Replace a cadre (``active=false`` retires them), at the version the caller read."""
    cadre = await get_visible(session, Cadre, cadre_id, *visible_cadres(principal), for_update=True)
    bump_if_match(cadre, if_match)
    await _check(session, principal, data)
    _apply(cadre, data)
    await session.flush()
    return await _emit(session, cadre)
