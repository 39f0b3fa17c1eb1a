"""``GET /v1/progress``: the 工作进度表 of the farmer-income and low-income tables."""

from typing import Annotated

from fastapi import APIRouter, Query

from indicators.progress import service
from indicators.progress.schemas import ProgressTable, TableName
from indicators.scope import Readers
from kit.db import SessionDep
from kit.pagination import AreaCodeQuery
from kit.problems import PROBLEM_RESPONSES

router = APIRouter(tags=["indicators"])


@router.get(
    "/v1/progress",
    response_model=ProgressTable,
    summary="工作进度表：乡镇 × 季度 / a township × quarter progress table",
    responses=PROBLEM_RESPONSES,
)
async def get_progress(
    session: SessionDep,
    principal: Readers,
    table: Annotated[TableName, Query(description="farmer_income（农民增收）| low_income")],
    area: AreaCodeQuery,
    year: Annotated[int, Query(ge=2000, le=2100)],
    level: Annotated[str | None, Query(description="行的层级，默认下一级 / rows' level")] = None,
) -> ProgressTable:
    return await service.progress_table(
        session, principal=principal, table=table, area_code=area, year=year, level=level
    )
