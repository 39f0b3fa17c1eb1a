"""Areas as the indicators see them: looked up in the read model, within the caller's scope."""

from sqlalchemy import false, func
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from indicators.models import Area
from kit.auth import Principal
from kit.problems import NotFound, invalid

LENGTH_BY_LEVEL = {"province": 2, "city": 4, "county": 6, "township": 9, "village": 12}
NEXT_LENGTH = {2: 4, 4: 6, 6: 9, 9: 12}


async def visible_area(session: AsyncSession, *, principal: Principal, code: str) -> Area:
    """The area if it exists and the caller's scope covers it, else 404 (as the registry does:
    outside one's scope a thing does not exist)."""
    area = await session.get(Area, code)
    if area is None or area.deleted or not principal.covers(code):
        raise NotFound(f"区划 {code} 不存在或不在你的范围内 / area not found")
    return area


def child_length(area: Area, level: str | None) -> int:
    """How many digits of a code group the rows: the level asked for, else the next one down."""
    if level is None:
        return NEXT_LENGTH.get(len(area.code), len(area.code))
    length = LENGTH_BY_LEVEL.get(level)
    if length is None or length < len(area.code):
        raise invalid("level", "应为该区划或其下级的层级 / a level at or below the area's")
    return length


async def areas_below(session: AsyncSession, *, area: Area, length: int) -> list[Area]:
    """The areas of that length under ``area`` (none when it is the area's own)."""
    if length == len(area.code):
        return []
    query = (
        select(Area)
        .where(
            col(Area.code).like(area.code + "%"),
            col(Area.deleted) == false(),
            func.length(col(Area.code)) == length,
        )
        .order_by(col(Area.code))
    )
    return list((await session.execute(query)).scalars())
