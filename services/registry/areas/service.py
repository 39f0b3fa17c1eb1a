"""Areas: the division tree (level, parent and kind derived from the code) and each village's
collective operating income per year, which is part of the village's aggregate."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col, select

from kit.auth import Principal
from kit.clock import local_today
from kit.money import from_fen, to_fen
from kit.outbox import record_event
from kit.pagination import Page, paginate
from kit.problems import invalid
from kit.versioning import bump, bump_if_match
from registry.aggregates import get_visible
from registry.areas import errors
from registry.areas.codes import kind_of, level_of, parent_length
from registry.areas.schemas import (
    AreaCreate,
    AreaFields,
    AreaPublic,
    AreaUpdate,
    CollectiveIncomeIn,
    CollectiveIncomePublic,
)
from registry.models import Area, CollectiveIncome
from registry.models.vocab import AreaKind, AreaLevel

AGGREGATE = "area"
FIRST_YEAR = 2000


@dataclass(frozen=True)
class AreaFilters:
    parent: str | None = None  # the parent's exact code
    level: AreaLevel | None = None
    q: str | None = None  # part of the name
    codes: tuple[str, ...] = ()  # these areas only (a list naming the areas it shows)

    def conditions(self) -> list[ColumnElement[bool]]:
        wanted: list[ColumnElement[bool]] = []
        if self.codes:
            wanted.append(col(Area.code).in_(self.codes))
        if self.parent is not None:
            wanted.append(col(Area.parent_code) == self.parent)
        if self.level is not None:
            wanted.append(col(Area.level) == self.level)
        if self.q:
            wanted.append(func.lower(col(Area.name)).contains(self.q.lower(), autoescape=True))
        return wanted


def visible_areas(principal: Principal) -> list[ColumnElement[bool]]:
    return [principal.area_filter(col(Area.code))]


def to_public(area: Area, incomes: Sequence[CollectiveIncome]) -> AreaPublic:
    return AreaPublic.model_validate(
        {
            **area.model_dump(),
            "kind": kind_of(area.code),
            "collective_income": [
                CollectiveIncomePublic(
                    year=row.year, operating_income=from_fen(row.operating_income_fen)
                )
                for row in sorted(incomes, key=lambda r: r.year)
            ],
        }
    )


async def _incomes_of(
    session: AsyncSession, codes: Sequence[str]
) -> dict[str, list[CollectiveIncome]]:
    by_area: dict[str, list[CollectiveIncome]] = defaultdict(list)
    if codes:
        query = select(CollectiveIncome).where(col(CollectiveIncome.area_code).in_(codes))
        for row in (await session.execute(query)).scalars():
            by_area[row.area_code].append(row)
    return by_area


async def public_state(session: AsyncSession, area: Area) -> AreaPublic:
    return to_public(area, (await _incomes_of(session, [area.code]))[area.code])


def _emit(session: AsyncSession, area: Area, state: AreaPublic) -> None:
    # aggregates.emit keys events by ``row.id``; an area's identity is its code.
    record_event(
        session,
        aggregate=AGGREGATE,
        aggregate_id=area.code,
        version=area.version,
        data=state.model_dump(mode="json"),
        area_code=area.code,
    )


async def list_areas(
    session: AsyncSession,
    *,
    principal: Principal,
    filters: AreaFilters,
    cursor: str | None,
    limit: int,
) -> Page[AreaPublic]:
    """The areas the caller sees that match ``filters``, by code."""
    query = select(Area).where(*visible_areas(principal), *filters.conditions())
    keys = [col(Area.code)]
    rows, next_cursor = await paginate(session, query, keys, cursor=cursor, limit=limit)
    incomes = await _incomes_of(session, [row.code for row in rows])
    return Page(items=[to_public(row, incomes[row.code]) for row in rows], next_cursor=next_cursor)


async def get_area(session: AsyncSession, *, principal: Principal, code: str) -> AreaPublic:
    """One area the caller sees, with its collective income by year."""
    area = await get_visible(session, Area, code, *visible_areas(principal))
    return await public_state(session, area)


async def check_scope_area(session: AsyncSession, principal: Principal, code: str) -> None:
    """``code`` is an existing area inside the writer's own, to be given as a data scope."""
    if not principal.covers(code) or await session.get(Area, code) is None:
        raise invalid("area_code", f"{code} 不是你范围内的区划 / not an area within your area")


