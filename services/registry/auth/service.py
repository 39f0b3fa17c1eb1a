"""Login: names and passwords for people (with refresh tokens), client credentials for machines
and services.

A refused login is itself a write that must stick (the failure count, a revoked token family),
while the request's own session rolls back on the problem it answers; so the grants here run in
their own transaction and raise only once it is committed.
"""

import asyncio
import logging
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import col, select

from kit.auth import Principal, Role
from kit.db import utcnow
from kit.problems import Forbidden, Problem, invalid
from kit.tokens import SigningKey, issue
from kit.versioning import bump
from registry.auth import lockout, refresh, revocations
from registry.auth.errors import AccountDeactivated, InvalidGrant, InvalidRefresh, WrongPassword
from registry.auth.lockout import Refusal, UnknownNames
from registry.auth.schemas import PasswordChange
from registry.models import MachineClient, User
from registry.password_policy import weakness
from registry.passwords import hash_secret, needs_rehash, verify_secret
from registry.settings import RegistrySettings

Sessions = async_sessionmaker[AsyncSession]
log = logging.getLogger("fumin.registry.auth")


@dataclass(frozen=True)
class Grant:
    access_token: str
    expires_in: int
    refresh_token: str | None = None
    scope: str = ""


def _claims(settings: RegistrySettings) -> dict[str, Any]:
    return {"iss": settings.token_issuer, "aud": settings.token_audience}


def _person_grant(
    session: AsyncSession,
    key: SigningKey,
    settings: RegistrySettings,
    user: User,
    family_id: UUID | None = None,
) -> Grant:
    """A person's token from their record as it is now (roles, area scope, the cadre id), with
    a new refresh token."""
    ttl = settings.access_token_minutes * 60
    claims = {
        **_claims(settings),
        "sub": str(user.id),
        "name": user.display_name,
        "roles": user.roles,
        "area": user.area_code,
        "cadre_id": str(user.cadre_id) if user.cadre_id else None,
    }
    token = refresh.issue(session, user.id, settings, family_id)
    return Grant(issue(key, claims, ttl), ttl, refresh_token=token)


async def _refused(refusal: Refusal) -> Problem:
    await asyncio.sleep(refusal.delay)
    return refusal.problem


async def password_grant(
    *,
    sessions: Sessions,
    key: SigningKey,
    settings: RegistrySettings,
    unknown: UnknownNames,
    username: str,
    password: str,
) -> Grant:
    """A person's token and refresh token, unless the password is wrong or the account locked."""
    async with sessions.begin() as session:
        query = select(User).where(col(User.username) == username).with_for_update()
        user = (await session.execute(query)).scalars().first()
        outcome = _check_login(
            user, unknown.record(username) if user is None else user, password, settings
        )
        if outcome is None and user is not None:
            return _person_grant(session, key, settings, user)
    raise await _refused(outcome or Refusal(InvalidGrant()))


def _check_login(
    user: User | None, record: lockout.Lockable, password: str, settings: RegistrySettings
) -> Refusal | None:
    """None when the login may go ahead (counters reset, hash renewed if its parameters aged)."""
    now = utcnow()
    if seconds := lockout.locked_for(record, now):
        return Refusal(lockout.AccountLocked(seconds))
    # An unknown name is checked against a dummy hash, so it costs as long as a known one.
    valid = verify_secret(user.password_hash if user else None, password)
    if user is None or not valid:
        return lockout.fail(record, now, settings, InvalidGrant())
    if not user.active:
        return Refusal(InvalidGrant(), lockout.delay_for(user.failed_logins, settings))
    lockout.succeed(user)
    if needs_rehash(user.password_hash):
        user.password_hash = hash_secret(password)
    return None


async def refresh_grant(
    *, sessions: Sessions, key: SigningKey, settings: RegistrySettings, token: str
) -> Grant:
    """A new access token and a new refresh token for an unused, live refresh token."""
    async with sessions.begin() as session:
        outcome = await _rotate(session, key, settings, token)
    if isinstance(outcome, Problem):
        raise outcome
    return outcome


