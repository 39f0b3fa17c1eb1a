"""The read model of the assistance service's feed: visits, as much as the "six ones" (#14)
and the alerts need. Kept like the registry copy: one row per visit with its version, replaced
only by a newer one. Risk flags are health facts: they stay here and reach only the alerts."""

from datetime import datetime
from uuid import UUID

from sqlalchemy import Index
from sqlmodel import Field

from indicators.models.base import IndicatorsTable
from kit.db import JSONType, UTCDateTime


class VisitCopy(IndicatorsTable, table=True):
    __tablename__ = "visit"
    __table_args__ = (Index("ix_visit_household_month", "household_id", "month"),)
    id: UUID = Field(primary_key=True)
    household_id: UUID
    cadre_id: UUID
    village_code: str = Field(max_length=12)
    mode: str = Field(max_length=16)
    occurred_at: datetime = Field(sa_type=UTCDateTime)
    month: str = Field(max_length=7)  # YYYY-MM of occurred_at in Asia/Shanghai
    risk_flags: list[str] = Field(default_factory=list, sa_type=JSONType)
    version: int
    deleted: bool = False
