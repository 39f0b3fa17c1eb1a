"""``/v1/exports/…``: indicator tables, progress tables and rankings as XLSX or CSV."""

from typing import Annotated

from fastapi import APIRouter, Query, Response

from indicators.exports import service
from indicators.periods import PeriodQuery
from indicators.progress.schemas import TableName
from indicators.scope import Readers
from kit.db import SessionDep
from kit.downloads import TABLE_CONTENT, Format, download_response, write_table
from kit.pagination import AreaCodeQuery
from kit.problems import PROBLEM_RESPONSES

router = APIRouter(prefix="/v1/exports", tags=["indicators"])
DOWNLOAD = {**PROBLEM_RESPONSES, 200: {"content": TABLE_CONTENT}}


@router.get(
    "/indicator-values.{fmt}",
    summary="导出指标值表 / an indicator table",
    responses=DOWNLOAD,
    response_class=Response,
)
async def export_values(
    session: SessionDep,
    principal: Readers,
    fmt: Format,
    indicator: str,
    area: AreaCodeQuery,
    period: PeriodQuery,
    level: str | None = None,
) -> Response:
    table = await service.indicator_table(
        session, principal=principal, indicator=indicator, area=area, period=period, level=level
    )
    return download_response(write_table(table, fmt), fmt, f"指标_{indicator}_{area}_{period}")


@router.get(
    "/progress.{fmt}",
    summary="导出工作进度表 / a progress table",
    responses=DOWNLOAD,
    response_class=Response,
)
async def export_progress(
    session: SessionDep,
    principal: Readers,
    fmt: Format,
    table: TableName,
    area: AreaCodeQuery,
    year: Annotated[int, Query(ge=2000, le=2100)],
    level: str | None = None,
) -> Response:
    progress = await service.progress_rows(
        session, principal=principal, table=table, area=area, year=year, level=level
    )
    return download_response(write_table(progress, fmt), fmt, f"进度表_{table}_{area}_{year}")


@router.get(
    "/rankings.{fmt}",
    summary="导出排名 / a ranking",
    responses=DOWNLOAD,
    response_class=Response,
)
async def export_ranking(
    session: SessionDep,
    principal: Readers,
    fmt: Format,
    area: AreaCodeQuery,
    period: PeriodQuery,
    indicator: str | None = None,
    measure: str | None = None,
    set: str | None = None,
    level: str | None = None,
) -> Response:
    table = await service.ranking_rows(
        session,
        principal=principal,
        area=area,
        period=period,
        indicator=indicator,
        measure=measure,
        set_code=set,
        level=level,
    )
    return download_response(write_table(table, fmt), fmt, f"排名_{area}_{period}")
