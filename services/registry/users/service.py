"""Users: people's logins, managed by county admins within their own area. Users are not
shared with other services, so their writes record no events."""

import logging
from dataclasses import dataclass
from uuid import UUID

from sqlalchemy import func, or_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col, select

from kit.auth import Principal, Role
from kit.db import utcnow
from kit.pagination import Page, paginate
from kit.problems import invalid
from kit.versioning import bump, bump_if_match
from registry.aggregates import get_visible
from registry.areas.service import check_scope_area
from registry.auth import refresh, revocations
from registry.json_lists import holds
from registry.models import Cadre, User
from registry.password_policy import weakness
from registry.passwords import hash_secret
from registry.users import errors
from registry.users.schemas import UserCreate, UserIn, UserPublic

log = logging.getLogger("fumin.registry.users")


@dataclass(frozen=True)
class UserFilters:
    role: Role | None = None
    area: str | None = None  # an area code prefix
    active: bool | None = None
    q: str | None = None  # part of the username or display name
    locked: bool | None = None  # locked out by failed logins now


def visible_users(principal: Principal) -> list[ColumnElement[bool]]:
    return [principal.area_filter(col(User.area_code))]


def to_public(user: User) -> UserPublic:
    fields = user.model_dump(exclude={"password_hash"})
    if user.locked_until is not None and user.locked_until <= utcnow():
        fields["locked_until"] = None  # an expired lock is no lock
    return UserPublic.model_validate(fields)


async def list_users(
    session: AsyncSession,
    *,
    principal: Principal,
    filters: UserFilters,
    cursor: str | None,
    limit: int,
) -> Page[UserPublic]:
    """The users of the caller's area that match ``filters``, by username."""
    query = select(User).where(*visible_users(principal))
    if filters.area:
        query = query.where(col(User.area_code).startswith(filters.area, autoescape=True))
    if filters.active is not None:
        query = query.where(col(User.active) == filters.active)
    if filters.q:
        needle = filters.q.lower()
        query = query.where(
            or_(
                col(User.username).contains(needle, autoescape=True),
                func.lower(col(User.display_name)).contains(needle, autoescape=True),
            )
        )
    if filters.role is not None:
        query = query.where(holds(session, col(User.roles), filters.role))
    if filters.locked is not None:
        locked = col(User.locked_until) > utcnow()
        query = query.where(locked if filters.locked else or_(~locked, locked.is_(None)))
    keys = [col(User.username), col(User.id)]
    rows, next_cursor = await paginate(session, query, keys, cursor=cursor, limit=limit)
    return Page(items=[to_public(row) for row in rows], next_cursor=next_cursor)


async def get_user(session: AsyncSession, *, principal: Principal, user_id: UUID) -> UserPublic:
    """One user of the caller's area."""
    return to_public(await get_visible(session, User, user_id, *visible_users(principal)))


async def _check_cadre(
    session: AsyncSession, principal: Principal, data: UserIn, user_id: UUID | None
) -> None:
    """A cadre user names their cadre record (in the admin's area, not someone else's login);
    nobody else names one."""
    if Role.CADRE not in data.roles:
        if data.cadre_id is not None:
            raise invalid("cadre_id", "只有干部角色关联干部 / only cadre users name a cadre")
        return
    if data.cadre_id is None:
        raise invalid("cadre_id", "干部角色须关联干部 / a cadre user needs their cadre_id")
    cadre = await session.get(Cadre, data.cadre_id)
    if cadre is None or not principal.covers(cadre.home_area_code):
        raise invalid("cadre_id", f"干部 {data.cadre_id} 不存在 / no such cadre in your area")
    query = select(User).where(col(User.cadre_id) == data.cadre_id)
    if user_id is not None:
        query = query.where(col(User.id) != user_id)
    holder = (await session.execute(query)).scalars().first()
    if holder is not None:
        raise errors.cadre_has_user(data.cadre_id, holder.id, holder.username)


async def _check_username(session: AsyncSession, username: str, user_id: UUID | None) -> None:
    query = select(User).where(col(User.username) == username)
    if user_id is not None:
        query = query.where(col(User.id) != user_id)
    holder = (await session.execute(query)).scalars().first()
    if holder is not None:
        raise errors.duplicate_username(username, holder.id)


async def _check(
    session: AsyncSession, principal: Principal, data: UserIn, user_id: UUID | None
) -> None:
    await check_scope_area(session, principal, data.area_code)
    await _check_cadre(session, principal, data, user_id)
    await _check_username(session, data.username, user_id)


def _check_password(password: str, username: str) -> None:
    """The schema checked the rules that need no username; this one does."""
    if reason := weakness(password, username):
        raise invalid("password", reason, "weak_password")


def _apply(user: User, data: UserIn) -> None:
    user.username, user.display_name = data.username, data.display_name
    user.roles = [str(role) for role in data.roles]
    user.area_code, user.cadre_id, user.active = data.area_code, data.cadre_id, data.active


async def create_user(
    session: AsyncSession, *, principal: Principal, data: UserCreate
) -> UserPublic:
    """Add a login in the admin's area."""
    _check_password(data.password, data.username)
    await _check(session, principal, data, None)
    user = User(
        username=data.username,
        display_name=data.display_name,
        password_hash=hash_secret(data.password),
        area_code=data.area_code,
    )
    _apply(user, data)
    session.add(user)
    await session.flush()
    return to_public(user)


async def update_user(
    session: AsyncSession,
    *,
    principal: Principal,
    user_id: UUID,
    data: UserIn,
    if_match: str | None,
) -> UserPublic:
    """Replace a user's name, roles, area and cadre, at the version the caller read."""
    user = await get_visible(session, User, user_id, *visible_users(principal), for_update=True)
    bump_if_match(user, if_match)
    await _check(session, principal, data, user.id)
    before = (user.active, sorted(user.roles), user.area_code, user.cadre_id)
    _apply(user, data)
    if before != (user.active, sorted(user.roles), user.area_code, user.cadre_id):
        # Deactivated, or what the token says (roles, area scope, cadre) changed: the old tokens
        # go, and a refresh gives the new ones (or nothing, when deactivated).
        await revocations.record(session, revocations.user_subject(user.id))
    await session.flush()
    return to_public(user)


async def reset_password(
    session: AsyncSession,
    *,
    principal: Principal,
    user_id: UUID,
    password: str,
    if_match: str | None,
) -> UserPublic:
    """Set a new password (If-Match checked when sent: a reset does not depend on the rest)."""
    user = await get_visible(session, User, user_id, *visible_users(principal), for_update=True)
    if if_match is None:
        bump(user)
    else:
        bump_if_match(user, if_match)
    _check_password(password, user.username)
    user.password_hash = hash_secret(password)
    # A reset is how a locked-out person gets back in, and ends every session they had.
    user.failed_logins, user.locked_until = 0, None
    await refresh.revoke_user(session, user.id, utcnow())
    await revocations.record(session, revocations.user_subject(user.id))
    await session.flush()
    return to_public(user)


async def unlock(session: AsyncSession, *, principal: Principal, user_id: UUID) -> UserPublic:
    """End a user's lock from failed logins (and forget the failures); the password stays."""
    user = await get_visible(session, User, user_id, *visible_users(principal), for_update=True)
    if user.locked_until is not None or user.failed_logins:
        log.info("user %s unlocked by %s", user.username, principal.subject)
    user.failed_logins, user.locked_until = 0, None
    await session.flush()
    return to_public(user)
