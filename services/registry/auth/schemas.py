from uuid import UUID

from pydantic import BaseModel


class TokenResponse(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int
    scope: str = ""


class Me(BaseModel):
    subject: str
    name: str
    roles: list[str]
    area: str
    cadre_id: UUID | None
    scopes: list[str]
