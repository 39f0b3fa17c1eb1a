"""What the entity API reads and answers: the entity, and its yearly figures."""

from datetime import datetime
from uuid import UUID

from pydantic import BaseModel, Field

from kit.money import NonNegativeMoney
from kit.text import Name
from registry.credit_code import CreditCode
from registry.models.vocab import (
    EnterpriseLevel,
    EntityStatus,
    EntityType,
    Industry,
    QualityGrade,
)

VillageCode = Field(pattern=r"^\d{12}$", description="行政村 12 位代码 / 12-digit village code")


class EntityBase(BaseModel):
    name: Name = Field(max_length=100)
    type: EntityType
    # Only for leading enterprises (农业龙头企业), and required for them.
    enterprise_level: EnterpriseLevel | None = None
    credit_code: CreditCode | None = None
    village_code: str = VillageCode
    industry: Industry
    cultivated_year: int | None = Field(
        default=None, description="新培育年份 / year newly cultivated"
    )
    status: EntityStatus = EntityStatus.ACTIVE
    # 示范家庭农场 grade: family farms only.
    quality_grade: QualityGrade = QualityGrade.NONE
    nhl_member: bool = Field(default=False, description="农合联会员 / member of the 农合联")


class EntityCreate(EntityBase):
    pass


class EntityUpdate(EntityBase):
    """A whole replacement of the entity's own fields (its figures are written per year)."""


class FiguresIn(BaseModel):
    """An entity's figures for one year; leave out what does not apply."""

    jobs_created: int | None = Field(default=None, ge=0)
    online_sales: NonNegativeMoney | None = None
    processing_fees: NonNegativeMoney | None = None
    processing_workforce: int | None = Field(default=None, ge=0)
    members: int | None = Field(default=None, ge=0)
    farmers_linked: int | None = Field(default=None, ge=0)


class FiguresPublic(FiguresIn):
    year: int


class EntityPublic(EntityBase):
    id: UUID
    # As stored: an import may keep a code whose check character is wrong (reported as a warning).
    credit_code: str | None = None
    version: int
    created_at: datetime
    updated_at: datetime
    # 高质量: a family farm whose demonstration grade is county level or above.
    high_quality: bool
    figures: list[FiguresPublic] = Field(default_factory=list)
