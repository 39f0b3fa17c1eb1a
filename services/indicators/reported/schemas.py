"""Reported values (figures other departments supply) as the API reads and answers them."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated
from uuid import UUID

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer

from indicators.catalogue.definitions import Unit
from kit.money import no_floats

ExactValue = Annotated[
    Decimal,
    BeforeValidator(no_floats),
    Field(ge=0, max_digits=20, decimal_places=4, examples=["41230.50"]),
    PlainSerializer(lambda d: format(d.normalize(), "f"), return_type=str, when_used="json"),
]


class ReportedValuePut(BaseModel):
    model_config = ConfigDict(extra="forbid")

    value: ExactValue = Field(description="按分项单位：元、个数、倍数 / in the measure's unit")
    source: str = Field(
        min_length=1, max_length=100, description="来源单位 / source, e.g. 县统计局"
    )
    reported_on: date = Field(description="填报/发布日期 / date reported")


class ReportedValuePublic(BaseModel):
    id: UUID
    indicator: str
    measure: str
    unit: Unit
    area_code: str
    period: str
    value: ExactValue
    source: str
    reported_on: date
    version: int
    updated_at: datetime
