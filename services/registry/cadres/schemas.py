"""What the cadre API reads and answers."""

from datetime import datetime
from typing import Annotated
from uuid import UUID

from pydantic import AfterValidator, BaseModel, Field

from kit.text import Name
from registry.households.schemas import Phone
from registry.models.vocab import CadreType

MAX_SKILL = 40


def _tidy_skills(skills: list[str]) -> list[str]:
    """Tags trimmed, blanks dropped, each kept once in the order first given."""
    tidy: list[str] = []
    for skill in (s.strip() for s in skills):
        if len(skill) > MAX_SKILL:
            raise ValueError(
                f"每个技能标签至多 {MAX_SKILL} 字 / a skill tag is at most {MAX_SKILL}"
            )
        if skill and skill not in tidy:
            tidy.append(skill)
    return tidy


Skills = Annotated[
    list[str],
    Field(max_length=30, description="技能标签 / skill tags"),
    AfterValidator(_tidy_skills),
]


class CadreIn(BaseModel):
    name: Name = Field(max_length=40)
    phone: Phone | None = None
    department_id: UUID = Field(description="所在单位 / department")
    type: CadreType
    skills: Skills = Field(default_factory=list)
    home_area_code: str = Field(
        pattern=r"^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$", description="所属区划 / home area"
    )
    active: bool = True


class CadreCreate(CadreIn):
    pass


class CadreUpdate(CadreIn):
    """A whole replacement; ``active: false`` deactivates the cadre."""


class CadreState(CadreIn):
    """The cadre aggregate as its events carry it."""

    phone: str | None = None  # as stored (masked in responses unless asked for whole)
    id: UUID
    version: int
    created_at: datetime
    updated_at: datetime


class CadrePublic(CadreState):
    linked_entity_id: UUID | None = Field(
        default=None,
        description="当前联系的主体（只读，见 /v1/cadre-entity-links）/ active linked entity",
    )
