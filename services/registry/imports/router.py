"""Tabular imports: ``/v1/imports/{kind}`` with its templates."""

from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Query, Response, UploadFile

from kit.db import SessionDep
from kit.problems import PROBLEM_RESPONSES
from kit.tabular import MAX_BYTES, read_table, template_response
from registry.imports import service
from registry.imports.report import ImportReport
from registry.imports.service import KindName
from registry.scope import Writers

router = APIRouter(prefix="/v1/imports", tags=["imports"])

# What a template answers: the spreadsheet, or the CSV (UTF-8 with BOM).
TEMPLATE_TYPES: dict[str, Any] = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {},
    "text/csv": {},
}

TableFile = Annotated[UploadFile, File(description="按模板填写的 XLSX 或 CSV / XLSX or CSV")]


@router.get(
    "/{kind}/template.{fmt}",
    summary="导入模板（含说明页）/ the import template, with a notes sheet",
    responses={**PROBLEM_RESPONSES, 200: {"content": TEMPLATE_TYPES}},
    response_class=Response,
)
async def template(kind: KindName, fmt: Literal["xlsx", "csv"], principal: Writers) -> Response:
    spec = service.KINDS[kind]
    return template_response(spec.columns, fmt, spec.template_name)


@router.post(
    "/{kind}",
    response_model=ImportReport,
    summary="导入（默认试运行，不写入）/ import a table (a dry run unless dry_run=false)",
    responses=PROBLEM_RESPONSES,
)
async def run_import(
    session: SessionDep,
    principal: Writers,
    kind: KindName,
    file: TableFile,
    dry_run: Annotated[
        bool, Query(description="只检查不写入 / check only; false writes all or nothing")
    ] = True,
) -> ImportReport:
    # One byte over the limit is enough for read_table to refuse the file.
    spec = service.KINDS[kind]
    content = await file.read(MAX_BYTES + 1)
    rows = read_table(content, file.filename or "", spec.columns, max_rows=spec.max_rows)
    if dry_run:
        return await service.plan_import(session, principal, kind, rows)
    return await service.apply_import(session, principal, kind, rows)
