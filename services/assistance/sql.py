"""The INSERT with ON CONFLICT of the session's store (PostgreSQL or SQLite; both have it)."""

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from kit.db import is_postgres


def insert_for(session: AsyncSession) -> Any:
    """``postgresql.insert`` or ``sqlite.insert``: each knows ``on_conflict_do_*``."""
    return postgresql.insert if is_postgres(session.get_bind().dialect) else sqlite.insert
