"""Who is calling, and what they may see: the principal, role checks and the area scope.

Every service verifies the bearer token itself; nothing a proxy adds is trusted.
"""

from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Annotated, Any
from uuid import UUID

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.sql.elements import ColumnElement

from kit.problems import Forbidden, Unauthorized
from kit.revocation import refused
from kit.tokens import TokenError, TokenVerifier


class Role(StrEnum):
    COUNTY_ADMIN = "county_admin"
    TOWNSHIP_OFFICER = "township_officer"
    CADRE = "cadre"
    LEADER = "leader"
    MACHINE = "machine"  # an outside system, e.g. the provincial platform
    SERVICE = "service"  # another Fumin service


PEOPLE_ROLES = frozenset({Role.COUNTY_ADMIN, Role.TOWNSHIP_OFFICER, Role.CADRE, Role.LEADER})
PII_SCOPE = "pii:read"
FEEDS_SCOPE = "feeds:read"


class Scope(StrEnum):
    """What an outside platform's client may read (its token's ``scope``)."""

    HOUSEHOLDS_READ = "households:read"  # the registry's households, members, links (masked)
    VISITS_READ = "visits:read"  # the assistance records
    INDICATORS_READ = "indicators:read"  # indicator values, progress, rankings
    FEEDS_READ = FEEDS_SCOPE  # the change feeds, masked to the other scopes
    PII_READ = PII_SCOPE  # ID numbers and phones whole (each read audited)


@dataclass(frozen=True)
class Principal:
    subject: str
    roles: frozenset[str]
    area: str  # an area code prefix; "" means everywhere
    cadre_id: UUID | None = None
    scopes: frozenset[str] = field(default_factory=frozenset)
    name: str = ""

    def has(self, *roles: str) -> bool:
        return not self.roles.isdisjoint(roles)

    def covers(self, area_code: str | None) -> bool:
        return area_code is not None and area_code.startswith(self.area)

    def covers_or_is_above(self, area_code: str) -> bool:
        """Inside the caller's area, or one of the areas above it: how the registry shows
        departments (a county bureau to a township's officer)."""
        return self.covers(area_code) or self.area.startswith(area_code)

    def area_filter(self, column: Any) -> ColumnElement[bool]:
        """The scope as a WHERE clause, to put inside every query of scoped data."""
        return column.like(self.area + "%")

    @property
    def may_read_pii(self) -> bool:
        """May this caller ask for ID numbers and phones whole (each such read is audited)?"""
        if self.has(Role.SERVICE, Role.COUNTY_ADMIN, Role.TOWNSHIP_OFFICER, Role.CADRE):
            return True
        return self.has(Role.MACHINE) and PII_SCOPE in self.scopes

    @classmethod
    def from_claims(cls, claims: dict[str, Any]) -> "Principal":
        cadre_id = claims.get("cadre_id")
        return cls(
            subject=str(claims["sub"]),
            roles=frozenset(claims.get("roles", [])),
            area=str(claims.get("area", "")),
            cadre_id=UUID(cadre_id) if cadre_id else None,
            scopes=frozenset(str(claims.get("scope", "")).split()),
            name=str(claims.get("name", "")),
        )


_bearer = HTTPBearer(auto_error=False)


async def current_principal(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    if credentials is None:
        raise Unauthorized("请先登录 / a bearer token is required")
    verifier: TokenVerifier = request.app.state.verifier
    try:
        claims = await verifier.verify(credentials.credentials)
    except TokenError as exc:
        raise Unauthorized("凭证无效或已过期 / token invalid or expired") from exc
    # Ended since it was issued (logout, new password, deactivation, new role or area, client
    # revoked): refused here, on every service, within the bound docs/security.md states.
    if await refused(getattr(request.app.state, "revocations", None), claims):
        raise Unauthorized("凭证已失效，请重新登录 / token revoked; sign in again")
    principal = Principal.from_claims(claims)
    request.state.principal = principal  # whom the request's writes are logged under (kit.db)
    return principal


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]


def require_roles(
    *roles: str, machine_scope: str | None = None
) -> Callable[..., Coroutine[Any, Any, Principal]]:
    """A dependency letting through only callers holding one of ``roles``; an outside platform's
    client (``machine``, holding no other of the roles) also needs ``machine_scope``."""

    people = [role for role in roles if role != Role.MACHINE]

    async def dependency(principal: CurrentPrincipal) -> Principal:
        if not principal.has(*roles):
            raise Forbidden("你的角色不能执行此操作 / your role may not do this")
        only_machine = not principal.has(*people)
        if machine_scope and only_machine and machine_scope not in principal.scopes:
            raise Forbidden(
                f"客户端缺少授权范围 {machine_scope} / the client lacks the scope {machine_scope}",
                scope=machine_scope,
            )
        return principal

    return dependency
