"""Keyset pagination: lists answer ``{items, next_cursor}``; the cursor is opaque to clients.

The cursor carries the sort key of the last row served, so a page is one indexed range scan
however deep the client has gone (no OFFSET).
"""

import base64
import json
from collections.abc import Sequence
from datetime import date
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel
from sqlalchemy import Select, literal, tuple_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from kit.problems import invalid

T = TypeVar("T")

DEFAULT_LIMIT = 50
MAX_LIMIT = 500


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = None


LimitQuery = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="每页条数 / page size")]

# Area codes: 2 (province) to 12 (village) digits; a prefix selects an area and all below it.
AREA_CODE_PATTERN = r"^\d{2,12}$"
AreaCodeQuery = Annotated[str, Query(pattern=AREA_CODE_PATTERN, description="区划代码 / area code")]
AreaPrefixQuery = Annotated[
    str | None,
    Query(pattern=AREA_CODE_PATTERN, description="区划代码前缀 / area code prefix"),
]
CursorQuery = Annotated[
    str | None, Query(description="上一页给出的 next_cursor / from next_cursor")
]


def encode_cursor(values: Sequence[Any]) -> str:
    raw = json.dumps([str(v) for v in values], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, width: int) -> list[str]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded))
    except ValueError as exc:
        raise invalid("cursor", "游标无效 / not a cursor this list gave", "cursor") from exc
    if not isinstance(values, list) or len(values) != width:
        raise invalid("cursor", "游标无效 / not a cursor this list gave", "cursor")
    return [str(v) for v in values]


async def paginate(
    session: AsyncSession,
    query: Select[Any],
    keys: Sequence[Any],  # columns (SQLModel's col() is typed as Mapped, hence Any)
    *,
    cursor: str | None,
    limit: int,
    descending: bool = False,
) -> tuple[list[Any], str | None]:
    """Run ``query`` ordered by ``keys`` (unique together; ``descending`` for newest first),
    from after ``cursor``.

    Answers the rows (scalars when the query selects one entity) and the next cursor, or None
    when this was the last page.
    """
    if cursor:
        after = decode_cursor(cursor, len(keys))
        typed = [_from_cursor(key, value) for key, value in zip(keys, after, strict=True)]
        after_last = (
            tuple_(*keys) < tuple_(*typed) if descending else tuple_(*keys) > tuple_(*typed)
        )
        query = query.where(after_last)
    order = [key.desc() for key in keys] if descending else list(keys)
    query = query.order_by(*order).limit(limit + 1)
    result = await session.execute(query)
    # One entity (select(Household)) or one column gives scalars; column_descriptions counts an
    # entity once, where selected_columns would count each of its columns.
    one = len(query.column_descriptions) == 1
    rows = list(result.scalars().all()) if one else list(result.all())
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    last = rows[-1]
    return rows, encode_cursor([_key_value(last, key) for key in keys])


def _from_cursor(key: ColumnElement[Any], value: str) -> Any:
    """A cursor's value as a bound parameter of its key's type (a time is not ``datetime(str)``)."""
    # A TypeDecorator (UTCDateTime, say) answers ``object``; its impl knows the real type.
    kind = getattr(key.type, "impl_instance", key.type).python_type
    try:
        parsed = kind.fromisoformat(value) if issubclass(kind, date) else kind(value)
    except (ValueError, TypeError, ArithmeticError) as exc:
        raise invalid("cursor", "游标无效 / not a cursor this list gave", "cursor") from exc
    return literal(parsed, key.type)


def _key_value(row: Any, key: ColumnElement[Any]) -> Any:
    name = str(getattr(key, "key", None) or getattr(key, "name", ""))
    return getattr(row, name)
