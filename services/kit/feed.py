"""The change feed endpoint: ``GET /v1/feeds/<service>?after=<cursor>&limit=<n>``.

Events come in commit order (see kit.outbox). Other Fumin services read with a service token
and get every event whole; an outside machine client needs the ``feeds:read`` scope and gets
each event as the owning service masks it for that client (or not at all, outside its area).
"""

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel
from sqlalchemy import Table, select

from kit.auth import FEEDS_SCOPE, Principal, Role, current_principal
from kit.db import SessionDep
from kit.pagination import MAX_LIMIT, decode_cursor, encode_cursor
from kit.problems import PROBLEM_RESPONSES, Forbidden, invalid

# Given an event and the reader, answer what that reader may see of it (None: nothing).
Masker = Callable[[dict[str, Any], Principal], dict[str, Any] | None]


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
        raise invalid("cursor", "游标无效 / not a cursor this list gave") from exc


def feed_router(service: str, table: Table, mask: Masker) -> APIRouter:
    router = APIRouter(tags=["feed"])

    async def reader(principal: Annotated[Principal, Depends(current_principal)]) -> Principal:
        if principal.has(Role.SERVICE) or (
            principal.has(Role.MACHINE) and FEEDS_SCOPE in principal.scopes
        ):
            return principal
        raise Forbidden("读取变更流需要 feeds:read 权限 / the feed needs the feeds:read scope")

    @router.get(
        f"/v1/feeds/{service}",
        response_model=FeedPage,
        summary=f"{service} 变更流 / change feed",
        responses=PROBLEM_RESPONSES,
    )
    async def read_feed(
        session: SessionDep,
        principal: Annotated[Principal, Depends(reader)],
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
        last = rows[-1].seq if rows else after_seq
        return {"items": items, "next_cursor": encode_cursor([last])}

    return router
