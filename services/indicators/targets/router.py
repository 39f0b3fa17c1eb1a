"""``/v1/targets``: targets per indicator measure, area and period, and their import."""

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response, status

from indicators.periods import Period, PeriodQuery
from indicators.scope import CountyAdmin, Readers
from indicators.targets import imports, service
from indicators.targets.schemas import TargetImportReport, TargetList, TargetPublic, TargetPut
from kit.db import SessionDep
from kit.downloads import TABLE_CONTENT, template_response
from kit.pagination import AreaCodeQuery
from kit.problems import (
    EDIT_PROBLEMS,
    PROBLEM_RESPONSES,
    ConcurrentWrite,
    NotFound,
    PayloadTooLarge,
    problem_responses,
)
from kit.tabular import TableFile, read_upload
from kit.versioning import IfMatch, set_etag

router = APIRouter(tags=["indicators"])


@router.get(
    "/v1/targets",
    response_model=TargetList,
    summary="目标值：本区划及其下级 / targets in force for an area and the areas below it",
    responses=PROBLEM_RESPONSES,
)
async def list_targets(
    session: SessionDep,
    principal: Readers,
    area: AreaCodeQuery,
    period: PeriodQuery,
    indicator: str | None = None,
    level: Annotated[str | None, Query(description="下级层级 / the level below")] = None,
) -> TargetList:
    items = await service.list_targets(
        session,
        principal=principal,
        area_code=area,
        period_text=period,
        indicator=indicator,
        level=level,
    )
    return TargetList(items=items)


@router.get(
    "/v1/targets/template.{fmt}",
    summary="目标值导入模板 / the targets import template",
    responses={**PROBLEM_RESPONSES, 200: {"content": TABLE_CONTENT}},
    response_class=Response,
)
async def template(fmt: Literal["xlsx", "csv"], principal: CountyAdmin) -> Response:
    return template_response(imports.COLUMNS, fmt, imports.NAME)


@router.post(
    "/v1/targets/imports",
    response_model=TargetImportReport,
    summary="导入目标值（默认试运行）/ import targets (a dry run unless dry_run=false)",
    responses=problem_responses(PayloadTooLarge, ConcurrentWrite),
)
async def import_targets(
    session: SessionDep,
    principal: CountyAdmin,
    file: TableFile,
    dry_run: Annotated[
        bool, Query(description="只检查不写入 / check only; false writes all or nothing")
    ] = True,
) -> TargetImportReport:
    rows = await read_upload(file, imports.COLUMNS)
    if dry_run:
        planned = await imports.plan(session, principal=principal, rows=rows)
        return imports.report(planned, dry_run=True, applied=False)
    return await imports.apply(session, principal=principal, rows=rows)


@router.put(
    "/v1/targets/{indicator}/{measure}/{area}/{period}",
    response_model=TargetPublic,
    summary="设定或修改目标值 / set or change a target (If-Match to replace)",
    responses=problem_responses(ConcurrentWrite, *EDIT_PROBLEMS),
)
async def put_target(
    session: SessionDep,
    principal: CountyAdmin,
    indicator: str,
    measure: str,
    area: str,
    period: str,
    body: TargetPut,
    response: Response,
    if_match: IfMatch,
) -> TargetPublic:
    state, created = await service.write_target(
        session,
        principal=principal,
        indicator=indicator,
        measure_code=measure,
        area_code=area,
        period=Period.parse(period),
        value=body.value,
        if_match=if_match,
    )
    if created:
        response.status_code = status.HTTP_201_CREATED
    if state.version is not None:
        set_etag(response, state.version)
    return state


@router.delete(
    "/v1/targets/{indicator}/{measure}/{area}/{period}",
    response_model=TargetPublic,
    summary="恢复方案默认目标（If-Match）/ reset a target to the plan's default; answers the"
    " target now in force",
    responses=problem_responses(*EDIT_PROBLEMS),
)
async def reset_target(
    session: SessionDep,
    principal: CountyAdmin,
    indicator: str,
    measure: str,
    area: str,
    period: str,
    if_match: IfMatch,
) -> TargetPublic:
    state = await service.reset_target(
        session,
        principal=principal,
        indicator=indicator,
        measure_code=measure,
        area_code=area,
        period=Period.parse(period),
        if_match=if_match,
    )
    if state is None:  # a measure without a default: nothing is in force any more
        raise NotFound("该分项没有方案默认目标 / the measure has no default target")
    return state
