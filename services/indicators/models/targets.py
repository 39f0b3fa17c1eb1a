"""The indicators service's own data besides reported values: targets (per indicator measure,
area and period, set by the county admin) and the stored weighted sets townships are ranked on."""

from datetime import datetime
from decimal import Decimal
from typing import Any
from uuid import UUID, uuid4

from sqlalchemy import Column, Numeric, UniqueConstraint
from sqlmodel import Field

from indicators.models.base import IndicatorsTable
from kit.db import JSONType, UTCDateTime, utcnow


class TargetValue(IndicatorsTable, table=True):
    """A target overriding the catalogue's default for one area and period (year to date).
    The value is in the measure's shown unit: yuan, a count, or a percentage ("11" is 11 %)."""

    __tablename__ = "target"
    __table_args__ = (UniqueConstraint("indicator", "measure", "area_code", "year", "quarter"),)
    id: UUID = Field(default_factory=uuid4, primary_key=True)
    indicator: str = Field(max_length=40)
    measure: str = Field(max_length=40)
    area_code: str = Field(max_length=12, index=True)
    year: int
    quarter: int  # a year's target is its Q4
    value: Decimal = Field(sa_column=Column(Numeric(20, 4), nullable=False))
    updated_by: str = Field(default="", max_length=64)
    version: int = 1
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class RankingSet(IndicatorsTable, table=True):
    """A named weighted set of measures townships are ranked on (考核): ``items`` is a list of
    ``{indicator, measure, weight}`` with weights as decimal strings."""

    __tablename__ = "ranking_set"
    code: str = Field(primary_key=True, max_length=40)
    name: str = Field(max_length=100)
    items: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSONType)
    updated_by: str = Field(default="", max_length=64)
    version: int = 1
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
