"""Departments (单位): unique names, an existing area, written by county admins.

Who sees which: a department is visible to a caller when it lies inside the caller's area
(a county admin sees the township offices) or the caller's area lies inside it (a township
officer sees the county bureaus its cadres come from). Writes need the department inside the
writer's own area.
"""

from dataclasses import dataclass
from uuid import UUID

from sqlalchemy import func, or_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col, select

from kit.auth import Principal
from kit.pagination import Page, paginate
from kit.problems import Forbidden, invalid
from kit.versioning import bump_if_match
from registry.aggregates import emit, get_visible
from registry.areas.codes import prefixes
from registry.departments import errors
from registry.departments.schemas import DepartmentIn, DepartmentPublic
from registry.models import Area, Cadre, Department

AGGREGATE = "department"


@dataclass(frozen=True)
class DepartmentFilters:
    area: str | None = None  # an area code prefix
    q: str | None = None  # part of the name


def visible_departments(principal: Principal) -> list[ColumnElement[bool]]:
    """Inside the caller's area, or one of the areas above it."""
    inside = principal.area_filter(col(Department.area_code))
    return [or_(inside, col(Department.area_code).in_(prefixes(principal.area)))]


def to_public(department: Department) -> DepartmentPublic:
    return DepartmentPublic.model_validate(department.model_dump())


async def list_departments(
    session: AsyncSession,
    *,
    principal: Principal,
    filters: DepartmentFilters,
    cursor: str | None,
    limit: int,
) -> Page[DepartmentPublic]:
    """The departments the caller sees that match ``filters``, by name."""
    query = select(Department).where(*visible_departments(principal))
    if filters.area:
        query = query.where(col(Department.area_code).startswith(filters.area, autoescape=True))
    if filters.q:
        query = query.where(
            func.lower(col(Department.name)).contains(filters.q.lower(), autoescape=True)
        )
    keys = [col(Department.name), col(Department.id)]
    rows, next_cursor = await paginate(session, query, keys, cursor=cursor, limit=limit)
    return Page(items=[to_public(row) for row in rows], next_cursor=next_cursor)


async def get_department(
    session: AsyncSession, *, principal: Principal, department_id: UUID
) -> DepartmentPublic:
    """One department the caller sees."""
    department = await get_visible(
        session, Department, department_id, *visible_departments(principal)
    )
    return to_public(department)


async def _check(
    session: AsyncSession, principal: Principal, data: DepartmentIn, department_id: UUID | None
) -> None:
    if not principal.covers(data.area_code) or await session.get(Area, data.area_code) is None:
        raise invalid(
            "area_code", f"{data.area_code} 不是你范围内的区划 / not an area within your area"
        )
    query = select(Department).where(col(Department.name) == data.name)
    if department_id is not None:
        query = query.where(col(Department.id) != department_id)
    holder = (await session.execute(query)).scalars().first()
    if holder is not None:
        raise errors.duplicate_name(data.name, holder.id)


async def _writable(session: AsyncSession, principal: Principal, department_id: UUID) -> Department:
    department = await get_visible(
        session, Department, department_id, *visible_departments(principal), for_update=True
    )
    # Visible from below (a county bureau to a township's admin) is not the writer's to change.
    if not principal.covers(department.area_code):
        raise Forbidden("该单位属于上级区划 / this department belongs to an area above yours")
    return department


async def create_department(
    session: AsyncSession, *, principal: Principal, data: DepartmentIn
) -> DepartmentPublic:
    """Register a department with a name no other has."""
    await _check(session, principal, data, None)
    department = Department(**data.model_dump())
    session.add(department)
    await session.flush()
    state = to_public(department)
    emit(session, AGGREGATE, department, state, department.area_code)
    return state


async def update_department(
    session: AsyncSession,
    *,
    principal: Principal,
    department_id: UUID,
    data: DepartmentIn,
    if_match: str | None,
) -> DepartmentPublic:
    """Rename or move a department, at the version the caller read."""
    department = await _writable(session, principal, department_id)
    bump_if_match(department, if_match)
    await _check(session, principal, data, department.id)
    department.name, department.area_code = data.name, data.area_code
    await session.flush()
    state = to_public(department)
    emit(session, AGGREGATE, department, state, department.area_code)
    return state


async def delete_department(
    session: AsyncSession, *, principal: Principal, department_id: UUID, if_match: str | None
) -> None:
    """Delete a department nobody belongs to (a tombstone event records it)."""
    department = await _writable(session, principal, department_id)
    bump_if_match(department, if_match)
    member = (
        (await session.execute(select(Cadre).where(col(Cadre.department_id) == department.id)))
        .scalars()
        .first()
    )
    if member is not None:
        raise errors.department_in_use(member.name, member.id)
    state = to_public(department)
    emit(session, AGGREGATE, department, state, department.area_code, deleted=True)
    await session.delete(department)
    await session.flush()
