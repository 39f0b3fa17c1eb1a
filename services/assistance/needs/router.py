"""HTTP endpoints of needs raised (诉求) and their closure (办结)."""

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query, Request, Response, status

from assistance.needs import service
from assistance.needs.schemas import NeedClose, NeedIn, NeedPublic, NeedStart, NeedStatus
from assistance.scope import Readers, Writers
from kit.clock import local_today
from kit.db import SessionDep
from kit.pagination import DEFAULT_LIMIT, CursorQuery, LimitQuery, Page
from kit.problems import PROBLEM_RESPONSES
from kit.versioning import IfMatch, set_etag

router = APIRouter(prefix="/v1/needs", tags=["needs"])


@router.get(
    "", response_model=Page[NeedPublic], summary="诉求列表 / needs", responses=PROBLEM_RESPONSES
)
async def list_needs(
    session: SessionDep,
    principal: Readers,
    household_id: UUID | None = None,
    visit_id: UUID | None = None,
    need_status: Annotated[NeedStatus | None, Query(alias="status")] = None,
    overdue: Annotated[
        bool | None, Query(description="未办结且已过期限 / not closed and past due")
    ] = None,
    area: Annotated[
        str | None, Query(pattern=r"^\d{1,12}$", description="区划代码前缀 / area code prefix")
    ] = None,
    cursor: CursorQuery = None,
    limit: LimitQuery = DEFAULT_LIMIT,
) -> dict[str, Any]:
    filters = service.NeedFilters(household_id, visit_id, need_status, overdue, area)
    items, next_cursor = await service.list_needs(
        session, principal, filters, local_today(), cursor=cursor, limit=limit
    )
    return {"items": items, "next_cursor": next_cursor}


@router.post(
    "",
    response_model=NeedPublic,
    status_code=status.HTTP_201_CREATED,
    summary="登记诉求 / record a need (走访中提出的随走访自动登记 / a visit's are made with it)",
    responses=PROBLEM_RESPONSES,
)
async def create_need(
    body: NeedIn, request: Request, session: SessionDep, principal: Writers, response: Response
) -> dict[str, Any]:
    need_days = request.app.state.settings.need_days
    need = await service.create(session, principal, body, need_days, local_today())
    set_etag(response, need["version"])
    response.headers["Location"] = f"/v1/needs/{need['id']}"
    return need


@router.get(
    "/{need_id}",
    response_model=NeedPublic,
    summary="一项诉求 / a need",
    responses=PROBLEM_RESPONSES,
)
async def get_need(
    need_id: UUID, session: SessionDep, principal: Readers, response: Response
) -> dict[str, Any]:
    need = await service.get_need(session, principal, need_id, local_today())
    set_etag(response, need["version"])
    return need


@router.post(
    "/{need_id}/start",
    response_model=NeedPublic,
    summary="开始办理 / start (open → in_progress), with If-Match",
    responses=PROBLEM_RESPONSES,
)
async def start_need(
    need_id: UUID,
    body: NeedStart,
    session: SessionDep,
    principal: Writers,
    response: Response,
    if_match: IfMatch,
) -> dict[str, Any]:
    need = await service.start(session, principal, need_id, body, if_match, local_today())
    set_etag(response, need["version"])
    return need


@router.post(
    "/{need_id}/close",
    response_model=NeedPublic,
    summary="办结 / close (in_progress → closed; a note is required), with If-Match",
    responses=PROBLEM_RESPONSES,
)
async def close_need(
    need_id: UUID,
    body: NeedClose,
    session: SessionDep,
    principal: Writers,
    response: Response,
    if_match: IfMatch,
) -> dict[str, Any]:
    need = await service.close(session, principal, need_id, body, if_match, local_today())
    set_etag(response, need["version"])
    return need
