"""One Alembic history per service, run from code (start-up, tests, the migrate job) or the CLI."""

from pathlib import Path
from typing import Any

from alembic import command, context
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from kit.db import is_postgres

MIGRATION_LOCK_KEY = 0x4D494752  # "MIGR": replicas starting together migrate one at a time


def alembic_config(script_location: Path, connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(script_location))
    config.set_main_option("file_template", "%%(year)d_%%(month).2d_%%(day).2d_%%(rev)s_%%(slug)s")
    config.attributes["connection"] = connection
    return config


def head_revision(script_location: Path) -> str:
    head = ScriptDirectory.from_config(alembic_config(script_location)).get_current_head()
    if head is None:
        raise RuntimeError(f"no migrations in {script_location}")
    return head


async def upgrade(engine: AsyncEngine, script_location: Path, schema: str) -> None:
    async with engine.begin() as conn:
        if is_postgres(engine.dialect):
            await conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATION_LOCK_KEY})
            await conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
        await conn.run_sync(
            lambda sync: command.upgrade(alembic_config(script_location, sync), "head")
        )


async def drop_everything(engine: AsyncEngine, schema: str) -> None:
    """For tests only: forget the schema (PostgreSQL) or every table (SQLite)."""
    async with engine.begin() as conn:
        if is_postgres(engine.dialect):
            await conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        else:
            reflected = MetaData()
            await conn.run_sync(reflected.reflect)
            await conn.run_sync(reflected.drop_all)


def run_env(metadata: MetaData, **options: Any) -> None:
    """The body of each service's ``migrations/env.py``."""
    connection: Connection | None = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError(
            "run migrations through kit.migrations.upgrade (python -m <service> migrate)"
        )
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        **options,
    )
    with context.begin_transaction():
        context.run_migrations()


async def autogenerate(
    engine: AsyncEngine, script_location: Path, schema: str, message: str
) -> None:
    """Write a new migration from the difference between the models and the database at head."""
    await upgrade(engine, script_location, schema)
    async with engine.begin() as conn:
        await conn.run_sync(
            lambda sync: command.revision(
                alembic_config(script_location, sync), message=message, autogenerate=True
            )
        )
