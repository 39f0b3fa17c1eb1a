"""Needs raised (诉求), tracked to closure (办结): open → in_progress → closed."""

from datetime import date, datetime
from uuid import UUID

from sqlalchemy import Text
from sqlmodel import Field

from assistance.models.base import AssistanceTable
from kit.db import UTCDateTime, utcnow


class Need(AssistanceTable, table=True):
    """One need, raised in a visit (``visit_id``) or entered directly. Each step keeps its time,
    so how long each took is read off the row."""

    __tablename__ = "need"
    id: UUID = Field(primary_key=True)
    household_id: UUID = Field(index=True)
    visit_id: UUID | None = Field(default=None, index=True)
    description: str = Field(max_length=200)
    responsible_unit: str = Field(default="", max_length=100)
    # The registry department given the need (its name is copied into ``responsible_unit`` so
    # readers without the registry still read it); None for units typed before departments.
    responsible_department_id: UUID | None = None
    status: str = Field(max_length=16, index=True)  # open | in_progress | closed
    raised_at: datetime = Field(sa_type=UTCDateTime)
    due_on: date = Field(index=True)
    started_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    closed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    start_note: str = Field(default="", sa_type=Text)
    close_note: str = Field(default="", sa_type=Text)
    recorded_by: str = Field(max_length=100)
    version: int = 1
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
