"""The happiness list (幸福清单): what a household received or is due, item by item."""

from datetime import date, datetime
from uuid import UUID

from sqlalchemy import BigInteger, Index
from sqlmodel import Field

from assistance.models.base import AssistanceTable
from kit.db import UTCDateTime, utcnow


class HappinessItem(AssistanceTable, table=True):
    """One item; the id is made on the phone (an idempotent PUT, like a visit)."""

    __tablename__ = "happiness_item"
    __table_args__ = (Index("ix_happiness_item_household_year", "household_id", "year"),)
    id: UUID = Field(primary_key=True)
    household_id: UUID
    year: int  # of ``delivered_on`` (the list is per household and year)
    category: str = Field(max_length=24)
    title: str = Field(max_length=100)
    value_fen: int = Field(sa_type=BigInteger)  # exact: yuan × 100
    delivering_unit: str = Field(default="", max_length=100)
    delivered_on: date  # the day it was (or is to be) delivered
    status: str = Field(max_length=16)  # planned | delivered
    body_hash: str = Field(max_length=64)
    recorded_by: str = Field(max_length=100)
    version: int = 1
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
