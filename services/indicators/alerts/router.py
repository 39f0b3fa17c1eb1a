"""``/v1/alerts``: dynamic-monitoring alerts, listed and handled by those they are assigned to."""

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Response

from indicators.alerts import service
from indicators.alerts.errors import AlertAcknowledged, AlertClosed
from indicators.alerts.schemas import AlertAcknowledge, AlertAssign, AlertClose, AlertPublic
from indicators.models import AlertRule, AlertStatus
from kit.auth import Principal, Role, require_roles
from kit.db import SessionDep
from kit.pagination import AreaPrefixQuery, CursorQuery, LimitQuery, Page
from kit.problems import EDIT_PROBLEMS, PROBLEM_RESPONSES, problem_responses
from kit.versioning import IfMatch, set_etag

router = APIRouter(prefix="/v1/alerts", tags=["alerts"])
# Alerts name households and carry health facts (risk flags): only those who handle them.
Handlers = Annotated[
    Principal, Depends(require_roles(Role.COUNTY_ADMIN, Role.TOWNSHIP_OFFICER, Role.CADRE))
]
# Who handles an alert is decided by officers (their area) and the county admin.
Assigners = Annotated[Principal, Depends(require_roles(Role.COUNTY_ADMIN, Role.TOWNSHIP_OFFICER))]
# An alert's period: a year (the income rules) or a month (the visit rules).
AlertPeriodQuery = Annotated[
    str | None, Query(pattern=r"^\d{4}(-\d{2})?$", description="2026 或 2026-07 / year or month")
]


@router.get(
    "",
    response_model=Page[AlertPublic],
    summary="预警列表 / alerts",
    responses=PROBLEM_RESPONSES,
)
async def list_alerts(
    session: SessionDep,
    principal: Handlers,
    cursor: CursorQuery = None,
    limit: LimitQuery = 50,
    status: AlertStatus | None = None,
    rule: AlertRule | None = None,
    period: AlertPeriodQuery = None,
    area: AreaPrefixQuery = None,
    household_id: UUID | None = None,
    cadre_id: Annotated[UUID | None, Query(description="负责干部 / the cadre")] = None,
    department_id: Annotated[
        UUID | None, Query(description="指派的单位 / the department it was given to")
    ] = None,
) -> Page[AlertPublic]:
    return await service.list_alerts(
        session,
        principal=principal,
        status=status,
        rule=rule,
        period=period,
        area=area,
        household_id=household_id,
        cadre_id=cadre_id,
        department_id=department_id,
        cursor=cursor,
        limit=limit,
    )


@router.get(
    "/{alert_id}",
    response_model=AlertPublic,
    summary="预警及其处理记录 / an alert and its log",
    responses=PROBLEM_RESPONSES,
)
async def get_alert(
    session: SessionDep, principal: Handlers, alert_id: UUID, response: Response
) -> AlertPublic:
    alert = await service.get_alert(session, principal=principal, alert_id=alert_id)
    set_etag(response, alert.version)
    return alert


@router.post(
    "/{alert_id}/acknowledge",
    response_model=AlertPublic,
    summary="签收预警（需 If-Match）/ acknowledge",
    responses=problem_responses(AlertAcknowledged, AlertClosed, *EDIT_PROBLEMS),
)
async def acknowledge(
    session: SessionDep,
    principal: Handlers,
    alert_id: UUID,
    body: AlertAcknowledge,
    response: Response,
    if_match: IfMatch,
) -> AlertPublic:
    alert = await service.acknowledge(
        session, principal=principal, alert_id=alert_id, data=body, if_match=if_match
    )
    set_etag(response, alert.version)
    return alert


@router.post(
    "/{alert_id}/assign",
    response_model=AlertPublic,
    summary="指派预警给帮扶干部或单位（需 If-Match）/ assign to a cadre or a department",
    responses=problem_responses(AlertClosed, *EDIT_PROBLEMS),
)
async def assign(
    session: SessionDep,
    principal: Assigners,
    alert_id: UUID,
    body: AlertAssign,
    response: Response,
    if_match: IfMatch,
) -> AlertPublic:
    alert = await service.assign(
        session, principal=principal, alert_id=alert_id, data=body, if_match=if_match
    )
    set_etag(response, alert.version)
    return alert


@router.post(
    "/{alert_id}/close",
    response_model=AlertPublic,
    summary="办结预警，须填处置说明（需 If-Match）/ close with a note",
    responses=problem_responses(AlertClosed, *EDIT_PROBLEMS),
)
async def close(
    session: SessionDep,
    principal: Handlers,
    alert_id: UUID,
    body: AlertClose,
    response: Response,
    if_match: IfMatch,
) -> AlertPublic:
    alert = await service.close(
        session, principal=principal, alert_id=alert_id, data=body, if_match=if_match
    )
    set_etag(response, alert.version)
    return alert
