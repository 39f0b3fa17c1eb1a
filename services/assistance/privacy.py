"""Sensitive visit fields (PIPL health facts): the health observation and the risk flags.

Shown whole to: the household's cadre (the cadre who made the visit, or the one paired to the
household now), township officers and county admins whose area covers the visit, and other
Fumin services (``service`` role: indicators raises 防返贫 alerts from risk flags; services see
personal data whole, docs/architecture.md). Everyone else — leaders, the provincial platform
(``machine``), a cadre reading someone else's household — gets them as null, named in
``redacted``. The feed follows the same rule through ``mask_event``.
"""

import copy
from typing import Any
from uuid import UUID

from assistance.models import audit_entry, outbox
from assistance.scope import cadre_only
from kit.auth import Principal, Role, Scope
from kit.feed import client_may_see
from kit.write_audit import WriteAudit

SENSITIVE = ("observations.health", "risk_flags")

# A write's audit entry names these fields as changed but never keeps their values: the health
# facts above and where the phone was.
WRITE_AUDIT = WriteAudit(
    table=audit_entry,
    outbox=outbox,
    sensitive=frozenset({"health", "risk_flags", "latitude", "longitude", "accuracy_m"}),
)


def sees_sensitive(
    principal: Principal, *, village_code: str, visit_cadre_id: UUID | None, paired_now: bool
) -> bool:
    if principal.has(Role.SERVICE):
        return True
    if principal.has(Role.COUNTY_ADMIN, Role.TOWNSHIP_OFFICER) and principal.covers(village_code):
        return True
    return (
        principal.has(Role.CADRE)
        and principal.cadre_id is not None
        and (principal.cadre_id == visit_cadre_id or paired_now)
    )


def sees_every_risk(principal: Principal) -> bool:
    """Whether the caller sees the sensitive fields of every visit it may see at all, and so
    may filter by them: officers and admins (they see their area only), services, and
    cadre-only callers (their own visits and their households', all in full:
    scope.visible_visits). A leader who is also a cadre sees others' visits redacted."""
    if principal.has(Role.SERVICE, Role.COUNTY_ADMIN, Role.TOWNSHIP_OFFICER):
        return True
    return cadre_only(principal) and principal.cadre_id is not None


def redact(data: dict[str, Any]) -> dict[str, Any]:
    """A visit's JSON with the sensitive fields nulled and named (a copy)."""
    shown = copy.deepcopy(data)
    shown["observations"]["health"] = None
    shown["risk_flags"] = None
    if "flags" in shown:  # whether there is a risk says as much as which one
        shown["flags"]["risk"] = None
    shown["redacted"] = list(SENSITIVE)
    return shown


def mask_event(event: dict[str, Any], principal: Principal) -> dict[str, Any] | None:
    """The feed as an outside client (``machine`` with ``feeds:read``) sees it: its area only,
    and visits without their sensitive fields. Services get events whole (kit.feed)."""
    if not client_may_see(event, principal, Scope.VISITS_READ):
        return None  # feeds:read opens the feed; visits:read covers what is in it
    if event["aggregate"] != "visit":
        return event
    return {**event, "data": redact(event["data"])}
