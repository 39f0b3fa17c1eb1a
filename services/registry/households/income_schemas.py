"""Request and response shapes of income records (收入记录), money as decimal strings."""

from datetime import datetime
from decimal import Decimal
from typing import Annotated
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from kit.money import Money, NonNegativeMoney
from registry.households.schemas import VillageCode
from registry.models.vocab import HouseholdCategory

# Each component's bound: four of them still add up to an amount money can hold (14 digits), so
# the record's total never overflows; a household's income is far below it.
COMPONENT_LIMIT = Decimal("249999999999.99")
Component = Annotated[NonNegativeMoney, Field(le=COMPONENT_LIMIT)]
SignedComponent = Annotated[Money, Field(ge=-COMPONENT_LIMIT, le=COMPONENT_LIMIT)]


class IncomeRecordPut(BaseModel):
    """A period's income, year to date. Village and category default to the household's as it
    stands when the record is first written; give them to correct the record."""

    model_config = ConfigDict(extra="forbid")

    wage_income: Component  # 工资性收入
    operating_income: SignedComponent  # 经营净收入, may be negative
    property_income: Component  # 财产净收入
    transfer_income: Component  # 转移净收入
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
