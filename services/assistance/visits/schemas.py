"""What the visit API reads and answers."""

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Self, TypeVar
from uuid import UUID

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, model_validator

from kit.text import RequiredText


class VisitMode(StrEnum):
    IN_PERSON = "in_person"  # 入户走访
    PHONE = "phone"  # 电话
    VIDEO = "video"  # 视频


class RiskFlag(StrEnum):
    """Risks a visit may flag (防返贫监测); indicators raises alerts from them."""

    SERIOUS_ILLNESS = "serious_illness"  # 大病
    DISABILITY = "disability"  # 残疾
    DISASTER = "disaster"  # 灾害
    ACCIDENT = "accident"  # 意外事故
    JOB_LOSS = "job_loss"  # 失业
    OTHER = "other"  # 其他


PhotoId = Annotated[
    str, Field(pattern=r"^[0-9a-f]{64}$", description="照片 id（SHA-256）/ a photo's id")
]
Need = Annotated[RequiredText, Field(max_length=200)]
Note = Annotated[str, Field(max_length=2000)]


T = TypeVar("T")


def _once(values: list[T]) -> list[T]:
    """Each value once, in the order first given."""
    return list(dict.fromkeys(values))


class Observations(BaseModel):
    """What was seen (走访情况). ``health`` is sensitive: shown only to those entitled."""

    model_config = ConfigDict(extra="forbid")

    health: Note = Field(default="", description="健康 / health (sensitive)")
    income: Note = Field(default="", description="收入 / income")
    employment: Note = Field(default="", description="就业 / employment")
    housing: Note = Field(default="", description="住房 / housing")


class VisitIn(BaseModel):
    """A visit as the phone sends it; who made it and its flags are the service's to set."""

    model_config = ConfigDict(extra="forbid")

    household_id: UUID
    mode: VisitMode
    occurred_at: AwareDatetime = Field(description="走访时间（带时区）/ when it happened")
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    accuracy_m: float | None = Field(default=None, ge=0, description="定位精度（米）/ GPS accuracy")
    observations: Observations = Field(default_factory=Observations)
    needs_raised: list[Need] = Field(
        default_factory=list, max_length=20, description="诉求 / needs raised"
    )
    actions_taken: Note = Field(default="", description="已办事项 / what was done")
    actions_promised: Note = Field(default="", description="承诺事项 / what was promised")
    risk_flags: Annotated[list[RiskFlag], AfterValidator(_once)] = Field(
        default_factory=list, max_length=len(RiskFlag), description="风险标记（敏感）/ sensitive"
    )
    photo_ids: Annotated[list[PhotoId], AfterValidator(_once)] = Field(
        default_factory=list, max_length=20, description="先经 PUT /v1/attachments 上传"
    )
    backdate_reason: RequiredText | None = Field(
        default=None,
        min_length=2,
        max_length=200,
        description="补录原因：走访时间早于规定天数时必填 / why it is entered late",
    )

    @model_validator(mode="after")
    def _both_coordinates(self) -> Self:
        if (self.latitude is None) != (self.longitude is None):
            raise ValueError("latitude 与 longitude 须同时给出 / give both or neither")
        return self


class VisitFlags(BaseModel):
    """What an officer reviews a visit by (visits/flags.py says each rule)."""

    far_from_home: bool | None = Field(
        description="定位离农户登记位置过远；无定位或无登记位置时为 null"
        " / GPS far from the household's position; null without either"
    )
    distance_m: int | None = Field(description="离农户登记位置的距离（米）/ metres from it")
    late_entry: bool = Field(
        description="补录：记录晚于走访日超过规定天数，或已跨月"
        " / recorded days after the visit, or in a later month"
    )
    risk: bool | None = Field(
        default=None,
        description="有风险标记；无权查看风险标记时为 null / any risk flag; null when hidden",
    )


class ObservationsPublic(BaseModel):
    health: str | None = Field(description="无权查看时为 null / null when not entitled")
    income: str
    employment: str
    housing: str


class VisitPublic(BaseModel):
    id: UUID
    household_id: UUID
    cadre_id: UUID
    village_code: str
    mode: VisitMode
    occurred_at: datetime
    latitude: float | None
    longitude: float | None
    accuracy_m: float | None
    observations: ObservationsPublic
    needs_raised: list[str]
    actions_taken: str
    actions_promised: str
    risk_flags: list[RiskFlag] | None = Field(description="无权查看时为 null / null when hidden")
    photo_ids: list[str]
    backdate_reason: str | None
    flags: VisitFlags
    redacted: list[str] = Field(
        default_factory=list,
        description="因隐私省略的字段 / fields left out for this caller (sensitive)",
    )
    recorded_by: str
    version: int
    received_at: datetime = Field(description="到达服务的时间 / when it arrived")
    updated_at: datetime


class VisitRead(VisitPublic):
    """A visit as the lists and reads answer it: with the names an officer reads it by (from
    the registry copy; the village's name is the registry's, under /v1/areas)."""

    household_name: str | None = Field(description="户主姓名 / the head of the household")
    cadre_name: str | None = Field(description="帮扶干部姓名 / the visit's cadre")
