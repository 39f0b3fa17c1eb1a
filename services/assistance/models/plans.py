"""Assistance plans (帮扶计划): the catalogue of main measures, and one plan per household and
year with its main measure and supplementary medical insurance."""

from datetime import date, datetime
from uuid import UUID

from sqlalchemy import Text, UniqueConstraint
from sqlmodel import Field

from assistance.models.base import AssistanceTable
from kit.db import UTCDateTime, utcnow


class MeasureType(AssistanceTable, table=True):
    """A main assistance measure (主要帮扶措施), tied to one of the plan's fifteen numbered
    measures (and so to one of its four actions). Never deleted: retired ones go inactive."""

    __tablename__ = "measure_type"
    code: str = Field(primary_key=True, max_length=40)
    name_zh: str = Field(max_length=40)
    name_en: str = Field(max_length=80)
    measure_no: int  # 1–15, the plan's 十五条举措; the action follows from it
    active: bool = True
    sort_order: int = 0
    version: int = 1
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Plan(AssistanceTable, table=True):
    """A household's plan for a year. The id is derived from (household, year), so the API,
    the demo and a re-run all name the same plan the same way."""

    __tablename__ = "plan"
    __table_args__ = (UniqueConstraint("household_id", "year"),)
    id: UUID = Field(primary_key=True)
    household_id: UUID = Field(index=True)
    year: int = Field(index=True)
    main_measure: str | None = Field(default=None, max_length=40, index=True)
    goals: str = Field(default="", sa_type=Text)
    insured: bool = False
    insurer: str = Field(default="", max_length=100)
    policy_number: str = Field(default="", max_length=60)
    insurance_starts_on: date | None = None
    insurance_ends_on: date | None = None  # the last day covered (inclusive)
    premium_paid_by: str | None = Field(default=None, max_length=16)
    body_hash: str = Field(max_length=64)  # to answer a repeated create
    recorded_by: str = Field(max_length=100)
    version: int = 1
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
