"""What the user API reads and answers; a password goes in, a hash never comes out."""

from datetime import datetime
from typing import Annotated
from uuid import UUID

from pydantic import AfterValidator, BaseModel, Field

from kit.auth import PEOPLE_ROLES, Role
from kit.text import Name
from registry.areas.codes import ScopeCode
from registry.password_policy import NewPassword


def _people_roles(roles: list[Role]) -> list[Role]:
    # service and machine belong to machine clients (OAuth2 client credentials), not people.
    for role in roles:
        if role not in PEOPLE_ROLES:
            raise ValueError(f"{role} 不是人员角色 / {role} is a machine client's role")
    return sorted(set(roles))


PeopleRoles = Annotated[list[Role], Field(min_length=1), AfterValidator(_people_roles)]


class UserIn(BaseModel):
    username: str = Field(
        pattern=r"^[a-z0-9_.\-]{3,40}$",
        description="登录名：3–40 位小写字母、数字、_ . - / 3–40 of a-z 0-9 _ . -",
    )
    display_name: Name = Field(max_length=40)
    roles: PeopleRoles
    area_code: ScopeCode
    cadre_id: UUID | None = Field(default=None, description="角色含 cadre 时必填 / for cadres")
    active: bool = True


class UserCreate(UserIn):
    password: NewPassword


class UserUpdate(UserIn):
    """A whole replacement; the password is set through POST /v1/users/{id}/password."""


class PasswordReset(BaseModel):
    password: NewPassword


class UserPublic(UserIn):
    # What is stored, not what may be written: the first admin, made by an operator with
    # ``python -m registry create-admin``, has no area ("": everything).
    area_code: str = Field(
        description="数据范围；运维创建的首个管理员为空（全部）"
        " / data scope; '' for the first admin an operator made (everything)"
    )
    id: UUID
    version: int
    created_at: datetime
    updated_at: datetime
    locked_until: datetime | None = Field(
        default=None,
        description="登录失败过多而锁定到此时；未锁定为 null / locked out until then; null if not",
    )
