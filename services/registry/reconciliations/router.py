"""Reconciling the low-income roll: compare an uploaded roll with the registry, then apply."""

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, File, Form, Response, UploadFile

from kit.db import SessionDep
from kit.downloads import TABLE_CONTENT, template_response
from kit.problems import PROBLEM_RESPONSES, PayloadTooLarge, PreconditionFailed, problem_responses
from kit.tabular import read_upload
from registry.reconciliations import service
from registry.reconciliations.errors import ReportOutdated
from registry.reconciliations.schemas import Applied, ApplyForm, Finding, Report
from registry.scope import Writers

router = APIRouter(prefix="/v1/reconciliations/low-income", tags=["reconciliations"])

RollFile = Annotated[UploadFile, File(description="名册 XLSX 或 CSV / the roll, XLSX or CSV")]


@router.get(
    "/template.{fmt}",
    summary="低收入名册模板 / the roll's template",
    responses={**PROBLEM_RESPONSES, 200: {"content": TABLE_CONTENT}},
    response_class=Response,
)
async def template(fmt: Literal["xlsx", "csv"], principal: Writers) -> Response:
    return template_response(service.ROLL, fmt, "低收入农户名册")


@router.post(
    "",
    response_model=Report,
    summary="比对名册（不改动任何数据）/ compare a roll with the registry (changes nothing)",
    responses=problem_responses(PayloadTooLarge),
)
async def compare(session: SessionDep, principal: Writers, file: RollFile) -> Report:
    rows = await read_upload(file, service.ROLL)
    return await service.compare(session, principal=principal, rows=rows)


@router.post(
    "/apply",
    response_model=Applied,
    summary="应用比对结果（认定/退出/改类型）/ apply the report: recognise, exit, change subtype",
    responses=problem_responses(PayloadTooLarge, ReportOutdated, PreconditionFailed),
)
async def apply(
    session: SessionDep,
    principal: Writers,
    file: RollFile,
    fingerprint: Annotated[str, Form(description="比对结果中的 fingerprint / from the report")],
    changed_on: Annotated[date, Form(description="认定/退出日期 / the date it takes effect")],
    reason: Annotated[str, Form(min_length=2, max_length=200, description="依据 / the decision")],
    findings: Annotated[
        list[Finding] | None, Form(description="只应用这些类 / only these findings")
    ] = None,
) -> Applied:
    rows = await read_upload(file, service.ROLL)
    form = ApplyForm(fingerprint=fingerprint, changed_on=changed_on, reason=reason)
    if findings:
        form.findings = findings
    return await service.apply(session, principal=principal, rows=rows, form=form)
