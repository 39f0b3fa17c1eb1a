"""Targets as the API reads and answers them."""

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer

from indicators.catalogue.definitions import Direction, Unit
from kit.money import no_floats

TargetNumber = Annotated[
    Decimal,
    BeforeValidator(no_floats),
    Field(max_digits=20, decimal_places=4, examples=["34700", "11"]),
    PlainSerializer(lambda d: format(d.normalize(), "f"), return_type=str, when_used="json"),
]


class TargetPut(BaseModel):
    model_config = ConfigDict(extra="forbid")

    value: TargetNumber = Field(
        description="按分项显示单位：元、个数、百分数（11 即 11%）/ in the measure's shown unit"
    )


class TargetPublic(BaseModel):
    indicator: str
    measure: str
    unit: Unit
    direction: Direction
    comparison: str = Field(description="达标比较 / how the actual is compared: >=, >, <=, =")
    area_code: str
    period: str
    value: TargetNumber
    source: Literal["set", "catalogue"] = Field(
        description="set：县管理员设定；catalogue：方案默认目标 / set here, or the plan's default"
    )
    set_for: str | None = Field(
        default=None,
        description="所用设定值的期间（季度未单独设定时为全年 2026Q4）/ the period of the set"
        " target in force (a level target's year, 2026Q4, when its quarter has none of its own)",
    )
    version: int | None = Field(description="设定的目标的版本（ETag）/ the stored one's version")
    updated_at: datetime | None


class TargetList(BaseModel):
    items: list[TargetPublic]
    next_cursor: str | None = None


class ImportIssue(BaseModel):
    row: int = Field(description="Excel 中的行号（表头为第 1 行）/ row number as in Excel")
    field: str = Field(description="列名 / the column's header")
    message: str


class ImportRow(BaseModel):
    row: int
    action: Literal["create", "update", "unchanged", "error"]
    key: str = Field(description="指标代码/指标项/区划代码/期间 / the target's key")
    errors: list[ImportIssue] = Field(default_factory=list)


class ImportTotals(BaseModel):
    rows: int
    create: int = 0
    update: int = 0
    unchanged: int = 0
    error: int = 0


class TargetImportReport(BaseModel):
    dry_run: bool
    applied: bool = Field(description="是否已写入 / whether anything was written")
    totals: ImportTotals
    rows: list[ImportRow]
