"""Every assistance table, imported here so the metadata (and Alembic) sees them all."""

from sqlalchemy.orm import registry
from sqlmodel import SQLModel

from kit.db import new_metadata
from kit.outbox import feed_cursor_table, outbox_table

metadata = new_metadata()
outbox = outbox_table(metadata)
feed_cursor = feed_cursor_table(metadata)


class AssistanceTable(SQLModel, registry=registry(metadata=metadata)):
    pass
