"""``/v1/exports/…``: indicator tables, progress tables and rankings as XLSX or CSV, wide
tables with a title naming the period (without one asked: the latest quarter with income
records)."""

from typing import Annotated

from fastapi import APIRouter, Query, Response

from indicators.exports import service
from indicators.exports.progress_sheet import progress_sheet
from indicators.periods import PeriodFilterQuery
from indicators.progress.schemas import TableName
from indicators.scope import Readers
from kit.db import SessionDep
from kit.downloads import TABLE_CONTENT, Format, Table, download_response, write_table
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
    period: PeriodFilterQuery = None,
    level: str | None = None,
) -> Response:
    table = await service.indicator_table(
        session, principal=principal, indicator=indicator, area=area, period=period, level=level
    )
    return download_response(write_table(table, fmt), fmt, _name(table))


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
    period: PeriodFilterQuery = None,
    year: Annotated[
        int | None, Query(ge=2000, le=2100, description="无 period 时：该年最近有收入记录的季度")
    ] = None,
    level: str | None = None,
) -> Response:
    progress = await progress_sheet(
        session,
        principal=principal,
        table=table,
        area_code=area,
        period_text=period,
        year=year,
        level=level,
    )
    return download_response(write_table(progress, fmt), fmt, _name(progress))


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
    period: PeriodFilterQuery = None,
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
    return download_response(write_table(table, fmt), fmt, _name(table))


def _name(table: Table) -> str:
    """The file is named as its title: what, where and when."""
    head, _, tail = table.title.rpartition("（")  # the period, in the title's last brackets
    return f"{head}_{tail.removesuffix('）')}" if head else table.title