def check_size_class(code: str, data: AreaFields) -> None:
    """Only villages have a size class, and an administrative village (村委会) must have one."""
    if level_of(code) != AreaLevel.VILLAGE:
        if data.size_class is not None:
            raise invalid("size_class", "只有村级区划有规模 / only villages have a size class")
        return
    if data.size_class is None and kind_of(code) == AreaKind.ADMINISTRATIVE_VILLAGE:
        raise invalid(
            "size_class", "行政村须填写规模（小/中/大）/ an administrative village needs its size"
        )


async def _parent_code(session: AsyncSession, code: str) -> str | None:
    """The area one level up, which must exist unless ``code`` is at the top of the install
    (no area with a shorter code exists yet)."""
    length = parent_length(code)
    if length is not None and await session.get(Area, code[:length]) is not None:
        return code[:length]
    shorter = select(Area.code).where(func.length(col(Area.code)) < len(code)).limit(1)
    if (await session.execute(shorter)).first() is None:
        return None
    wanted = code[:length] if length else ""
    raise invalid(
        "code", f"上级区划 {wanted} 不存在，请先登记 / parent area {wanted} does not exist yet"
    )


async def create_area(
    session: AsyncSession, *, principal: Principal, data: AreaCreate
) -> AreaPublic:
    """Add an area inside the caller's own; its level and parent follow from the code."""
    if not principal.covers(data.code):
        raise invalid("code", f"{data.code} 不在你的范围内 / outside your area")
    existing = await session.get(Area, data.code)
    if existing is not None:
        raise errors.duplicate_code(data.code, existing.name)
    check_size_class(data.code, data)
    area = Area(
        code=data.code,
        name=data.name,
        level=level_of(data.code),
        parent_code=await _parent_code(session, data.code),
        edition=data.edition,
        size_class=data.size_class,
    )
    session.add(area)
    await session.flush()
    state = to_public(area, [])
    _emit(session, area, state)
    return state


async def update_area(
    session: AsyncSession,
    *,
    principal: Principal,
    code: str,
    data: AreaUpdate,
    if_match: str | None,
) -> AreaPublic:
    """Replace an area's name, edition and size class, at the version the caller read."""
    area = await get_visible(session, Area, code, *visible_areas(principal), for_update=True)
    bump_if_match(area, if_match)
    check_size_class(area.code, data)
    area.name, area.edition, area.size_class = data.name, data.edition, data.size_class
    await session.flush()
    state = await public_state(session, area)
    _emit(session, area, state)
    return state


def this_year() -> int:
    return local_today().year


async def put_collective_income(
    session: AsyncSession,
    *,
    principal: Principal,
    code: str,
    year: int,
    data: CollectiveIncomeIn,
    if_match: str | None,
) -> AreaPublic:
    """Write a village's operating income for a year; it is part of the village, whose version
    moves on (If-Match is checked when sent: a year's figure is a keyed replacement)."""
    if not FIRST_YEAR <= year <= this_year():
        raise invalid(
            "year",
            f"应在 {FIRST_YEAR} 至 {this_year()} 年之间 / must be a past year",
            "year_range",
            ge=FIRST_YEAR,
            le=this_year(),
        )
    area = await get_visible(session, Area, code, *visible_areas(principal), for_update=True)
    if area.level != AreaLevel.VILLAGE:
        raise invalid("code", "只有村级区划有集体经济收入 / only villages have collective income")
    if if_match is None:
        bump(area)
    else:
        bump_if_match(area, if_match)
    row = await session.get(CollectiveIncome, (area.code, year))
    if row is None:
        row = CollectiveIncome(area_code=area.code, year=year, operating_income_fen=0)
        session.add(row)
    row.operating_income_fen = to_fen(data.operating_income)
    await session.flush()
    state = await public_state(session, area)
    _emit(session, area, state)
    return state
