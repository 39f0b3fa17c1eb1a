"""Who may do what in the assistance service, and which rows each caller sees at all.

As in the registry (docs/architecture.md): a role that may never do an action gets 403; a row
outside the caller's area, or for a cadre a household not theirs, is filtered out inside the
query and so answers 404.
"""

from datetime import date
from typing import Annotated, Any

from fastapi import Depends
from sqlalchemy import or_, select
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col

from assistance.models import Household, Pairing, Visit
from kit.audit_log import AUDIT_READ_ROLES
from kit.auth import Principal, Role, Scope, require_roles

READ_ROLES = (
    Role.COUNTY_ADMIN,
    Role.TOWNSHIP_OFFICER,
    Role.CADRE,
    Role.LEADER,
    Role.MACHINE,
    Role.SERVICE,
)
# Who logs visits and uploads their photos: cadres for their households, officers and admins
# in their area (entering a paper form, say).
WRITE_ROLES = (Role.COUNTY_ADMIN, Role.TOWNSHIP_OFFICER, Role.CADRE)

# An outside platform reads the assistance records with the visits:read scope.
Readers = Annotated[Principal, Depends(require_roles(*READ_ROLES, machine_scope=Scope.VISITS_READ))]
Writers = Annotated[Principal, Depends(require_roles(*WRITE_ROLES))]
# The log of changes: all of it for the county admin, their area's for the others (kit.audit_log).
AuditReaders = Annotated[Principal, Depends(require_roles(*AUDIT_READ_ROLES))]

AREA_WIDE = (Role.COUNTY_ADMIN, Role.TOWNSHIP_OFFICER, Role.LEADER, Role.MACHINE, Role.SERVICE)


def cadre_only(principal: Principal) -> bool:
    """A caller who sees only what is theirs (a township officer who is also a cadre sees
    their township)."""
    return principal.has(Role.CADRE) and not principal.has(*AREA_WIDE)


def active_on(day: date) -> list[ColumnElement[bool]]:
    """The pairing holds on ``day`` (it ends the day its ``ended_on`` says, exclusive)."""
    ended_on = col(Pairing.ended_on)
    return [
        col(Pairing.started_on) <= day,
        or_(ended_on.is_(None), ended_on > day),
        col(Pairing.deleted).is_(False),
    ]


def paired_now(cadre_id: Any, today: date) -> Any:
    """Households paired to the cadre today (a subquery of ids)."""
    return select(col(Pairing.household_id)).where(
        col(Pairing.cadre_id) == cadre_id, *active_on(today)
    )


def visible_visits(principal: Principal, today: date) -> list[ColumnElement[bool]]:
    """A caller's visits: their area; for a cadre-only caller also only the visits they made
    and those of households paired to them now (so a new cadre sees the history)."""
    conditions = [principal.area_filter(col(Visit.village_code))]
    if cadre_only(principal):
        conditions.append(
            or_(
                col(Visit.cadre_id) == principal.cadre_id,
                col(Visit.household_id).in_(paired_now(principal.cadre_id, today)),
            )
        )
    return conditions


def households_in_reach(principal: Principal, today: date) -> Any:
    """The households whose plans, happiness lists and needs the caller sees (a subquery of
    ids): those whose village (now) is in the caller's area; for a cadre-only caller, only
    those paired to them now. The same set bounds writes, for the roles that write."""
    query = select(col(Household.id)).where(
        principal.area_filter(col(Household.village_code)), col(Household.deleted).is_(False)
    )
    if cadre_only(principal):
        query = query.where(col(Household.id).in_(paired_now(principal.cadre_id, today)))
    return query
