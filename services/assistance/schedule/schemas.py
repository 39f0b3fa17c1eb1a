"""What the schedule answers."""

from datetime import datetime
from enum import StrEnum
from uuid import UUID

from pydantic import BaseModel, Field


class DueStatus(StrEnum):
    VISITED = "visited"  # 已走访
    PENDING = "pending"  # 本月待走访（月份未过完）/ not yet, and the month is not over
    OVERDUE = "overdue"  # 逾期：月份已过仍未走访 / the month ended without a visit


class ScheduleItem(BaseModel):
    household_id: UUID
    head_name: str
    village_code: str
    cadre_id: UUID
    cadre_name: str | None = Field(description="未同步时为 null / null if not yet synced")
    visits: int = Field(description="本月走访次数 / visits this month")
    last_visit_at: datetime | None = Field(description="本月最后一次走访 / this month's last visit")
    latest_visit_at: datetime | None = Field(
        default=None,
        description="截至本月底最近一次走访 / the latest visit of any month up to its end",
    )
    status: DueStatus


class SchedulePage(BaseModel):
    month: str
    reference_day: str = Field(description="判定结对的日期 / the day whose pairings count")
    items: list[ScheduleItem]
    next_cursor: str | None = None
