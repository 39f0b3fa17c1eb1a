"""The change feed endpoint: ``GET /v1/feeds/<service>?after=<cursor>&limit=<n>``.

Events come in commit order (see kit.outbox). Other Fumin services read with a service token
and get every event whole; an outside machine client needs the ``feeds:read`` scope and gets
each event as the owning service masks it for that client (or not at all, outside its area).
"""

from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel
from sqlalchemy import Table, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from kit.auth import FEEDS_SCOPE, Principal, Role, current_principal
from kit.db import SessionDep
from kit.pagination import MAX_LIMIT, decode_cursor, encode_cursor
from kit.problems import PROBLEM_RESPONSES, Forbidden, invalid

# Given an event and the reader, answer what that reader may see of it (None: nothing).
Masker = Callable[[dict[str, Any], Principal], dict[str, Any] | None]
# Called with the events an outside client is about to get, in the request's session: the
# owning service records whole reads of personal data there (registry.privacy).
FeedAudit = Callable[[AsyncSession, Principal, list[dict[str, Any]]], Awaitable[None]]


def client_may_see(event: dict[str, Any], principal: Principal, scope: str) -> bool:
    """May an outside client see this event at all? Only with ``scope`` (the scope that covers
    the aggregate: ``feeds:read`` alone opens the feed, not its contents) and only inside the
    client's area. An event without an area is shown only to a client of the whole province."""
    if scope not in principal.scopes:
        return False
    area_code = event.get("area_code")
    return principal.covers(area_code) if area_code is not None else not principal.area


class FeedEvent(BaseModel):
    id: str
    type: str
    aggregate: str
    aggregate_id: str
    version: int
    occurred_at: str
    data: dict[str, Any]


class FeedPage(BaseModel):
    items: list[FeedEvent]
    next_cursor: str


def event_json(row: Any) -> dict[str, Any]:
    return {
        "id": str(row.id),
        "type": row.type,
        "aggregate": row.aggregate,
        "aggregate_id": row.aggregate_id,
        "version": row.version,
        "occurred_at": row.occurred_at.isoformat(),
        "area_code": row.area_code,
        "data": row.data,
    }


def cursor_seq(cursor: str | None) -> int:
    if not cursor:
        return 0
    (value,) = decode_cursor(cursor, 1)
    try:
        return int(value)
    except ValueError as exc:  # well-formed but not ours: the client's mistake, not a 500
        raise invalid("cursor", "游标无效 / not a cursor this list gave", "cursor") from exc


async def feed_reader(principal: Annotated[Principal, Depends(current_principal)]) -> Principal:
    """Other Fumin services, and outside clients holding ``feeds:read`` (the feeds and the
    snapshots that go with them); people read the API itself."""
    if principal.has(Role.SERVICE) or (
        principal.has(Role.MACHINE) and FEEDS_SCOPE in principal.scopes
    ):
        return principal
    raise Forbidden(
        "读取变更流需要 feeds:read 权限 / the feed needs the feeds:read scope", scope=FEEDS_SCOPE
    )


FeedReader = Annotated[Principal, Depends(feed_reader)]


async def feed_position(session: AsyncSession, table: Table) -> str:
    """The feed cursor of the newest committed event: reading the feed ``after`` it gives
    exactly what commits from now on (kit.outbox: seq is handed out in commit order)."""
    last = await session.scalar(select(func.max(table.c.seq)))
    return encode_cursor([last or 0])


def feed_router(
    service: str, table: Table, mask: Masker, audit: FeedAudit | None = None
) -> APIRouter:
    router = APIRouter(tags=["feed"])

    @router.get(
        f"/v1/feeds/{service}",
        response_model=FeedPage,
        summary=f"{service} 变更流 / change feed",
        responses=PROBLEM_RESPONSES,
    )
    async def read_feed(
        session: SessionDep,
        principal: FeedReader,
        after: Annotated[str | None, Query(description="上次给出的 next_cursor")] = None,
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 200,
    ) -> dict[str, Any]:
        after_seq = cursor_seq(after)
        rows = (
            await session.execute(
                select(table).where(table.c.seq > after_seq).order_by(table.c.seq).limit(limit)
            )
        ).all()
        whole = principal.has(Role.SERVICE)
        items = []
        for row in rows:
            event = event_json(row)
            shown = event if whole else mask(event, principal)
            if shown is not None:
                shown.pop("area_code", None)
                items.append(shown)
        if audit is not None and not whole:
            await audit(session, principal, items)
        last = rows[-1].seq if rows else after_seq
        return {"items": items, "next_cursor": encode_cursor([last])}

    return router
