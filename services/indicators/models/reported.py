"""Figures other departments supply (#2, #11–#13): entered by the county admin with their source."""

from datetime import date, datetime
from decimal import Decimal
from uuid import UUID, uuid4

from sqlalchemy import Column, Numeric, UniqueConstraint
from sqlmodel import Field

from indicators.models.base import IndicatorsTable
from kit.db import UTCDateTime, utcnow


class ReportedValue(IndicatorsTable, table=True):
    __tablename__ = "reported_value"
    __table_args__ = (UniqueConstraint("indicator", "measure", "area_code", "year", "quarter"),)
    id: UUID = Field(default_factory=uuid4, primary_key=True)
    indicator: str = Field(max_length=40)
    measure: str = Field(max_length=40)
    area_code: str = Field(max_length=12, index=True)
    year: int
    quarter: int  # a year's figure is its Q4
    value: Decimal = Field(sa_column=Column(Numeric(20, 4), nullable=False))
    source: str = Field(max_length=100)
    reported_on: date
    updated_by: str = Field(default="", max_length=64)
    version: int = 1
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
