"""Refresh tokens: opaque, kept only as a sha256, replaced at each use (rotation).

The tokens one login leads to form a family; a token presented a second time means a copy is
in someone else's hands, so the whole family is revoked.
"""

import hashlib
import secrets
from datetime import datetime, timedelta
from uuid import UUID, uuid4

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from kit.db import utcnow
from registry.models import RefreshToken
from registry.settings import RegistrySettings


def digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def issue(
    session: AsyncSession, user_id: UUID, settings: RegistrySettings, family_id: UUID | None
) -> str:
    """A new token for ``user_id`` (a new family when none is given); only its hash is stored."""
    raw = secrets.token_urlsafe(32)
    now = utcnow()
    session.add(
        RefreshToken(
            family_id=family_id or uuid4(),
            user_id=user_id,
            token_hash=digest(raw),
            issued_at=now,
            expires_at=now + timedelta(days=settings.refresh_token_days),
        )
    )
    return raw


async def find(session: AsyncSession, raw: str) -> RefreshToken | None:
    """The stored token, locked: two uses racing each other are taken one after the other."""
    query = select(RefreshToken).where(col(RefreshToken.token_hash) == digest(raw))
    return (await session.execute(query.with_for_update())).scalars().first()


async def revoke_family(session: AsyncSession, family_id: UUID, now: datetime) -> None:
    await session.execute(
        update(RefreshToken)
        .where(col(RefreshToken.family_id) == family_id, col(RefreshToken.revoked_at).is_(None))
        .values(revoked_at=now)
    )


async def revoke_user(session: AsyncSession, user_id: UUID, now: datetime) -> None:
    """Every refresh token the user holds (a new password ends every session)."""
    await session.execute(
        update(RefreshToken)
        .where(col(RefreshToken.user_id) == user_id, col(RefreshToken.revoked_at).is_(None))
        .values(revoked_at=now)
    )