async def _rotate(
    session: AsyncSession, key: SigningKey, settings: RegistrySettings, token: str
) -> Grant | Problem:
    now = utcnow()
    row = await refresh.find(session, token)
    if row is None or row.revoked_at is not None or row.expires_at <= now:
        return InvalidRefresh()
    if row.used_at is not None:
        # Used before: a copy is in someone else's hands. End every session of this login.
        log.warning("refresh token reused; family %s revoked", row.family_id)
        await refresh.revoke_family(session, row.family_id, now)
        # Its access tokens too: whoever holds the copy may have refreshed already.
        await revocations.record(session, revocations.user_subject(row.user_id))
        return InvalidRefresh()
    user = await session.get(User, row.user_id)
    if user is not None and not user.active:
        return AccountDeactivated()
    if user is None or lockout.locked_for(user, now):
        return InvalidRefresh()
    row.used_at = now
    return _person_grant(session, key, settings, user, row.family_id)


async def logout(session: AsyncSession, *, token: str) -> None:
    """Revoke the family of ``token`` and the user's access tokens (other devices refresh
    theirs once); an unknown token is quietly the same (nothing to end)."""
    row = await refresh.find(session, token)
    if row is not None:
        await refresh.revoke_family(session, row.family_id, utcnow())
        await revocations.record(session, revocations.user_subject(row.user_id))


async def change_password(
    *,
    sessions: Sessions,
    principal: Principal,
    settings: RegistrySettings,
    data: PasswordChange,
) -> None:
    """The user's own new password; a wrong current one counts toward the lock."""
    user_id = _user_id(principal)
    async with sessions.begin() as session:
        user = await session.get(User, user_id, with_for_update=True)
        if user is None or not user.active:
            raise Forbidden("只有登录用户可以修改密码 / only a user may change their password")
        refusal = _check_current(user, data.current_password, settings)
        if refusal is None:
            _check_new_password(user, data)
            user.password_hash = hash_secret(data.new_password)
            bump(user)
            await refresh.revoke_user(session, user.id, utcnow())
            await revocations.record(session, revocations.user_subject(user.id))
            return
    raise await _refused(refusal)


def _user_id(principal: Principal) -> UUID:
    if principal.has(Role.MACHINE, Role.SERVICE):
        raise Forbidden("只有登录用户可以修改密码 / only a user may change their password")
    try:
        return UUID(principal.subject)
    except ValueError as exc:
        raise Forbidden("只有登录用户可以修改密码 / only a user may change their password") from exc


def _check_current(user: User, password: str, settings: RegistrySettings) -> Refusal | None:
    now = utcnow()
    if seconds := lockout.locked_for(user, now):
        return Refusal(lockout.AccountLocked(seconds))
    if not verify_secret(user.password_hash, password):
        return lockout.fail(user, now, settings, WrongPassword())
    lockout.succeed(user)
    return None


def _check_new_password(user: User, data: PasswordChange) -> None:
    # The schema checked the rules that need no username (registry.password_policy).
    if reason := weakness(data.new_password, user.username):
        raise invalid("new_password", reason, "weak_password")
    if data.new_password == data.current_password:
        raise invalid(
            "new_password",
            "新密码不能与当前密码相同 / must differ from the current one",
            "same_password",
        )


async def client_credentials_grant(
    *,
    sessions: Sessions,
    key: SigningKey,
    settings: RegistrySettings,
    client_id: str,
    secret: str,
) -> Grant:
    """A machine's or service's token for its client id and secret."""
    async with sessions.begin() as session:
        client = await session.get(MachineClient, client_id)
        valid = verify_secret(client.secret_hash if client else None, secret)
        if client is None or not valid or not client.active:
            raise InvalidGrant("客户端凭证无效 / invalid client credentials")
        client.last_used_at = utcnow()
    ttl = settings.machine_token_minutes * 60
    claims = {
        **_claims(settings),
        "sub": f"client:{client.client_id}",
        "name": client.name,
        "roles": client.roles,
        "area": client.area_code,
        "scope": client.scopes,
    }
    return Grant(issue(key, claims, ttl), ttl, scope=client.scopes)


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
