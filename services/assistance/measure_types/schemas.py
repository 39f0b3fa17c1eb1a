"""What the measure-type API reads and answers."""

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from assistance.measure_types.catalogue import Action
from kit.text import Name

Code = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{1,39}$", description="代码 / code")]


class MeasureTypeIn(BaseModel):
    """A main measure of the county's catalogue; its action follows from ``measure_no``."""

    model_config = ConfigDict(extra="forbid")

    name_zh: Name = Field(max_length=40, description="中文名称 / Chinese name")
    name_en: Name = Field(max_length=80, description="英文名称 / English name")
    measure_no: int = Field(
        ge=1, le=15, description="方案十五条举措之编号 / the plan's measure 1–15"
    )
    active: bool = Field(default=True, description="停用后不能再选 / inactive: no longer chosen")
    sort_order: int = Field(default=0, ge=0, le=10_000)


class MeasureTypePublic(BaseModel):
    code: str
    name_zh: str
    name_en: str
    measure_no: int
    measure_name_zh: str = Field(description="举措名称 / the numbered measure's name")
    measure_name_en: str
    action: Action = Field(description="四大行动之一 / one of the plan's four actions")
    action_name_zh: str
    action_name_en: str
    active: bool
    sort_order: int
    version: int


class MeasureTypeList(BaseModel):
    items: list[MeasureTypePublic]
