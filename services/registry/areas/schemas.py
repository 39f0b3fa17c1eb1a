"""What the area API reads and answers."""

from datetime import datetime

from pydantic import BaseModel, Field

from kit.money import NonNegativeMoney
from kit.text import Name
from registry.models.vocab import AreaKind, AreaLevel, SizeClass

AREA_CODE_PATTERN = r"^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$"
CODE_DESCRIPTION = "统计用区划代码，2/4/6/9/12 位数字 / division code of 2, 4, 6, 9 or 12 digits"


class AreaFields(BaseModel):
    """What a person types about an area; level, parent and kind follow from the code."""

    name: Name = Field(max_length=60)
    edition: int = Field(ge=1980, le=2100, description="区划代码版本年份 / code table year")
    # 小/中/大村: villages only, and required for administrative villages (村委会).
    size_class: SizeClass | None = None


class AreaCreate(AreaFields):
    code: str = Field(pattern=AREA_CODE_PATTERN, description=CODE_DESCRIPTION)


class AreaUpdate(AreaFields):
    """A whole replacement of the area's own fields; its code never changes."""


class CollectiveIncomeIn(BaseModel):
    operating_income: NonNegativeMoney = Field(
        description="村级集体经济经营性收入（元）/ collective operating income, yuan"
    )


class CollectiveIncomePublic(CollectiveIncomeIn):
    year: int


class AreaPublic(AreaFields):
    code: str
    level: AreaLevel
    parent_code: str | None
    kind: AreaKind | None = Field(
        description="乡镇：街道/镇/乡/其他；村级：社区/行政村/其他 / township or village kind"
    )
    version: int
    updated_at: datetime
    collective_income: list[CollectiveIncomePublic] = Field(default_factory=list)
