"""Alerts as the API answers them and the handling it accepts."""

from datetime import datetime
from typing import Any
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from indicators.models import AlertAction, AlertRule, AlertStatus


class AlertLogPublic(BaseModel):
    action: AlertAction
    by: str
    cadre_id: UUID | None = Field(default=None, description="assigned：指派给谁 / assigned to")
    department_id: UUID | None = Field(
        default=None, description="assigned：指派给哪个单位 / assigned to a department"
    )
    note: str
    at: datetime


class AlertPublic(BaseModel):
    id: UUID
    household_id: UUID
    head_name: str
    rule: AlertRule
    period: str = Field(description="年（收入规则）或月（走访规则）/ a year or a month")
    village_code: str
    township_code: str
    cadre_id: UUID | None = Field(
        description="负责的帮扶干部：结对干部或指派的干部 / the paired or the assigned cadre"
    )
    assigned: bool = Field(description="是否由干部指派 / assigned by an officer")
    department_id: UUID | None = Field(
        default=None, description="指派的责任单位 / the department it was given to"
    )
    status: AlertStatus
    cause_present: bool = Field(description="最新数据是否仍显示该原因 / cause still shown")
    detail: dict[str, Any] = Field(description="触发依据（含敏感的风险标记）/ the evidence")
    note: str
    reopened: int
    version: int
    created_at: datetime
    updated_at: datetime
    log: list[AlertLogPublic] | None = None


class AlertClose(BaseModel):
    model_config = ConfigDict(extra="forbid")

    note: str = Field(min_length=2, max_length=2000, description="处置说明 / how it was handled")


class AlertAcknowledge(BaseModel):
    model_config = ConfigDict(extra="forbid")

    note: str = Field(default="", max_length=2000)


class AlertAssign(BaseModel):
    model_config = ConfigDict(extra="forbid")

    """A cadre or a department (exactly one of the two)."""

    cadre_id: UUID | None = Field(default=None, description="负责处置的帮扶干部 / the cadre")
    department_id: UUID | None = Field(
        default=None, description="负责处置的单位 / the department to handle it"
    )
    note: str = Field(default="", max_length=2000)
