"""What the needs API reads and answers."""

from datetime import date, datetime
from enum import StrEnum
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from kit.text import Name, RequiredText


class NeedStatus(StrEnum):
    OPEN = "open"  # 已提出
    IN_PROGRESS = "in_progress"  # 办理中
    CLOSED = "closed"  # 办结


class NeedIn(BaseModel):
    """A need entered directly (needs raised in a visit are made from the visit)."""

    model_config = ConfigDict(extra="forbid")

    household_id: UUID
    description: RequiredText = Field(max_length=200, description="诉求 / the need")
    responsible_unit: str = Field(default="", max_length=100, description="责任单位 / unit")
    due_on: date | None = Field(
        default=None, description="办结期限；默认提出后 need_days 天 / due; default need_days"
    )


class NeedOrder(StrEnum):
    DUE = "due"  # 期限最近的在前 / nearest deadline first
    RAISED = "raised"  # 最新提出的在前 / newest first


class NeedStart(BaseModel):
    model_config = ConfigDict(extra="forbid")

    responsible_department_id: UUID | None = Field(
        default=None,
        description="责任单位：登记的单位（可在此指定）/ the registry department given the need",
    )
    responsible_unit: Name | None = Field(
        default=None,
        max_length=100,
        description="责任单位（文字；旧客户端用，优先用 responsible_department_id）/ unit as text",
    )
    note: str = Field(default="", max_length=2000, description="办理说明 / note")


class NeedClose(BaseModel):
    model_config = ConfigDict(extra="forbid")

    note: RequiredText = Field(
        min_length=2, max_length=2000, description="办结情况（必填）/ how it ended"
    )


class NeedDurations(BaseModel):
    """How long each step took, in seconds (null until the step is done)."""

    to_start_seconds: int | None = Field(description="提出 → 开始办理 / raised → started")
    in_progress_seconds: int | None = Field(description="开始办理 → 办结 / started → closed")
    to_close_seconds: int | None = Field(description="提出 → 办结 / raised → closed")


class NeedPublic(BaseModel):
    id: UUID
    household_id: UUID
    household_name: str = Field(default="", description="户主姓名 / the head's name")
    village_code: str = Field(description="农户当前所在村 / the household's village now")
    visit_id: UUID | None = Field(description="在哪次走访中提出 / the visit that raised it")
    description: str
    responsible_unit: str = Field(description="责任单位名称 / the responsible unit's name")
    responsible_department_id: UUID | None = Field(
        default=None, description="登记的责任单位；旧的文字单位为空 / None for a unit typed as text"
    )
    status: NeedStatus
    raised_at: datetime
    due_on: date
    overdue: bool = Field(description="未办结且已过期限 / not closed and past due")
    started_at: datetime | None
    closed_at: datetime | None
    start_note: str
    close_note: str
    durations: NeedDurations
    recorded_by: str
    version: int
    updated_at: datetime
