"""/v1/audit: the registry's audit log: whole reads of personal data, every write (who changed
which fields of which aggregate, kit.write_audit) and other acts.

The county admin reads all of it (one install serves one county). A township officer or a
leader reads the writes of their own area (a household's change history); reads carry no area
and stay the county admin's. Listing is not audited; exporting is (action ``export_audit``),
and only the county admin exports.
"""

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse

from kit.audit_log import AuditEntryPublic, AuditFiltersQuery
from kit.clock import local_today
from kit.db import SessionDep
from kit.pagination import DEFAULT_LIMIT, CursorQuery, LimitQuery, Page
from kit.problems import PROBLEM_RESPONSES
from registry.audit import service
from registry.scope import Admins, AuditReaders

router = APIRouter(prefix="/v1/audit", tags=["audit"])


Filters = AuditFiltersQuery


@router.get(
    "",
    response_model=Page[AuditEntryPublic],
    summary="审计记录（新的在前）/ audit log, newest first",
    responses=PROBLEM_RESPONSES,
)
async def list_audit(
    session: SessionDep,
    principal: AuditReaders,
    filters: Filters,
    limit: LimitQuery = DEFAULT_LIMIT,
    cursor: CursorQuery = None,
) -> Page[AuditEntryPublic]:
    return await service.list_entries(
        session, principal=principal, filters=filters, cursor=cursor, limit=limit
    )


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
