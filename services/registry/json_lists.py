"""A WHERE condition "this JSON list column holds this value", for both stores."""

from typing import Any

from sqlalchemy import exists, func, select, type_coerce
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from kit.db import is_postgres


def holds(session: AsyncSession, column: Any, value: str) -> ColumnElement[bool]:
    """``column`` (a JSON list of strings) contains ``value``."""
    if is_postgres(session.get_bind().dialect):
        return type_coerce(column, JSONB).contains([value])  # jsonb @>, uses a GIN index if any
    items = func.json_each(column).table_valued("value")
    return exists(select(1).select_from(items).where(items.c.value == value))
