from uuid import UUID

from pydantic import BaseModel, Field

from registry.password_policy import NewPassword


class TokenResponse(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int
    scope: str = ""
    # People's logins only (password and refresh_token grants); machines ask anew instead.
    refresh_token: str | None = None


class Me(BaseModel):
    subject: str
    name: str
    roles: list[str]
    area: str
    cadre_id: UUID | None
    scopes: list[str]


class Logout(BaseModel):
    refresh_token: str = Field(min_length=1, max_length=200)


class PasswordChange(BaseModel):
    current_password: str = Field(min_length=1, max_length=200)
    new_password: NewPassword


class Revocation(BaseModel):
    subject: str
    not_before_ms: int = Field(description="此前签发的令牌作废 / tokens issued before are refused")


class RevocationPage(BaseModel):
    """What changed since ``after``; ``keep_seconds``: how long an instant matters."""

    items: list[Revocation]
    next_cursor: str
    keep_seconds: int
