"""Reading and handling alerts: open → acknowledged → closed (with a note). Township officers
and county admins handle those in their area; a cadre those assigned to them. An alert's
evaluation (alerts.rules) may reopen a closed one; nothing here deletes one."""

from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, false
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from indicators.alerts.schemas import AlertLogPublic, AlertPublic
from indicators.models import Alert, AlertLog, Cadre, Household
from kit.auth import Principal, Role
from kit.db import utcnow
from kit.pagination import paginate
from kit.problems import Conflict, NotFound, invalid
from kit.versioning import check_version

NEXT = {"acknowledge": ("open",), "close": ("open", "acknowledged")}


def _visible(principal: Principal) -> list[ColumnElement[bool]]:
    conditions = [principal.area_filter(col(Alert.village_code))]
    if not principal.has(Role.COUNTY_ADMIN, Role.TOWNSHIP_OFFICER):
        # A cadre only: the alerts assigned to them.
        cadre = principal.cadre_id
        conditions.append(col(Alert.cadre_id) == cadre if cadre else false())
    return conditions


def _public(alert: Alert, head_name: str, log: list[AlertLog] | None = None) -> AlertPublic:
    return AlertPublic.model_validate(
        {
            **alert.model_dump(),
            "head_name": head_name,
            "township_code": alert.village_code[:9],
            "log": None
            if log is None
            else [AlertLogPublic.model_validate(e.model_dump()) for e in log],
        }
    )


async def list_alerts(
    session: AsyncSession,
    principal: Principal,
    *,
    status: str | None,
    rule: str | None,
    period: str | None,
    area: str | None,
    household_id: UUID | None,
    cadre_id: UUID | None = None,
    cursor: str | None,
    limit: int,
) -> tuple[list[AlertPublic], str | None]:
    conditions = _visible(principal)
    filters = ((Alert.status, status), (Alert.rule, rule), (Alert.period, period),
               (Alert.household_id, household_id), (Alert.cadre_id, cadre_id))  # fmt: skip
    for column, value in filters:
        if value is not None:
            conditions.append(col(column) == value)
    if area is not None:
        conditions.append(col(Alert.village_code).startswith(area))
    query: Any = select(Alert).where(*conditions)
    rows, next_cursor = await paginate(session, query, [col(Alert.id)], cursor=cursor, limit=limit)
    names = await _head_names(session, {row.household_id for row in rows})
    return [_public(row, names.get(row.household_id, "")) for row in rows], next_cursor


async def _head_names(session: AsyncSession, ids: set[UUID]) -> dict[UUID, str]:
    if not ids:
        return {}
    found = await session.execute(
        select(col(Household.id), col(Household.head_name)).where(col(Household.id).in_(ids))
    )
    return dict(found.all())


async def _load(session: AsyncSession, principal: Principal, alert_id: UUID, lock: bool) -> Alert:
    query = select(Alert).where(col(Alert.id) == alert_id, *_visible(principal))
    if lock:
        query = query.with_for_update()
    alert = (await session.execute(query)).scalars().first()
    if alert is None:
        raise NotFound("预警不存在或不在你的范围内 / alert not found")
    return alert


async def get_alert(session: AsyncSession, principal: Principal, alert_id: UUID) -> AlertPublic:
    alert = await _load(session, principal, alert_id, lock=False)
    log = await session.execute(
        select(AlertLog).where(col(AlertLog.alert_id) == alert.id).order_by(col(AlertLog.at))
    )
    names = await _head_names(session, {alert.household_id})
    return _public(alert, names.get(alert.household_id, ""), list(log.scalars()))


async def handle(
    session: AsyncSession,
    principal: Principal,
    alert_id: UUID,
    action: str,
    note: str,
    if_match: str | None,
) -> AlertPublic:
    alert = await _load(session, principal, alert_id, lock=True)
    check_version(if_match, alert.version)
    if alert.status not in NEXT[action]:
        raise Conflict(f"预警当前状态为 {alert.status} / the alert is {alert.status}")
    alert.status = "acknowledged" if action == "acknowledge" else "closed"
    if action == "close":
        alert.note = note
    alert.version += 1
    alert.updated_at = utcnow()
    session.add(AlertLog(alert_id=alert.id, action=alert.status, by=principal.subject, note=note))
    await session.flush()
    return await get_alert(session, principal, alert_id)


async def assign(
    session: AsyncSession,
    principal: Principal,
    alert_id: UUID,
    cadre_id: UUID,
    note: str,
    if_match: str | None,
) -> AlertPublic:
    """Name the cadre who handles an alert (not a closed one); a later evaluation keeps them."""
    alert = await _load(session, principal, alert_id, lock=True)
    check_version(if_match, alert.version)
    if alert.status == "closed":
        raise Conflict("预警已办结 / the alert is closed")
    cadre = await session.get(Cadre, cadre_id)
    if cadre is None or cadre.deleted or not cadre.active:
        raise invalid("cadre_id", f"干部 {cadre_id} 不存在或不在岗 / no such active cadre")
    alert.cadre_id, alert.assigned = cadre_id, True
    alert.version += 1
    alert.updated_at = utcnow()
    entry = AlertLog(
        alert_id=alert.id, action="assigned", by=principal.subject, cadre_id=cadre_id, note=note
    )
    session.add(entry)
    await session.flush()
    return await get_alert(session, principal, alert_id)
