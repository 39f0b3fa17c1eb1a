"""``GET /v1/indicator-values`` and the explanation of a value (``…/members``)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from indicators.periods import MonthQuery, PeriodQuery
from indicators.scope import Readers
from indicators.values import service
from indicators.values.schemas import CoveredMember, IndicatorValues
from kit.auth import Principal, Role, require_roles
from kit.db import SessionDep
from kit.pagination import AreaCodeQuery, CursorQuery, LimitQuery, Page
from kit.problems import PROBLEM_RESPONSES

router = APIRouter(tags=["indicators"])
# Who may see which households a value was computed over: the people who keep that area.
Explainer = Annotated[Principal, Depends(require_roles(Role.COUNTY_ADMIN, Role.TOWNSHIP_OFFICER))]


@router.get(
    "/v1/indicator-values",
    response_model=IndicatorValues,
    summary="指标值：本区划及其下级 / an indicator for an area and the areas below it",
    responses=PROBLEM_RESPONSES,
)
async def list_values(
    session: SessionDep,
    principal: Readers,
    indicator: Annotated[str, Query(description="例如 I01_rural_income")],
    area: AreaCodeQuery,
    period: PeriodQuery,
    level: Annotated[
        str | None, Query(description="下级层级，默认下一级 / rows of this level below the area")
    ] = None,
    measure: Annotated[str | None, Query(description="只要一个分项 / one measure only")] = None,
    month: MonthQuery = None,
) -> IndicatorValues:
    items = await service.indicator_values(
        session,
        principal=principal,
        indicator_code=indicator,
        area_code=area,
        period_text=period,
        level=level,
        measure=measure,
        month=month,
    )
    return IndicatorValues(
        items=items, read_model_updated_at=await service.read_model_updated_at(session)
    )


@router.get(
    "/v1/indicator-values/{indicator}/{area}/{period}/members",
    response_model=Page[CoveredMember],
    summary="指标值的计算对象 / what a value was computed over",
    responses=PROBLEM_RESPONSES,
)
async def list_members(
    session: SessionDep,
    principal: Explainer,
    indicator: str,
    area: str,
    period: str,
    cursor: CursorQuery = None,
    limit: LimitQuery = 50,
    measure: Annotated[str | None, Query(description="默认第一个分项 / default the first")] = None,
    counted: Annotated[
        bool | None, Query(description="只要计入（或不计入）分子的 / only those counted (or not)")
    ] = None,
    month: MonthQuery = None,
) -> Page[CoveredMember]:
    return await service.covered_members(
        session,
        principal=principal,
        indicator_code=indicator,
        area_code=area,
        period_text=period,
        measure=measure,
        counted=counted,
        cursor=cursor,
        limit=limit,
        month=month,
    )
