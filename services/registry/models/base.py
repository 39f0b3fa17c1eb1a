"""The registry's own table base and metadata (kept apart from other services' tables)."""

from datetime import date, datetime
from uuid import UUID, uuid4

from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

from kit.db import UTCDateTime, new_metadata, utcnow
from kit.outbox import outbox_table

metadata = new_metadata()
outbox = outbox_table(metadata)


class RegistryTable(SQLModel, registry=registry(metadata=metadata)):
    pass


class Versioned(RegistryTable):
    """Columns every aggregate root carries: its id, its version and when it changed."""

    id: UUID = Field(default_factory=uuid4, primary_key=True)
    version: int = Field(default=1)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Link(Versioned):
    """A link that starts and may end; ended links are kept."""

    started_on: date
    ended_on: date | None = Field(default=None)
