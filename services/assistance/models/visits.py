"""Visits (走访) and the photos they reference."""

from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import Index, Text
from sqlmodel import Field

from assistance.models.base import AssistanceTable
from kit.db import JSONType, UTCDateTime, utcnow


class Visit(AssistanceTable, table=True):
    """One visit, kept with the time it happened (``occurred_at``), not the time it arrived
    (``created_at``). The id is made on the phone, so a repeated upload finds the stored one."""

    __tablename__ = "visit"
    __table_args__ = (Index("ix_visit_household_occurred", "household_id", "occurred_at"),)
    id: UUID = Field(primary_key=True)
    household_id: UUID = Field(index=True)
    cadre_id: UUID = Field(index=True)  # the cadre paired to the household at occurred_at
    # The household's village when the visit was logged: the visit's area, for scoping.
    village_code: str = Field(max_length=12, index=True)
    mode: str = Field(max_length=16)
    occurred_at: datetime = Field(sa_type=UTCDateTime, index=True)
    latitude: float | None = None
    longitude: float | None = None
    accuracy_m: float | None = None
    # {health, income, employment, housing}: what was seen; health is sensitive.
    observations: dict[str, Any] = Field(default_factory=dict, sa_type=JSONType)
    # Short texts for now; part B turns them into tracked needs (诉求).
    needs_raised: list[str] = Field(default_factory=list, sa_type=JSONType)
    actions_taken: str = Field(default="", sa_type=Text)
    actions_promised: str = Field(default="", sa_type=Text)
    risk_flags: list[str] = Field(default_factory=list, sa_type=JSONType)  # sensitive
    photo_ids: list[str] = Field(default_factory=list, sa_type=JSONType)
    backdate_reason: str | None = Field(default=None, sa_type=Text)
    # Metres from the household's registered location, when both points are known.
    distance_m: int | None = None
    # distance_m was over far_metres when written: flagged, kept; None when distance_m is.
    far_from_home: bool | None = None
    late_entry: bool = False  # recorded late (visits/flags.py)
    body_hash: str = Field(max_length=64)  # of the last body written, to answer repeats
    recorded_by: str = Field(max_length=100)  # the token subject that logged it
    version: int = Field(default=1)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class VisitPhoto(AssistanceTable, table=True):
    """Which visit references which attachment: what decides who may fetch a photo."""

    __tablename__ = "visit_photo"
    visit_id: UUID = Field(foreign_key="visit.id", primary_key=True, ondelete="CASCADE")
    attachment_id: str = Field(max_length=64, primary_key=True, index=True)


class Attachment(AssistanceTable, table=True):
    """A stored photo; its id is the SHA-256 of its bytes (the bytes live in the storage). Who
    uploaded it is not here but in ``attachment_upload``: the same bytes are stored once however
    many people upload them."""

    __tablename__ = "attachment"
    id: str = Field(primary_key=True, max_length=64)
    content_type: str = Field(max_length=32)
    size: int
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)  # first stored


class AttachmentUpload(AssistanceTable, table=True):
    """One person's upload of a photo: what lets them name it in a visit, and fetch it until
    they do. Two people uploading the same bytes have a row each, and neither learns of the
    other's."""

    __tablename__ = "attachment_upload"
    # The photo's id; no foreign key, as in visit_photo: on SQLite a later batch alter of
    # ``attachment`` recreates the table, which rows referencing it would refuse.
    attachment_id: str = Field(primary_key=True, max_length=64)
    uploaded_by: str = Field(primary_key=True, max_length=100)  # the token subject
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    # When the uploader first named it in a stored visit: from then on the visits that carry
    # it decide who may fetch it (the uploader too), not the upload.
    attached_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
