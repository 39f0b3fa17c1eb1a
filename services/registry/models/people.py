from datetime import datetime
from uuid import UUID, uuid4

from sqlalchemy import BigInteger
from sqlmodel import Field

from kit.db import JSONType, UTCDateTime, utcnow
from registry.models.base import RegistryTable, Versioned


class Department(Versioned, table=True):
    """A unit cadres belong to (单位), e.g. 县农业农村局."""

    __tablename__ = "department"
    name: str = Field(max_length=80, unique=True)
    area_code: str = Field(foreign_key="area.code", index=True)


class Cadre(Versioned, table=True):
    __tablename__ = "cadre"
    name: str = Field(max_length=40)
    phone: str | None = Field(default=None, max_length=20)
    department_id: UUID | None = Field(default=None, foreign_key="department.id", index=True)
    type: str = Field(max_length=20)
    skills: list[str] = Field(default_factory=list, sa_type=JSONType)
    home_area_code: str = Field(foreign_key="area.code", index=True)
    active: bool = Field(default=True)


class User(Versioned, table=True):
    __tablename__ = "app_user"
    username: str = Field(max_length=40, unique=True)
    display_name: str = Field(max_length=40)
    password_hash: str = Field(max_length=200)
    roles: list[str] = Field(default_factory=list, sa_type=JSONType)
    area_code: str = Field(max_length=12)  # the data scope: an area code prefix
    cadre_id: UUID | None = Field(default=None, foreign_key="cadre.id", unique=True)
    active: bool = Field(default=True)
    # Login hardening: failures in a row, and until when the account is locked after too many.
    failed_logins: int = Field(default=0)
    locked_until: datetime | None = Field(default=None, sa_type=UTCDateTime)


class MachineClient(RegistryTable, table=True):
    """An OAuth2 client-credentials client: another Fumin service or an outside platform."""

    __tablename__ = "machine_client"
    client_id: str = Field(primary_key=True, max_length=60)
    name: str = Field(max_length=80)
    secret_hash: str = Field(max_length=200)
    roles: list[str] = Field(default_factory=list, sa_type=JSONType)
    scopes: str = Field(default="", max_length=200)
    area_code: str = Field(default="", max_length=12)
    active: bool = Field(default=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    last_used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class RefreshToken(RegistryTable, table=True):
    """A refresh token (only its hash is kept). Each use replaces it with a new one; a token used
    twice means it leaked, and the whole family is revoked."""

    __tablename__ = "refresh_token"
    id: UUID = Field(default_factory=uuid4, primary_key=True)
    family_id: UUID = Field(index=True)
    user_id: UUID = Field(foreign_key="app_user.id", index=True, ondelete="CASCADE")
    token_hash: str = Field(max_length=64, unique=True)
    issued_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class TokenRevocation(RegistryTable, table=True):
    """Access tokens of a subject (a user's id, ``client:<id>``) issued before ``not_before_ms``
    (epoch milliseconds, the wall clock tokens are stamped with) are refused by every service:
    logout, a new password, deactivation, a change of roles or area, a client revoked or given a
    new secret. Rows older than the longest access-token life mean nothing and are pruned."""

    __tablename__ = "token_revocation"
    subject: str = Field(primary_key=True, max_length=80)
    not_before_ms: int = Field(sa_type=BigInteger, index=True)
