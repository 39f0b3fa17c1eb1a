"""Reading and handling alerts: open → acknowledged → closed (with a note). Township officers
and county admins handle those in their area; a cadre those assigned to them. An alert's
evaluation (alerts.rules) may reopen a closed one; nothing here deletes one."""

from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, false
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from indicators.alerts import errors
from indicators.alerts.schemas import (
    AlertAcknowledge,
    AlertAssign,
    AlertClose,
    AlertLogPublic,
    AlertPublic,
)
from indicators.models import (
    Alert,
    AlertAction,
    AlertLog,
    AlertRule,
    AlertStatus,
    Cadre,
    Department,
    Household,
)
from kit.auth import Principal, Role
from kit.pagination import Page, paginate
from kit.problems import NotFound, invalid
from kit.versioning import bump, check_version


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
    *,
    principal: Principal,
    status: AlertStatus | None,
    rule: AlertRule | None,
    period: str | None,
    area: str | None,
    household_id: UUID | None,
    cadre_id: UUID | None = None,
    department_id: UUID | None = None,
    cursor: str | None,
    limit: int,
) -> Page[AlertPublic]:
    """The alerts the caller handles, filtered, a page at a time."""
    conditions = _visible(principal)
    filters = ((Alert.status, status), (Alert.rule, rule), (Alert.period, period),
               (Alert.household_id, household_id), (Alert.cadre_id, cadre_id),
               (Alert.department_id, department_id))  # fmt: skip
    for column, value in filters:
        if value is not None:
            conditions.append(col(column) == value)
    if area is not None:
        conditions.append(col(Alert.village_code).startswith(area))
    query: Any = select(Alert).where(*conditions)
    rows, next_cursor = await paginate(session, query, [col(Alert.id)], cursor=cursor, limit=limit)
    names = await _head_names(session, {row.household_id for row in rows})
    items = [_public(row, names.get(row.household_id, "")) for row in rows]
    return Page(items=items, next_cursor=next_cursor)


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
        raise NotFound(errors.NOT_FOUND)
    return alert


async def get_alert(session: AsyncSession, *, principal: Principal, alert_id: UUID) -> AlertPublic:
    """An alert with its log."""
    alert = await _load(session, principal, alert_id, lock=False)
    log = await session.execute(
        select(AlertLog).where(col(AlertLog.alert_id) == alert.id).order_by(col(AlertLog.at))
    )
    names = await _head_names(session, {alert.household_id})
    return _public(alert, names.get(alert.household_id, ""), list(log.scalars()))


async def acknowledge(
    session: AsyncSession,
    *,
    principal: Principal,
    alert_id: UUID,
    data: AlertAcknowledge,
    if_match: str | None,
) -> AlertPublic:
    """Acknowledge an open alert."""
    alert = await _load(session, principal, alert_id, lock=True)
    check_version(if_match, alert.version)
    if alert.status != AlertStatus.OPEN:
        kind = (
            errors.AlertClosed if alert.status == AlertStatus.CLOSED else errors.AlertAcknowledged
        )
        raise kind(errors.in_status(alert.status))
    alert.status = AlertStatus.ACKNOWLEDGED
    return await _logged(session, principal, alert, AlertAction.ACKNOWLEDGED, data.note)


async def close(
    session: AsyncSession,
    *,
    principal: Principal,
    alert_id: UUID,
    data: AlertClose,
    if_match: str | None,
) -> AlertPublic:
    """Close an open or acknowledged alert with a note of how it was handled."""
    alert = await _load(session, principal, alert_id, lock=True)
    check_version(if_match, alert.version)
    if alert.status == AlertStatus.CLOSED:
        raise errors.AlertClosed(errors.in_status(alert.status))
    alert.status, alert.note = AlertStatus.CLOSED, data.note
    return await _logged(session, principal, alert, AlertAction.CLOSED, data.note)


async def assign(
    session: AsyncSession,
    *,
    principal: Principal,
    alert_id: UUID,
    data: AlertAssign,
    if_match: str | None,
) -> AlertPublic:
    """Name the cadre or the department who handles an alert (not a closed one; the cadre in
    the caller's area, the department one the caller sees); a later evaluation keeps them."""
    if (data.cadre_id is None) == (data.department_id is None):
        raise invalid("cadre_id", errors.WHO)
    alert = await _load(session, principal, alert_id, lock=True)
    check_version(if_match, alert.version)
    if alert.status == AlertStatus.CLOSED:
        raise errors.AlertClosed(errors.IS_CLOSED)
    if data.department_id is not None:
        await _department(session, principal, data.department_id)
        alert.department_id = data.department_id
        return await _logged(
            session,
            principal,
            alert,
            AlertAction.ASSIGNED,
            data.note,
            department_id=data.department_id,
        )
    cadre = await session.get(Cadre, data.cadre_id)
    # The cadre is named too: only one whose home area is inside the caller's (a cadre of the
    # county is assigned by the county admin); one out of reach is refused as an absent one.
    if (
        cadre is None
        or cadre.deleted
        or not cadre.active
        or not principal.covers(cadre.home_area_code)
    ):
        raise invalid("cadre_id", errors.no_such_cadre(data.cadre_id))
    alert.cadre_id, alert.assigned = data.cadre_id, True
    return await _logged(
        session, principal, alert, AlertAction.ASSIGNED, data.note, cadre_id=data.cadre_id
    )


async def _department(session: AsyncSession, principal: Principal, department_id: UUID) -> None:
    """A department the caller sees, as the registry shows them: inside their area or above it
    (a county bureau for a township's officer); any other answers 422 on the field."""
    department = await session.get(Department, department_id)
    if (
        department is None
        or department.deleted
        or not principal.covers_or_is_above(department.area_code)
    ):
        raise invalid("department_id", errors.no_such_department(department_id))


async def _logged(
    session: AsyncSession,
    principal: Principal,
    alert: Alert,
    action: AlertAction,
    note: str,
    cadre_id: UUID | None = None,
    department_id: UUID | None = None,
) -> AlertPublic:
    """Move the changed alert to its next version and log what the caller did; answers the
    alert as it is now."""
    bump(alert)
    entry = AlertLog(
        alert_id=alert.id,
        action=action,
        by=principal.subject,
        cadre_id=cadre_id,
        department_id=department_id,
        note=note,
    )
    session.add(entry)
    await session.flush()
    return await get_alert(session, principal=principal, alert_id=alert.id)
