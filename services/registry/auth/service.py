"""Login: names and passwords for people, client credentials for machines and services."""

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from kit.auth import Role
from kit.problems import Problem
from kit.tokens import SigningKey, issue
from registry.models import MachineClient, User
from registry.passwords import hash_secret, verify_secret
from registry.settings import RegistrySettings


class InvalidGrant(Problem):
    status, code, title = 400, "invalid-grant", "用户名或密码错误 / Wrong name or password"


class UnsupportedGrant(Problem):
    status, code, title = 400, "unsupported-grant-type", "不支持的授权方式 / Unsupported grant type"


def _claims(settings: RegistrySettings) -> dict[str, Any]:
    return {"iss": settings.token_issuer, "aud": settings.token_audience}


async def password_grant(
    *,
    session: AsyncSession,
    key: SigningKey,
    settings: RegistrySettings,
    username: str,
    password: str,
) -> tuple[str, int]:
    """A person's token: roles, area scope and, for a cadre, the cadre id."""
    user = await session.scalar(select(User).where(col(User.username) == username))
    valid = verify_secret(user.password_hash if user else None, password)
    if user is None or not valid or not user.active:
        raise InvalidGrant()
    ttl = settings.access_token_minutes * 60
    claims = {
        **_claims(settings),
        "sub": str(user.id),
        "name": user.display_name,
        "roles": user.roles,
        "area": user.area_code,
        "cadre_id": str(user.cadre_id) if user.cadre_id else None,
    }
    return issue(key, claims, ttl), ttl


async def client_credentials_grant(
    *,
    session: AsyncSession,
    key: SigningKey,
    settings: RegistrySettings,
    client_id: str,
    secret: str,
) -> tuple[str, int, str]:
    client = await session.get(MachineClient, client_id)
    valid = verify_secret(client.secret_hash if client else None, secret)
    if client is None or not valid or not client.active:
        raise InvalidGrant("客户端凭证无效 / invalid client credentials")
    ttl = settings.machine_token_minutes * 60
    claims = {
        **_claims(settings),
        "sub": f"client:{client.client_id}",
        "name": client.name,
        "roles": client.roles,
        "area": client.area_code,
        "scope": client.scopes,
    }
    return issue(key, claims, ttl), ttl, client.scopes


async def ensure_service_clients(session: AsyncSession, settings: RegistrySettings) -> None:
    """The other services' own clients; their secrets come from settings and follow them."""
    for name, secret in (
        ("assistance", settings.assistance_client_secret),
        ("indicators", settings.indicators_client_secret),
    ):
        client = await session.get(MachineClient, name)
        if client is None:
            client = MachineClient(client_id=name, name=f"{name} service", secret_hash="")
            session.add(client)
        if not verify_secret(client.secret_hash or None, secret):
            client.secret_hash = hash_secret(secret)
        client.roles, client.scopes, client.area_code = [Role.SERVICE], "feeds:read pii:read", ""
