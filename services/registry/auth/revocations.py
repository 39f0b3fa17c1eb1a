"""The registry's side of revocation (kit.revocation): recording a subject's "not before"
instant, reading it for the registry's own requests, and listing recent ones for the other
services."""

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import col, select

from kit.db import insert_for
from kit.pagination import decode_cursor, encode_cursor
from kit.problems import invalid
from kit.revocation import now_ms
from registry.auth.schemas import Revocation, RevocationPage
from registry.models import TokenRevocation
from registry.settings import RegistrySettings

# A page read from a cursor goes back this far before it: an instant is stamped when its
# transaction writes it and is seen when it commits, so one stamped just before a poll may
# commit just after it. Answering an instant twice changes nothing.
OVERLAP_MS = 60_000


def keep_seconds(settings: RegistrySettings) -> int:
    """How long an instant matters: the longest life of an access token."""
    return max(settings.access_token_minutes, settings.machine_token_minutes) * 60


def user_subject(user_id: object) -> str:
    return str(user_id)


def client_subject(client_id: str) -> str:
    return f"client:{client_id}"


async def record(session: AsyncSession, subject: str) -> None:
    """From now on, refuse every access token of ``subject`` issued before now (in the
    caller's transaction: a change that is rolled back revokes nothing). One row per subject,
    so the table stays as small as the number of users and clients."""
    now = now_ms()
    insert = insert_for(session)(TokenRevocation).values(subject=subject, not_before_ms=now)
    await session.execute(
        insert.on_conflict_do_update(index_elements=["subject"], set_={"not_before_ms": now})
    )


async def since(
    session: AsyncSession, *, after: str | None, settings: RegistrySettings
) -> RevocationPage:
    """The instants recorded since the cursor (all that still matter without one)."""
    now = now_ms()
    oldest = now - keep_seconds(settings) * 1000
    if after:
        (value,) = decode_cursor(after, 1)
        try:
            oldest = max(oldest, int(value) - OVERLAP_MS)
        except ValueError as exc:
            raise invalid("after", "游标无效 / not a cursor this list gave", "cursor") from exc
    # What no longer matters goes (every token issued before it has expired).
    expired = now - keep_seconds(settings) * 1000
    await session.execute(
        delete(TokenRevocation).where(col(TokenRevocation.not_before_ms) < expired)
    )
    query = select(TokenRevocation).where(col(TokenRevocation.not_before_ms) >= oldest)
    rows = (await session.execute(query)).scalars().all()
    return RevocationPage(
        items=[Revocation(subject=r.subject, not_before_ms=r.not_before_ms) for r in rows],
        next_cursor=encode_cursor([now]),
        keep_seconds=keep_seconds(settings),
    )


class TableRevocations:
    """The registry's own requests read the table itself: no delay at all."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self.sessions = sessions

    async def not_before_ms(self, subject: str) -> int | None:
        async with self.sessions() as session:
            query = select(TokenRevocation.not_before_ms).where(
                col(TokenRevocation.subject) == subject
            )
            return (await session.execute(query)).scalar_one_or_none()
