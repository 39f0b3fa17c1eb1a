"""What the plan API reads and answers."""

from datetime import date, datetime
from enum import StrEnum
from typing import Self
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, model_validator

from assistance.measure_types.catalogue import Action
from assistance.measure_types.schemas import Code


class PaidBy(StrEnum):
    """Who paid the premium of the supplementary medical insurance."""

    GOVERNMENT = "government"  # 政府
    COLLECTIVE = "collective"  # 村集体
    SELF = "self"  # 个人
    OTHER = "other"  # 其他（社会捐助等）


class InsuranceIn(BaseModel):
    """The supplementary medical insurance (医疗补充保险). The policy number is not among
    DOMAIN.md's sensitive fields and is shown plainly."""

    model_config = ConfigDict(extra="forbid")

    insured: bool = Field(description="是否参保 / insured")
    insurer: str = Field(default="", max_length=100, description="保险公司 / insurer")
    policy_number: str = Field(default="", max_length=60, description="保单号 / policy number")
    starts_on: date | None = Field(default=None, description="保障起期 / first day covered")
    ends_on: date | None = Field(default=None, description="保障止期（含）/ last day covered")
    premium_paid_by: PaidBy | None = Field(default=None, description="保费承担方 / who paid")

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if not self.insured:
            if self.insurer or self.policy_number or self.starts_on or self.ends_on:
                raise ValueError("未参保时不填保险信息 / not insured: leave the policy empty")
            return self
        if not self.insurer.strip() or self.starts_on is None or self.ends_on is None:
            raise ValueError(
                "参保须填保险公司与保障起止日期 / insured: give the insurer and the period"
            )
        if self.ends_on < self.starts_on:
            raise ValueError("保障止期早于起期 / the period ends before it starts")
        return self


class PlanIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    main_measure: Code | None = Field(
        default=None, description="主要帮扶措施代码（见 /v1/measure-types）/ main measure"
    )
    goals: str = Field(default="", max_length=2000, description="帮扶目标 / goals")
    insurance: InsuranceIn = Field(default_factory=lambda: InsuranceIn(insured=False))


class InsurancePublic(BaseModel):
    insured: bool
    insurer: str
    policy_number: str
    starts_on: date | None
    ends_on: date | None
    premium_paid_by: PaidBy | None


class MainMeasure(BaseModel):
    code: str
    name_zh: str
    name_en: str
    measure_no: int = Field(description="方案十五条举措之编号 / the plan's measure 1–15")
    action: Action | None


class PlanPublic(BaseModel):
    id: UUID
    household_id: UUID
    year: int
    village_code: str = Field(description="农户当前所在村 / the household's village now")
    main_measure: MainMeasure | None
    goals: str
    insurance: InsurancePublic
    recorded_by: str
    version: int
    created_at: datetime
    updated_at: datetime
