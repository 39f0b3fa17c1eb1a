"""The catalogue as the API shows it."""

from pydantic import BaseModel, Field

from indicators.catalogue.definitions import Direction, Kind, Unit


class TargetPublic(BaseModel):
    value: str
    comparison: str
    year: int | None
    grows: str | None = Field(
        default=None,
        description="该年之后每年按此增长率（%）递增 / yearly growth (%) after that year",
    )


class MeasurePublic(BaseModel):
    code: str
    name_zh: str
    name_en: str
    unit: Unit
    direction: Direction
    kind: Kind
    target: TargetPublic | None


class IndicatorPublic(BaseModel):
    number: int
    code: str
    name_zh: str
    name_en: str
    definition: str
    unit: Unit
    kind: Kind
    direction: Direction
    computed_now: bool  # False: not computed yet (#14 waits for part B)
    target: TargetPublic | None  # the first measure's
    measures: list[MeasurePublic]
