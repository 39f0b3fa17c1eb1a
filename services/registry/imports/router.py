"""Tabular imports: ``/v1/imports/{kind}`` with its templates."""

import asyncio
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from kit.db import SessionDep
from kit.downloads import TABLE_CONTENT, template_response
from kit.problems import PROBLEM_RESPONSES, ConcurrentWrite, PayloadTooLarge, problem_responses
from kit.tabular import TableFile, read_upload
from registry.imports import service
from registry.imports.report import ImportReport
from registry.imports.service import KindName
from registry.scope import Writers

router = APIRouter(prefix="/v1/imports", tags=["imports"])


@router.get(
    "/{kind}/template.{fmt}",
    summary="导入模板（含说明页）/ the import template, with a notes sheet",
    responses={**PROBLEM_RESPONSES, 200: {"content": TABLE_CONTENT}},
    response_class=Response,
)
async def template(kind: KindName, fmt: Literal["xlsx", "csv"], principal: Writers) -> Response:
    spec = service.KINDS[kind]
    return template_response(spec.columns, fmt, spec.template_name)


@router.post(
    "/{kind}",
    response_model=ImportReport,
    summary="导入（默认试运行，不写入）/ import a table (a dry run unless dry_run=false)",
    responses=problem_responses(PayloadTooLarge, ConcurrentWrite),
)
async def run_import(
    session: SessionDep,
    principal: Writers,
    kind: KindName,
    file: TableFile,
    dry_run: Annotated[
        bool, Query(description="只检查不写入 / check only; false writes all or nothing")
    ] = True,
) -> Response:
    spec = service.KINDS[kind]
    rows = await read_upload(file, spec.columns, max_rows=spec.max_rows)
    if dry_run:
        report = await service.plan_import(session, principal=principal, kind=kind, rows=rows)
    else:
        report = await service.apply_import(session, principal=principal, kind=kind, rows=rows)
    # A report of 20,000 rows takes a second to serialise: off the event loop, like the reading.
    return Response(await asyncio.to_thread(report.model_dump_json), media_type="application/json")
