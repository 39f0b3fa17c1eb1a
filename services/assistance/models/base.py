"""The assistance service's own table base and metadata (kept apart from other services')."""

from sqlalchemy.orm import registry
from sqlmodel import SQLModel

from kit.db import new_metadata
from kit.outbox import feed_cursor_table, outbox_table

metadata = new_metadata()
outbox = outbox_table(metadata)
feed_cursor = feed_cursor_table(metadata)


class AssistanceTable(SQLModel, registry=registry(metadata=metadata)):
    pass
