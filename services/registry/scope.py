"""Who may do what in the registry, and which rows each caller can see at all.

Two kinds of refusal (docs/architecture.md): a role that may never do an action gets 403 from the
``Readers``/``Writers``/``Admins`` dependencies; a row outside the caller's area, or for a cadre a
household not paired to them, is filtered out inside the query and so answers 404.
"""

from typing import Annotated, Any

from fastapi import Depends
from sqlalchemy import exists
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col

from kit.audit_log import AUDIT_READ_ROLES
from kit.auth import Principal, Role, Scope, require_roles
from registry.models import Household, Pairing

# Everyone who may read the registry (within their scope).
READ_ROLES = (
    Role.COUNTY_ADMIN,
    Role.TOWNSHIP_OFFICER,
    Role.CADRE,
    Role.LEADER,
    Role.MACHINE,
    Role.SERVICE,
)
# Who keeps the registry: households, income, cadres, entities, links, pairings.
WRITE_ROLES = (Role.COUNTY_ADMIN, Role.TOWNSHIP_OFFICER)

# An outside platform reads the registry with the households:read scope.
Readers = Annotated[
    Principal, Depends(require_roles(*READ_ROLES, machine_scope=Scope.HOUSEHOLDS_READ))
]
Writers = Annotated[Principal, Depends(require_roles(*WRITE_ROLES))]
Admins = Annotated[Principal, Depends(require_roles(Role.COUNTY_ADMIN))]
# The audit log: all of it for the county admin, their area's writes for the others (kit.audit_log).
AuditReaders = Annotated[Principal, Depends(require_roles(*AUDIT_READ_ROLES))]

# Roles that see their whole area; a caller holding none of them is an assisting cadre only.
AREA_WIDE = (Role.COUNTY_ADMIN, Role.TOWNSHIP_OFFICER, Role.LEADER, Role.MACHINE, Role.SERVICE)


def cadre_only(principal: Principal) -> bool:
    """True for a caller who sees only what is paired to them (a township officer who is also a
    cadre sees their township)."""
    return principal.has(Role.CADRE) and not principal.has(*AREA_WIDE)


def visible_households(principal: Principal) -> list[ColumnElement[bool]]:
    """WHERE conditions for the households this caller may see."""
    conditions = [principal.area_filter(col(Household.village_code))]
    if cadre_only(principal):
        conditions.append(paired_to(principal, col(Household.id)))
    return conditions


def paired_to(principal: Principal, household_id: Any) -> ColumnElement[bool]:
    """The household has an active pairing with the calling cadre."""
    return exists().where(
        col(Pairing.household_id) == household_id,
        col(Pairing.cadre_id) == principal.cadre_id,
        col(Pairing.ended_on).is_(None),
    )
