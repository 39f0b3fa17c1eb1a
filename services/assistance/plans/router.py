"""HTTP endpoints of assistance plans (帮扶计划): one per household and year."""

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Path, Query, Response, status

from assistance.plans import service
from assistance.plans.schemas import PlanIn, PlanPublic
from assistance.scope import Readers, Writers
from kit.clock import local_today
from kit.db import SessionDep
from kit.pagination import DEFAULT_LIMIT, AreaPrefixQuery, CursorQuery, LimitQuery, Page
from kit.problems import EDIT_PROBLEMS, PROBLEM_RESPONSES, problem_responses
from kit.versioning import IfMatch, set_etag

router = APIRouter(prefix="/v1/plans", tags=["plans"])

Year = Annotated[int, Path(ge=2000, le=2100, description="年度 / year")]


@router.get(
    "", response_model=Page[PlanPublic], summary="帮扶计划列表 / plans", responses=PROBLEM_RESPONSES
)
async def list_plans(
    session: SessionDep,
    principal: Readers,
    area: AreaPrefixQuery = None,
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
    household_id: UUID | None = None,
    has_main_measure: Annotated[
        bool | None, Query(description="是否已定主要帮扶措施 / has a main measure")
    ] = None,
    insured: Annotated[bool | None, Query(description="是否参加医疗补充保险 / insured")] = None,
    cursor: CursorQuery = None,
    limit: LimitQuery = DEFAULT_LIMIT,
) -> Page[PlanPublic]:
    filters = service.PlanFilters(area, year, household_id, has_main_measure, insured)
    return await service.list_plans(
        session,
        principal=principal,
        filters=filters,
        today=local_today(),
        cursor=cursor,
        limit=limit,
    )


@router.get(
    "/{household_id}/{year}",
    response_model=PlanPublic,
    summary="某户某年的帮扶计划 / a household's plan for a year",
    responses=PROBLEM_RESPONSES,
)
async def get_plan(
    household_id: UUID, year: Year, session: SessionDep, principal: Readers, response: Response
) -> PlanPublic:
    plan = await service.get_plan(
        session, principal=principal, household_id=household_id, year=year, today=local_today()
    )
    set_etag(response, plan.version)
    return plan


@router.put(
    "/{household_id}/{year}",
    response_model=PlanPublic,
    summary="制定或修改帮扶计划 / make or replace a household's plan for a year",
    description=(
        "尚无计划：新建（201）。已有计划：带 If-Match 整体替换（无 428，过期 412）；"
        "不带 If-Match 而内容相同，返回已存的计划（200）。"
        " / No plan yet: made (201). A plan there: replaced with If-Match (428 without, 412 "
        "stale); the same body again without If-Match answers the stored plan (200)."
    ),
    responses={**problem_responses(*EDIT_PROBLEMS), 201: {"description": "新建 / created"}},
)
async def put_plan(
    household_id: UUID,
    year: Year,
    body: PlanIn,
    session: SessionDep,
    principal: Writers,
    response: Response,
    if_match: IfMatch,
) -> PlanPublic:
    plan, created = await service.put_plan(
        session,
        principal=principal,
        household_id=household_id,
        year=year,
        data=body,
        if_match=if_match,
        today=local_today(),
    )
    if created:
        response.status_code = status.HTTP_201_CREATED
    set_etag(response, plan.version)
    return plan
