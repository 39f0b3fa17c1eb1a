"""``GET /v1/periods/default``: the periods the dashboard's screens open on."""

from fastapi import APIRouter

from indicators.defaults import service
from indicators.defaults.schemas import DefaultPeriods
from indicators.scope import Readers
from kit.db import SessionDep
from kit.pagination import AreaPrefixQuery
from kit.problems import PROBLEM_RESPONSES

router = APIRouter(tags=["indicators"])


@router.get(
    "/v1/periods/default",
    response_model=DefaultPeriods,
    summary="默认期间：有收入记录的最近季度、上一个完整月份、本月 / the periods screens open on",
    responses=PROBLEM_RESPONSES,
)
async def get_default_periods(
    session: SessionDep, principal: Readers, area: AreaPrefixQuery = None
) -> DefaultPeriods:
    return await service.default_periods(session, principal=principal, area_code=area)
