from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from kit.auth import Scope
from kit.text import Name
from registry.areas.codes import ScopeCode


class ClientCreate(BaseModel):
    """An outside platform's client (e.g. the province's): what it may read, and where."""

    model_config = ConfigDict(extra="forbid")

    name: Name = Field(min_length=2, max_length=80, description="平台名称 / the platform's name")
    scopes: list[Scope] = Field(min_length=1, description="可读范围 / what it may read")
    area_code: ScopeCode


class ClientPublic(BaseModel):
    client_id: str
    name: str
    scopes: list[str]
    area_code: str
    service: bool = Field(description="Fumin 自身服务的客户端 / one of Fumin's own services")
    active: bool
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class ClientWithSecret(ClientPublic):
    client_secret: str = Field(
        description="只显示这一次，请立即保存 / shown this once only; store it now"
    )
