"""Dynamic-monitoring alerts (防返贫动态监测), raised from the read model and handled here.

One alert per household, rule and period (a year for the income rules, a month for the visit
rules): the same cause seen again updates that alert, never makes a second one. Every change of
an alert, by a person or by the evaluation, is a row of ``alert_log``, so nothing is silently
dropped or overwritten.
"""

from datetime import datetime
from enum import StrEnum
from typing import Any
from uuid import UUID, uuid4

from sqlalchemy import Text, UniqueConstraint, false
from sqlmodel import Field

from indicators.models.base import IndicatorsTable
from kit.db import JSONType, UTCDateTime, utcnow


class AlertRule(StrEnum):
    """What an alert is about (alerts.rules says when each is raised)."""

    INCOME_BELOW_LINE = "income_below_line"  # for a year
    INCOME_DROP = "income_drop"  # for a year
    VISIT_RISK = "visit_risk"  # for a month
    VISIT_OVERDUE = "visit_overdue"  # for a month


class AlertStatus(StrEnum):
    """open → acknowledged → closed (with a note); a closed one reopens if its cause returns."""

    OPEN = "open"
    ACKNOWLEDGED = "acknowledged"
    CLOSED = "closed"


class AlertAction(StrEnum):
    """What a row of an alert's log records."""

    RAISED = "raised"
    EVIDENCE = "evidence"  # new evidence of the cause
    CAUSE_GONE = "cause_gone"
    REOPENED = "reopened"
    ACKNOWLEDGED = "acknowledged"
    ASSIGNED = "assigned"
    CLOSED = "closed"


class Alert(IndicatorsTable, table=True):
    __tablename__ = "alert"
    __table_args__ = (UniqueConstraint("household_id", "rule", "period"),)
    id: UUID = Field(default_factory=uuid4, primary_key=True)
    household_id: UUID = Field(index=True)
    rule: str = Field(max_length=24)  # an AlertRule
    period: str = Field(max_length=7)  # "2026" (income rules) or "2026-07" (visit rules)
    village_code: str = Field(max_length=12, index=True)
    # The household's paired cadre, or the one an officer assigned (then evaluation keeps it).
    cadre_id: UUID | None = Field(default=None, index=True)
    assigned: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    # The department (单位) an officer gave it to, beside the cadre; evaluation never changes it.
    department_id: UUID | None = Field(default=None, index=True)
    status: str = Field(default=AlertStatus.OPEN, max_length=14)  # an AlertStatus
    cause_present: bool = True  # whether the latest evidence still shows the cause
    evidence: str = Field(max_length=200)  # what last showed the cause (record/visit and version)
    detail: dict[str, Any] = Field(default_factory=dict, sa_type=JSONType)
    note: str = Field(default="", sa_type=Text)  # the closing note
    reopened: int = 0
    version: int = 1
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class AlertLog(IndicatorsTable, table=True):
    __tablename__ = "alert_log"
    id: UUID = Field(default_factory=uuid4, primary_key=True)
    alert_id: UUID = Field(index=True)
    action: str = Field(max_length=20)  # an AlertAction
    by: str = Field(max_length=100)  # a token subject, or "system"
    cadre_id: UUID | None = None  # assigned: to whom
    department_id: UUID | None = None  # assigned: to which department
    note: str = Field(default="", sa_type=Text)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class AlertSweep(IndicatorsTable, table=True):
    """Months whose end has been checked for overdue visits (the month's end is the event)."""

    __tablename__ = "alert_sweep"
    rule: str = Field(primary_key=True, max_length=24)  # an AlertRule
    period: str = Field(primary_key=True, max_length=7)
    swept_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
