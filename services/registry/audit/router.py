"""/v1/audit: the audit log of whole reads of personal data and other acts (county admins).

Only the county admin reads the log, and sees all of it: entries carry no area (a whole read by
a township officer is about their own township's records anyway), and one install serves one
county. Listing is not audited; exporting is (action ``export_audit``).
"""

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import StreamingResponse
from pydantic import AwareDatetime

from kit.clock import local_today
from kit.db import SessionDep
from kit.pagination import DEFAULT_LIMIT, CursorQuery, LimitQuery, Page
from kit.problems import PROBLEM_RESPONSES
from registry.audit import service
from registry.audit.schemas import AuditEntryPublic, AuditFilters
from registry.scope import Admins

router = APIRouter(prefix="/v1/audit", tags=["audit"])


def audit_filters(
    subject: Annotated[str | None, Query(max_length=64, description="用户 / who")] = None,
    resource: Annotated[
        str | None, Query(max_length=40, description="对象类型 / e.g. household")
    ] = None,
    resource_id: Annotated[str | None, Query(max_length=64, description="对象编号 / id")] = None,
    action: Annotated[
        str | None, Query(max_length=40, description="操作 / e.g. read_unmasked")
    ] = None,
    since: Annotated[
        AwareDatetime | None, Query(alias="from", description="起（含）/ from, inclusive")
    ] = None,
    until: Annotated[
        AwareDatetime | None, Query(alias="to", description="止（不含）/ to, exclusive")
    ] = None,
) -> AuditFilters:
    return AuditFilters(subject, resource, resource_id, action, since, until)


Filters = Annotated[AuditFilters, Depends(audit_filters)]


@router.get(
    "",
    response_model=Page[AuditEntryPublic],
    summary="审计记录（新的在前）/ audit log, newest first",
    responses=PROBLEM_RESPONSES,
)
async def list_audit(
    session: SessionDep,
    principal: Admins,
    filters: Filters,
    limit: LimitQuery = DEFAULT_LIMIT,
    cursor: CursorQuery = None,
) -> Page[AuditEntryPublic]:
    return await service.list_entries(session, filters=filters, cursor=cursor, limit=limit)


@router.get(
    "/export.csv",
    response_class=StreamingResponse,
    summary="导出审计记录（CSV，本身留审计记录）/ export the audit log as CSV (audited)",
    responses={**PROBLEM_RESPONSES, 200: {"content": {"text/csv": {}}}},
)
async def export_audit(
    request: Request,
    session: SessionDep,
    principal: Admins,
    filters: Filters,
    reason: Annotated[str, Query(max_length=200, description="导出原因 / why it is exported")] = "",
) -> StreamingResponse:
    entry = service.record_export(
        session, principal=principal, filters=filters, reason=reason.strip()
    )
    # The request's session commits the entry before the body streams, on sessions of its own.
    body = service.export_csv(request.app.state.sessionmaker, filters, leave_out=entry.id)
    stamp = local_today().strftime("%Y%m%d")
    filename = quote(f"审计记录-{stamp}.csv")
    return StreamingResponse(
        body,
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f"attachment; filename=audit-{stamp}.csv; "
            f"filename*=UTF-8''{filename}"
        },
    )
