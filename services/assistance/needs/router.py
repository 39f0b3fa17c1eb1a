"""HTTP endpoints of needs raised (诉求) and their closure (办结)."""

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Request, Response, status

from assistance.needs import service
from assistance.needs.errors import NeedAlreadyStarted, NeedClosed, NeedNotStarted
from assistance.needs.schemas import (
    NeedClose,
    NeedIn,
    NeedOrder,
    NeedPublic,
    NeedStart,
    NeedStatus,
)
from assistance.scope import Readers, Writers
from kit.clock import local_today
from kit.db import SessionDep
from kit.pagination import DEFAULT_LIMIT, AreaPrefixQuery, CursorQuery, LimitQuery, Page
from kit.problems import EDIT_PROBLEMS, PROBLEM_RESPONSES, problem_responses
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
    area: AreaPrefixQuery = None,
    order: Annotated[
        NeedOrder,
        Query(description="due：期限最近的在前（默认）；raised：最新提出的在前 / sort order"),
    ] = NeedOrder.DUE,
    cursor: CursorQuery = None,
    limit: LimitQuery = DEFAULT_LIMIT,
) -> Page[NeedPublic]:
    filters = service.NeedFilters(household_id, visit_id, need_status, overdue, area, order)
    return await service.list_needs(
        session,
        principal=principal,
        filters=filters,
        today=local_today(),
        cursor=cursor,
        limit=limit,
    )


@router.post(
    "",
    response_model=NeedPublic,
    status_code=status.HTTP_201_CREATED,
    summary="登记诉求 / record a need (走访中提出的随走访自动登记 / a visit's are made with it)",
    responses=PROBLEM_RESPONSES,
)
async def create_need(
    body: NeedIn, request: Request, session: SessionDep, principal: Writers, response: Response
) -> NeedPublic:
    need = await service.create(
        session,
        principal=principal,
        data=body,
        need_days=request.app.state.settings.need_days,
        today=local_today(),
    )
    set_etag(response, need.version)
    response.headers["Location"] = f"/v1/needs/{need.id}"
    return need


@router.get(
    "/{need_id}",
    response_model=NeedPublic,
    summary="一项诉求 / a need",
    responses=PROBLEM_RESPONSES,
)
async def get_need(
    need_id: UUID, session: SessionDep, principal: Readers, response: Response
) -> NeedPublic:
    need = await service.get_need(
        session, principal=principal, need_id=need_id, today=local_today()
    )
    set_etag(response, need.version)
    return need


@router.post(
    "/{need_id}/start",
    response_model=NeedPublic,
    summary="开始办理 / start (open → in_progress), with If-Match",
    responses=problem_responses(NeedAlreadyStarted, NeedClosed, *EDIT_PROBLEMS),
)
async def start_need(
    need_id: UUID,
    body: NeedStart,
    session: SessionDep,
    principal: Writers,
    response: Response,
    if_match: IfMatch,
) -> NeedPublic:
    need = await service.start(
        session,
        principal=principal,
        need_id=need_id,
        data=body,
        if_match=if_match,
        today=local_today(),
    )
    set_etag(response, need.version)
    return need


@router.post(
    "/{need_id}/close",
    response_model=NeedPublic,
    summary="办结 / close (in_progress → closed; a note is required), with If-Match",
    responses=problem_responses(NeedNotStarted, NeedClosed, *EDIT_PROBLEMS),
)
async def close_need(
    need_id: UUID,
    body: NeedClose,
    session: SessionDep,
    principal: Writers,
    response: Response,
    if_match: IfMatch,
) -> NeedPublic:
    need = await service.close(
        session,
        principal=principal,
        need_id=need_id,
        data=body,
        if_match=if_match,
        today=local_today(),
    )
    set_etag(response, need.version)
    return need
