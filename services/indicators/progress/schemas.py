"""The progress tables (工作进度表) as the API answers them."""

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from indicators.catalogue.definitions import Direction, Unit

TableName = Literal["farmer_income", "low_income"]


class ProgressMeasure(BaseModel):
    indicator: str
    measure: str
    name_zh: str
    name_en: str
    unit: Unit
    direction: Direction


class ProgressCell(BaseModel):
    indicator: str
    measure: str
    period: str = Field(examples=["2026Q2"])
    target: str | None = Field(description="目标值（显示单位）/ the target, in the shown unit")
    target_source: Literal["set", "catalogue"] | None
    actual: str | None = Field(description="完成值（四舍五入显示）/ the actual, rounded half up")
    completion_rate: str | None = Field(
        description="完成率（%，见排名得分的定义）/ completion rate in %, as the ranking score"
    )
    met: bool | None = Field(
        description="是否达标（精确比较）；年度水平目标在 1–3 季度只看进度，不判定（null）"
        " / target met, compared exactly; null for an annual level in Q1–Q3 (progress only)"
    )


class ProgressRow(BaseModel):
    area_code: str
    area_name: str
    total: bool = Field(description="合计行（所选区划本身）/ the area's own row")
    cells: list[ProgressCell]


class ProgressTable(BaseModel):
    table: TableName
    title: str
    area_code: str
    year: int
    measures: list[ProgressMeasure]
    rows: list[ProgressRow]
    computed_at: datetime
    read_model_updated_at: datetime | None
