"""What the three kinds of links share (cadre–entity, entity–household, pairing): the public
fields, the one-active rule with its replacement, and how a link ends. Ended links are kept."""

from datetime import date, datetime
from typing import Any, TypeVar
from uuid import UUID

from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col, select

from kit.db import utcnow
from kit.pagination import paginate
from kit.problems import Conflict, invalid
from registry.aggregates import bump
from registry.models import Cadre
from registry.models.base import Link

L = TypeVar("L", bound=Link)


class LinkCreate(BaseModel):
    started_on: date
    replace_active: bool = Field(
        default=False,
        description="结束现有的有效关系并以此代替 / end the active one and put this in its place",
    )


class EndLink(BaseModel):
    ended_on: date


class LinkPublic(BaseModel):
    id: UUID
    version: int
    started_on: date
    ended_on: date | None
    active: bool
    created_at: datetime
    updated_at: datetime


def link_state(row: Link) -> dict[str, Any]:
    """The row's fields plus ``active``, for a ``LinkPublic`` subclass to validate."""
    return {**row.model_dump(), "active": row.ended_on is None}


def active_condition(model: type[Link], active: bool | None) -> list[ColumnElement[bool]]:
    if active is None:
        return []
    ended_on = col(model.ended_on)
    return [ended_on.is_(None) if active else ended_on.is_not(None)]


async def list_links(
    session: AsyncSession,
    model: type[L],
    conditions: list[ColumnElement[bool]],
    *,
    cursor: str | None,
    limit: int,
) -> tuple[list[L], str | None]:
    query = select(model).where(*conditions)
    # col() is typed Mapped, which paginate's signature does not admit; it is a column.
    keys = [col(model.started_on), col(model.id)]
    return await paginate(session, query, keys, cursor=cursor, limit=limit)


async def current_active(
    session: AsyncSession, model: type[L], *conditions: ColumnElement[bool]
) -> L | None:
    """The active link matching ``conditions`` (the model's partial unique index allows one)."""
    query = select(model).where(col(model.ended_on).is_(None), *conditions)
    return (await session.execute(query)).scalars().first()


def refuse_or_end(current: Link, *, replace: bool, started_on: date, holder: str) -> None:
    """A second active link is refused (409 naming ``holder``) unless the caller asked to replace
    the current one, which then ends the day the new one starts."""
    if not replace:
        raise Conflict(
            f"已有有效关系：{holder}（{current.id}）；如要替换请带 replace_active=true"
            f" / already active: {holder} ({current.id}); send replace_active=true to replace it",
            current_id=str(current.id),
        )
    if started_on < current.started_on:
        raise invalid(
            "started_on",
            f"不能早于现有关系的开始日期 {current.started_on}"
            f" / cannot be before the current link's start {current.started_on}",
        )
    current.ended_on = started_on
    current.version += 1
    current.updated_at = utcnow()


def end_link(row: Link, ended_on: date, if_match: str | None) -> None:
    """End a link: once only, never before it started, on the version the caller read."""
    if row.ended_on is not None:
        raise Conflict(
            f"该关系已于 {row.ended_on} 结束 / this link already ended on {row.ended_on}"
        )
    bump(row, if_match)
    if ended_on < row.started_on:
        raise invalid(
            "ended_on",
            f"不能早于开始日期 {row.started_on} / cannot be before the start {row.started_on}",
        )
    row.ended_on = ended_on


async def active_cadre(
    session: AsyncSession, cadre_id: UUID, *, lock: bool = False, field: str = "cadre_id"
) -> Cadre:
    """The cadre, refused (naming ``field``) unless active; ``lock`` makes two links for them go
    one at a time."""
    cadre = await session.get(Cadre, cadre_id, with_for_update=lock)
    if cadre is None:
        raise invalid(field, f"干部 {cadre_id} 不存在 / no such cadre")
    if not cadre.active:
        raise invalid(field, f"干部「{cadre.name}」已停用 / cadre {cadre.name} is not active")
    return cadre
