from datetime import date
from enum import StrEnum
from uuid import UUID

from pydantic import BaseModel, Field

from kit.text import RequiredText
from registry.models.vocab import HouseholdCategory, LowIncomeSubtype


class Finding(StrEnum):
    MISSING = "missing"  # on the roll, in the registry but not low-income: recognise (认定)
    EXTRA = "extra"  # low-income in the registry, not on the roll: exit (退出)
    DIFFERENT = "different"  # on both, but the subtype differs: change it
    UNREGISTERED = "unregistered"  # on the roll, nobody in the caller's area has the ID number


class Difference(BaseModel):
    finding: Finding
    row: int | None = Field(description="名册中的行号 / the row in the roll, if on it")
    head_name: str
    id_number: str = Field(description="已脱敏 / masked")
    household_id: UUID | None = None
    household_version: int | None = None
    village_code: str | None = None
    registry_category: HouseholdCategory | None = None
    registry_subtype: LowIncomeSubtype | None = None
    roll_subtype: LowIncomeSubtype | None = None
    applicable: bool = Field(description="可直接应用 / the apply step will make this change")
    note: str = ""


class RowError(BaseModel):
    row: int
    field: str
    message: str


class Report(BaseModel):
    """名册比对结果 / what differs between an uploaded roll and the registry."""

    roll_rows: int
    matched: int = Field(description="一致 / on both, the same")
    outside_scope: int = Field(
        description="名册所填村不在你管辖范围、未比对 / the roll's village is outside your "
        "area, skipped"
    )
    counts: dict[Finding, int]
    differences: list[Difference]
    errors: list[RowError]
    fingerprint: str = Field(
        description="应用时原样带回；登记库变了就须重新比对 / send back to apply; changes if the "
        "registry moved meanwhile"
    )


class Applied(BaseModel):
    changed: int
    counts: dict[Finding, int]
    changed_on: date
    household_ids: list[UUID]


class ApplyForm(BaseModel):
    fingerprint: str
    changed_on: date
    reason: RequiredText = Field(min_length=2, max_length=200)
    findings: list[Finding] = Field(
        default_factory=lambda: [Finding.MISSING, Finding.EXTRA, Finding.DIFFERENT]
    )
