"""What compliance answers."""

from enum import StrEnum

from pydantic import BaseModel, Field


class Level(StrEnum):
    CADRE = "cadre"
    VILLAGE = "village"  # a township officer's chart: their villages, not one township bar
    TOWNSHIP = "township"
    COUNTY = "county"


class ComplianceRow(BaseModel):
    key: str = Field(description="干部 id 或区划代码 / the cadre's id or the area code")
    name: str | None = Field(default=None, description="干部姓名 / the cadre's name")
    due: int = Field(description="应走访户数 / households due")
    visited: int = Field(description="已走访户数 / of them visited")
    rate: str | None = Field(
        description="走访率 visited ÷ due，四位小数（半数进位），无应走访时为 null"
        " / the share to 0.01 %, rounded half up; null when none are due"
    )


class CompliancePage(BaseModel):
    month: str
    level: Level
    reference_day: str
    items: list[ComplianceRow]
    total: ComplianceRow
