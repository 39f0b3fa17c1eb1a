"""Request and response shapes of households and their members."""

import re
from datetime import date, datetime
from typing import Annotated
from uuid import UUID

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from kit.text import Name, RequiredText
from registry.identity import IdNumber
from registry.models.vocab import (
    CategoryChangeKind,
    Employment,
    Health,
    HouseholdCategory,
    LabourAbility,
    LowIncomeSubtype,
    MonitoringType,
    Relation,
    Sex,
)

VillageCode = Annotated[
    str, Field(pattern=r"^\d{12}$", description="村级区划代码（12 位）/ village code, 12 digits")
]

_MOBILE = re.compile(r"1[3-9]\d{9}")
# Area code (0 and 2–3 digits) then a 7–8 digit number, e.g. 0578 1234567.
_LANDLINE = re.compile(r"0\d{2,3}\d{7,8}")


def _phone_digits(value: object) -> object:
    # People write 0578-1234567 or 138 1234 5678; the stored form is the digits alone.
    if isinstance(value, str):
        return re.sub(r"[\s\-()]", "", value) or None
    return value


def _phone(value: str) -> str:
    if not (_MOBILE.fullmatch(value) or _LANDLINE.fullmatch(value)):
        raise ValueError(
            "应为 11 位手机号或带区号的固定电话 / "
            "must be a mainland mobile (11 digits) or a landline with its area code"
        )
    return value


Phone = Annotated[str, BeforeValidator(_phone_digits), AfterValidator(_phone)]


class MemberIn(BaseModel):
    """A member as written; birth date and sex come from the ID number, never from input."""

    model_config = ConfigDict(extra="forbid")

    id: UUID | None = Field(default=None, description="已有成员的 id / an existing member's id")
    name: Name = Field(max_length=40)
    id_number: IdNumber
    relation: Relation
    resident: bool
    labour_ability: LabourAbility
    health: Health
    employment: Employment


class HouseholdIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    village_code: VillageCode
    category: HouseholdCategory
    low_income_subtype: LowIncomeSubtype | None = None
    monitoring_type: MonitoringType | None = None
    address: str = Field(default="", max_length=200)
    phone: Phone | None = None
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    members: list[MemberIn] = Field(min_length=1, max_length=40)
    category_changed_on: date | None = Field(
        default=None,
        description="认定/变更日期，默认今天 / date the category took effect, default today",
    )
    category_change_reason: str = Field(
        default="", max_length=200, description="类别变更原因 / why the category changed"
    )


class HouseholdCreate(HouseholdIn):
    pass


class HouseholdUpdate(HouseholdIn):
    """A whole replacement: members with an id are kept and updated, others added, the
    missing ones removed."""


class MemberPublic(BaseModel):
    id: UUID
    name: str
    id_number: str
    birth_date: date
    sex: Sex
    relation: Relation
    resident: bool
    labour_ability: LabourAbility
    health: Health
    employment: Employment


class HouseholdPhone(BaseModel):
    """The household's own phone, whole: for its cadre to call (each read audited)."""

    phone: str | None


class HouseholdPublic(BaseModel):
    id: UUID
    village_code: str
    category: HouseholdCategory
    low_income_subtype: LowIncomeSubtype | None
    monitoring_type: MonitoringType | None
    address: str
    phone: str | None
    latitude: float | None
    longitude: float | None
    head_name: str
    members: list[MemberPublic]
    version: int
    created_at: datetime
    updated_at: datetime


class CategoryChangePublic(BaseModel):
    id: UUID
    kind: CategoryChangeKind
    category: HouseholdCategory
    low_income_subtype: LowIncomeSubtype | None
    changed_on: date
    reason: str


class CategoryChangeCreate(BaseModel):
    """认定或退出：把农户转入新类别 / move a household into a category from a date."""

    model_config = ConfigDict(extra="forbid")

    category: HouseholdCategory
    low_income_subtype: LowIncomeSubtype | None = None
    changed_on: date = Field(description="认定/退出日期 / the date it takes effect")
    reason: RequiredText = Field(
        min_length=2, max_length=200, description="依据或原因 / the decision or reason"
    )
