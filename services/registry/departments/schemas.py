"""What the department API reads and answers."""

from datetime import datetime
from uuid import UUID

from pydantic import BaseModel, Field

from kit.text import Name


class DepartmentIn(BaseModel):
    name: Name = Field(max_length=80, description="单位名称 / name, unique")
    area_code: str = Field(
        pattern=r"^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$", description="所属区划 / its area"
    )


class DepartmentCreate(DepartmentIn):
    pass


class DepartmentUpdate(DepartmentIn):
    """A whole replacement."""


class DepartmentPublic(DepartmentIn):
    id: UUID
    version: int
    created_at: datetime
    updated_at: datetime
