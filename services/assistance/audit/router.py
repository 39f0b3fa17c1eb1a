"""/v1/assistance-audit: who changed which fields of a visit, plan, happiness item, need or photo,
and when (kit.write_audit). The registry keeps its own log (/v1/audit); the admin app reads
both, as the same shape (docs/architecture.md, "The audit log")."""

from fastapi import APIRouter

from assistance.models import audit_entry
from assistance.scope import AuditReaders
from kit.audit_log import AuditEntryPublic, AuditFiltersQuery, audit_page, public
from kit.db import SessionDep
from kit.pagination import DEFAULT_LIMIT, CursorQuery, LimitQuery, Page
from kit.problems import PROBLEM_RESPONSES

router = APIRouter(prefix="/v1/assistance-audit", tags=["audit"])


@router.get(
    "",
    response_model=Page[AuditEntryPublic],
    summary="帮扶记录的修改审计（新的在前）/ changes to assistance records, newest first",
    responses=PROBLEM_RESPONSES,
)
async def list_assistance_audit(
    session: SessionDep,
    principal: AuditReaders,
    filters: AuditFiltersQuery,
    limit: LimitQuery = DEFAULT_LIMIT,
    cursor: CursorQuery = None,
) -> Page[AuditEntryPublic]:
    rows, next_cursor = await audit_page(
        session, audit_entry, filters, principal=principal, cursor=cursor, limit=limit
    )
    # The name is the token's at the time of the write: this service keeps no users.
    return Page(items=[public(row, None) for row in rows], next_cursor=next_cursor)
