"""Request and response shapes of income records (收入记录), money as decimal strings."""

from datetime import datetime
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from kit.money import Money, NonNegativeMoney
from registry.households.schemas import VillageCode
from registry.models.vocab import HouseholdCategory


class IncomeRecordPut(BaseModel):
    """A period's income, year to date. Village and category default to the household's as it
    stands when the record is first written; give them to correct the record."""

    model_config = ConfigDict(extra="forbid")

    wage_income: NonNegativeMoney  # 工资性收入
    operating_income: Money  # 经营净收入, may be negative
    property_income: NonNegativeMoney  # 财产净收入
    transfer_income: NonNegativeMoney  # 转移净收入
    resident_count: int = Field(ge=1, le=99, description="常住人口数 / resident members")
    village_code: VillageCode | None = None
    category: HouseholdCategory | None = None


class IncomeRecordPublic(BaseModel):
    id: UUID
    household_id: UUID
    period: str = Field(examples=["2026Q3"])
    year: int
    quarter: int
    wage_income: Money
    operating_income: Money
    property_income: Money
    transfer_income: Money
    resident_count: int
    village_code: str
    category: HouseholdCategory
    total_income: Money = Field(description="四项之和 / sum of the four components")
    per_capita_income: Money = Field(
        description="人均可支配收入，四舍五入到分 / total ÷ resident_count, rounded half up"
    )
    version: int
    created_at: datetime
    updated_at: datetime
