"""Rankings and the stored weighted sets they may use."""

from datetime import datetime
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer

from kit.money import no_floats

Weight = Annotated[
    Decimal,
    BeforeValidator(no_floats),
    Field(gt=0, max_digits=8, decimal_places=4, examples=["0.3"]),
    PlainSerializer(lambda d: format(d.normalize(), "f"), return_type=str, when_used="json"),
]


class WeightedMeasure(BaseModel):
    model_config = ConfigDict(extra="forbid")

    indicator: str
    measure: str
    weight: Weight


class RankingSetPut(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=100, examples=["2026 年度乡镇考核"])
    items: list[WeightedMeasure] = Field(min_length=1, max_length=40)


class RankingSetPublic(RankingSetPut):
    model_config = ConfigDict(extra="ignore")

    code: str
    version: int
    updated_at: datetime


class RankingPart(BaseModel):
    indicator: str
    measure: str
    weight: str
    actual: str | None
    target: str | None
    score: str | None = Field(description="得分（%）/ this measure's score, in %")


class RankedArea(BaseModel):
    rank: int | None = Field(
        description="名次（同分同名次；无得分者无名次，列在最后）"
        " / the rank: equal scores share one; none without a score (listed last)"
    )
    area_code: str
    area_name: str
    score: str | None = Field(description="加权得分（%，四舍五入）/ weighted score in %")
    parts: list[RankingPart]


class Ranking(BaseModel):
    area_code: str
    period: str
    ranking_set: str | None
    items: list[RankedArea]
    computed_at: datetime
    read_model_updated_at: datetime | None
