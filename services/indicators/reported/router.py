"""``/v1/reported-values``: figures other departments supply (#2 urban income, #11–#13)."""

from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from indicators.reported import service
from indicators.reported.schemas import ReportedValuePublic, ReportedValuePut
from indicators.scope import CountyAdmin, Readers
from kit.db import SessionDep
from kit.pagination import CursorQuery, LimitQuery, Page
from kit.problems import PROBLEM_RESPONSES
from kit.versioning import IfMatch, set_etag

router = APIRouter(tags=["indicators"])


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
    area: Annotated[str | None, Query(pattern=r"^\d{2,12}$")] = None,
    period: Annotated[str | None, Query(pattern=r"^\d{4}(Q[1-4])?$")] = None,
) -> Page[ReportedValuePublic]:
    items, next_cursor = await service.list_values(
        session,
        principal,
        indicator=indicator,
        area_code=area,
        period_text=period,
        cursor=cursor,
        limit=limit,
    )
    return Page(items=items, next_cursor=next_cursor)


@router.put(
    "/v1/reported-values/{indicator}/{measure}/{area}/{period}",
    response_model=ReportedValuePublic,
    summary="填报或更正 / report or correct a value",
    responses=PROBLEM_RESPONSES,
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
        principal,
        indicator=indicator,
        measure=measure,
        area_code=area,
        period_text=period,
        body=body,
        if_match=if_match,
    )
    if created:
        response.status_code = status.HTTP_201_CREATED
    set_etag(response, state.version)
    return state
