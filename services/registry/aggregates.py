"""What every registry write does the same way: find the row the caller may see and record the
event carrying its whole new state (its version moves by kit.versioning)."""

from typing import Any, TypeVar

from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import SQLModel, select

from kit.outbox import record_event
from kit.problems import NotFound

Row = TypeVar("Row", bound=SQLModel)


async def get_visible(
    session: AsyncSession,
    model: type[Row],
    key: Any,
    *conditions: ColumnElement[bool],
    for_update: bool = False,
) -> Row:
    """The row with primary key ``key`` if the caller may see it (``conditions``), else 404."""
    pk = next(iter(model.__table__.primary_key.columns))  # type: ignore[attr-defined]
    query = select(model).where(pk == key, *conditions)
    if for_update:
        query = query.with_for_update()
    row = (await session.execute(query)).scalars().first()
    if row is None:
        raise NotFound(f"{model.__name__} {key} 不存在或不在你的范围内 / not found")
    return row


def emit(
    session: AsyncSession,
    aggregate: str,
    row: Any,
    state: BaseModel,
    area_code: str | None,
    *,
    deleted: bool = False,
) -> None:
    """Record ``aggregate``'s event with ``state`` (the unmasked public shape) as its data."""
    record_event(
        session,
        aggregate=aggregate,
        aggregate_id=row.id,
        version=row.version,
        data=state.model_dump(mode="json"),
        area_code=area_code,
        deleted=deleted,
    )
