"""The read model of the assistance service's feed: visits, plans and happiness-list items, as
much as the "six ones" (#14) and the alerts need. Kept like the registry copy: one row per
aggregate with its version, replaced only by a newer one. Risk flags are health facts: they
stay here and reach only the alerts."""

from datetime import date, datetime
from uuid import UUID

from sqlalchemy import Index
from sqlmodel import Field

from indicators.models.base import IndicatorsTable
from kit.db import JSONType, UTCDateTime


class VisitCopy(IndicatorsTable, table=True):
    __tablename__ = "visit"
    # Month first: the six ones probe one month for every household, and that month's entries
    # then sit together in the index (a (household, month) lookup is served as well).
    __table_args__ = (Index("ix_visit_month_household", "month", "household_id"),)
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


class PlanCopy(IndicatorsTable, table=True):
    """A household's assistance plan for a year, as much as the "six ones" need: whether it
    names a main measure, and the supplementary medical insurance's period (both days
    covered)."""

    __tablename__ = "plan"
    __table_args__ = (Index("ix_plan_household_year", "household_id", "year"),)
    id: UUID = Field(primary_key=True)
    household_id: UUID
    year: int
    main_measure: str | None = Field(default=None, max_length=40)  # the measure type's code
    insured: bool = False
    insurance_starts_on: date | None = None
    insurance_ends_on: date | None = None  # inclusive
    version: int
    deleted: bool = False


class HappinessItemCopy(IndicatorsTable, table=True):
    """A happiness-list item (幸福清单), planned or delivered; it belongs to the year of
    ``delivered_on``. Its value and title are not needed here."""

    __tablename__ = "happiness_item"
    __table_args__ = (Index("ix_happiness_item_household_year", "household_id", "year"),)
    id: UUID = Field(primary_key=True)
    household_id: UUID
    year: int
    delivered_on: date
    status: str = Field(max_length=10)  # planned, delivered
    version: int
    deleted: bool = False
