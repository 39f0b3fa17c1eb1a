"""HTTP endpoints of visits (一月一走访)."""

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Request, Response, status

from assistance.months import MonthQuery
from assistance.scope import Readers, Writers
from assistance.visits import service
from assistance.visits.schemas import VisitIn, VisitPublic, VisitRead
from kit.clock import local_today
from kit.db import SessionDep
from kit.pagination import DEFAULT_LIMIT, AreaPrefixQuery, CursorQuery, LimitQuery, Page
from kit.problems import (
    EDIT_PROBLEMS,
    PROBLEM_RESPONSES,
    ConcurrentWrite,
    SameIdOtherBody,
    problem_responses,
)
from kit.versioning import IfMatch, set_etag

router = APIRouter(prefix="/v1/visits", tags=["visits"])


@router.get(
    "", response_model=Page[VisitRead], summary="走访列表 / visits", responses=PROBLEM_RESPONSES
)
async def list_visits(
    session: SessionDep,
    principal: Readers,
    household_id: UUID | None = None,
    cadre_id: UUID | None = None,
    village: AreaPrefixQuery = None,
    month: MonthQuery = None,
    flagged: Annotated[
        bool | None, Query(description="有无标记（离家过远或补录）/ far from home or late")
    ] = None,
    far_from_home: Annotated[
        bool | None, Query(description="离家过远（无定位者不计）/ GPS far from home")
    ] = None,
    late_entry: Annotated[bool | None, Query(description="补录 / recorded late")] = None,
    risk: Annotated[
        bool | None,
        Query(description="有风险标记（无权查看风险标记者 403）/ any risk flag (403 if hidden)"),
    ] = None,
    cursor: CursorQuery = None,
    limit: LimitQuery = DEFAULT_LIMIT,
) -> Page[VisitRead]:
    filters = service.VisitFilters(
        household_id, cadre_id, village, month, flagged, far_from_home, late_entry, risk
    )
    return await service.list_visits(
        session,
        principal=principal,
        filters=filters,
        today=local_today(),
        cursor=cursor,
        limit=limit,
    )


@router.get(
    "/{visit_id}",
    response_model=VisitRead,
    summary="一条走访 / a visit",
    responses=PROBLEM_RESPONSES,
)
async def get_visit(
    visit_id: UUID, session: SessionDep, principal: Readers, response: Response
) -> VisitRead:
    visit = await service.get_visit(
        session, principal=principal, visit_id=visit_id, today=local_today()
    )
    set_etag(response, visit.version)
    return visit


@router.put(
    "/{visit_id}",
    response_model=VisitPublic,
    status_code=status.HTTP_200_OK,
    summary="记录或修改走访 / log a visit (id made on the phone) or edit it with If-Match",
    description=(
        "不带 If-Match：新建（201），同一 id 同一内容再次提交返回已存的走访（200），内容不同 409。"
        "带 If-Match：按该版本整体修改（412 版本过期）。"
        " / Without If-Match: create (201); the same id and body again answers the stored visit "
        "(200), another body 409. With If-Match: replace the visit at that version (412 stale)."
    ),
    responses={
        **problem_responses(SameIdOtherBody, ConcurrentWrite, *EDIT_PROBLEMS),
        201: {"description": "新建 / created"},
    },
)
async def put_visit(
    visit_id: UUID,
    body: VisitIn,
    request: Request,
    session: SessionDep,
    principal: Writers,
    response: Response,
    if_match: IfMatch,
) -> VisitPublic:
    settings = request.app.state.settings
    if if_match is not None:
        visit = await service.update(
            session,
            principal=principal,
            visit_id=visit_id,
            data=body,
            if_match=if_match,
            settings=settings,
            today=local_today(),
        )
    else:
        visit, created = await service.create_or_return(
            session,
            principal=principal,
            visit_id=visit_id,
            data=body,
            settings=settings,
            today=local_today(),
        )
        if created:
            response.status_code = status.HTTP_201_CREATED
    set_etag(response, visit.version)
    return visit
