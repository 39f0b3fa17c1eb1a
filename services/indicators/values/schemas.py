"""What the indicator-values API answers."""

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

from indicators.catalogue.definitions import Unit


class ReportedPublic(BaseModel):
    value: str
    source: str
    reported_on: date


class IndicatorValue(BaseModel):
    """One measure of one area for one period."""

    indicator: str
    measure: str
    area_code: str
    area_name: str
    area_level: str
    period: str = Field(examples=["2026Q3"])
    month: str | None = Field(
        default=None, description="按月计算时的月份（#14）/ the month, for a monthly figure"
    )
    unit: Unit
    value: str | None = Field(
        description="显示值（金额到分、百分比到 0.01%，四舍五入）；无可除时为空 / shown value,"
        " rounded half up; null when there is nothing to divide"
    )
    numerator: str | None
    denominator: str | None
    covered: int = Field(description="计入的农户/村/主体/干部数 / households, villages… covered")
    covers: str = Field(description="households | villages | entities | cadres")
    computed: str | None = Field(
        default=None, description="填报类指标：系统计算值 / reported measures: the computed figure"
    )
    reported: ReportedPublic | None = None
    note: str | None = Field(default=None, description="说明（如尚未计算的分项）/ a note")
    computed_at: datetime


class IndicatorValues(BaseModel):
    items: list[IndicatorValue]
    next_cursor: str | None = None
    read_model_updated_at: datetime | None = Field(
        description="登记数据最后同步时间 / when the registry feed was last applied"
    )


class CoveredMember(BaseModel):
    kind: Literal["household", "entity", "village", "cadre"]
    id: str
    name: str
    village_code: str
    counted: bool | None = Field(
        description="是否计入分子（为空：全部计入）/ counts towards the measure (null: all do)"
    )
    figures: dict[str, str]
