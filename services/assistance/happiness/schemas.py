"""What the happiness-list API reads and answers."""

from datetime import date, datetime
from enum import StrEnum
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from kit.money import Money, MoneyTotal, NonNegativeMoney
from kit.text import Name


class Category(StrEnum):
    SUBSIDY = "subsidy"  # 补贴
    JOB = "job"  # 就业岗位
    TRAINING = "training"  # 技能培训
    LOAN = "loan"  # 小额贷款
    INSURANCE_PAYOUT = "insurance_payout"  # 保险理赔
    EDUCATION_AID = "education_aid"  # 教育资助
    HOUSING_REPAIR = "housing_repair"  # 危房改造
    CONSUMPTION_PURCHASE = "consumption_purchase"  # 消费帮扶（购买农产品）
    OTHER = "other"  # 其他


class ItemStatus(StrEnum):
    PLANNED = "planned"  # 计划
    DELIVERED = "delivered"  # 已兑现


class HappinessItemIn(BaseModel):
    """An item as the phone sends it; the id is the phone's (PUT, idempotent)."""

    model_config = ConfigDict(extra="forbid")

    household_id: UUID
    category: Category
    title: Name = Field(max_length=100, description="事项 / what it is")
    value: NonNegativeMoney = Field(description='价值（元，字符串）/ value in yuan, e.g. "1200.00"')
    delivering_unit: str = Field(default="", max_length=100, description="兑现单位 / delivered by")
    delivered_on: date = Field(
        description="兑现（或计划兑现）日期，决定所属年度 / the day delivered or planned; its year "
        "is the list's year"
    )
    status: ItemStatus


class HappinessItemPublic(BaseModel):
    id: UUID
    household_id: UUID
    year: int
    category: Category
    title: str
    value: Money
    delivering_unit: str
    delivered_on: date
    status: ItemStatus
    recorded_by: str
    version: int
    created_at: datetime
    updated_at: datetime


class HappinessList(BaseModel):
    items: list[HappinessItemPublic]
    next_cursor: str | None = None
    total: MoneyTotal = Field(description="所有符合条件事项的价值合计（元）/ value of every match")
    delivered_total: MoneyTotal = Field(description="其中已兑现 / of which delivered")
    count: int
