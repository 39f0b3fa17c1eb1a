"""Batched look-ups for a whole file: one query per kind of key, in chunks, never one per row."""

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import Select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from kit.auth import Principal
from registry.models import Area
from registry.models.vocab import AreaLevel

CHUNK = 1000  # well under PostgreSQL's bind-parameter limit, and a plan per chunk stays cheap
T = TypeVar("T")


async def fetch_in(
    session: AsyncSession,
    query: Callable[[list[Any]], Select[Any]],
    values: Iterable[Any],
) -> list[Any]:
    """The rows ``query(chunk)`` gives for every chunk of the distinct ``values``."""
    distinct = sorted(set(values), key=str)
    found: list[Any] = []
    for start in range(0, len(distinct), CHUNK):
        result = await session.execute(query(distinct[start : start + CHUNK]))
        found.extend(result.scalars().all())
    return found


@dataclass
class Villages:
    """The villages a file names, by code or (optionally) by their exact name when that name is
    unique within the caller's area."""

    principal: Principal
    by_code: dict[str, Area] = field(default_factory=dict)
    by_name: dict[str, list[Area]] = field(default_factory=dict)

    @classmethod
    async def load(
        cls, session: AsyncSession, principal: Principal, given: Collection[str]
    ) -> "Villages":
        villages = cls(principal)
        codes = [g for g in given if g.isdigit()]
        names = [g for g in given if g and not g.isdigit()]
        for area in await fetch_in(
            session, lambda chunk: select(Area).where(col(Area.code).in_(chunk)), codes
        ):
            villages.by_code[area.code] = area
        for area in await fetch_in(
            session,
            lambda chunk: select(Area).where(
                col(Area.name).in_(chunk),
                col(Area.level) == AreaLevel.VILLAGE,
                principal.area_filter(col(Area.code)),
            ),
            names,
        ):
            villages.by_name.setdefault(area.name, []).append(area)
        return villages

    def resolve(self, given: str, *, level: AreaLevel | None = AreaLevel.VILLAGE) -> str:
        """The area code ``given`` names, within the caller's area; ValueError saying why not."""
        if given.isdigit():
            area = self.by_code.get(given)
            if area is None:
                raise ValueError(f"区划 {given} 不存在 / no area with code {given}")
        else:
            named = self.by_name.get(given, [])
            if len(named) != 1:
                why = "不唯一，请填代码" if named else "不存在或不在你的管辖范围内"
                raise ValueError(
                    f"村名「{given}」{why} / village name {'is ambiguous' if named else 'unknown'}"
                    "; give its 12-digit code"
                )
            area = named[0]
        if level is not None and area.level != level:
            raise ValueError(f"{area.code} 不是村级区划 / {area.code} is not a village")
        if not self.principal.covers(area.code):
            raise ValueError(f"{area.name}（{area.code}）不在你的管辖范围内 / outside your area")
        return area.code
