"""``/v1/reported-values``: figures other departments supply (#2 urban income, #11–#13)."""

from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from indicators.periods import PeriodFilterQuery
from indicators.reported import service
from indicators.reported.schemas import ReportedValuePublic, ReportedValuePut
from indicators.scope import CountyAdmin, Readers
from kit.db import SessionDep
from kit.pagination import AREA_CODE_PATTERN, CursorQuery, LimitQuery, Page
from kit.problems import EDIT_PROBLEMS, PROBLEM_RESPONSES, ConcurrentWrite, problem_responses
from kit.versioning import IfMatch, set_etag

router = APIRouter(tags=["indicators"])
# The values of one area (not those below it).
AreaFilterQuery = Annotated[
    str | None, Query(pattern=AREA_CODE_PATTERN, description="区划代码 / area code")
]


@router.get(
    "/v1/reported-values",
    response_model=Page[ReportedValuePublic],
    summary="填报值 / reported values",
    responses=PROBLEM_RESPONSES,
)
async def list_reported(
    session: SessionDep,
    principal: Readers,
    cursor: CursorQuery = None,
    limit: LimitQuery = 50,
    indicator: str | None = None,
    area: AreaFilterQuery = None,
    period: PeriodFilterQuery = None,
) -> Page[ReportedValuePublic]:
    return await service.list_values(
        session,
        principal=principal,
        indicator=indicator,
        area_code=area,
        period_text=period,
        cursor=cursor,
        limit=limit,
    )


@router.put(
    "/v1/reported-values/{indicator}/{measure}/{area}/{period}",
    response_model=ReportedValuePublic,
    summary="填报或更正 / report or correct a value",
    responses=problem_responses(ConcurrentWrite, *EDIT_PROBLEMS),
)
async def put_reported(
    session: SessionDep,
    principal: CountyAdmin,
    indicator: str,
    measure: str,
    area: str,
    period: str,
    body: ReportedValuePut,
    response: Response,
    if_match: IfMatch,
) -> ReportedValuePublic:
    state, created = await service.put_value(
        session,
        principal=principal,
        indicator=indicator,
        measure=measure,
        area_code=area,
        period_text=period,
        data=body,
        if_match=if_match,
    )
    if created:
        response.status_code = status.HTTP_201_CREATED
    set_etag(response, state.version)
    return state
