"""Masking of personal data (PIPL): ID numbers and phones are masked unless the caller's role
may see them whole and asks to; every whole read is written to the audit log."""

import copy
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Query
from sqlalchemy.ext.asyncio import AsyncSession

from kit.auth import CurrentPrincipal, Principal, Role, Scope
from kit.feed import client_may_see
from kit.logs import request_id_var
from kit.problems import invalid
from kit.write_audit import WriteAudit
from registry.models import AuditEntry, outbox


def mask_id_number(id_number: str | None) -> str | None:
    """``331126199001011234`` → ``3311**********1234``."""
    if not id_number:
        return id_number
    return id_number[:4] + "*" * (len(id_number) - 8) + id_number[-4:]


def mask_phone(phone: str | None) -> str | None:
    """``13812341234`` → ``138****1234``."""
    if not phone or len(phone) < 7:
        return phone
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]


@dataclass(frozen=True)
class Unmask:
    """What the request asked for: data whole (``unmask``) and why (``reason``)."""

    unmask: bool = False
    reason: str = ""


async def unmask_query(
    principal: CurrentPrincipal,
    unmask: Annotated[
        bool,
        Query(description="显示完整身份证号和电话（须说明原因，留审计记录）/ show whole (audited)"),
    ] = False,
    reason: Annotated[
        str | None,
        Query(
            min_length=2,
            max_length=200,
            description="查看完整信息的原因 / why the data is needed whole (with unmask=true)",
        ),
    ] = None,
) -> Unmask:
    """``?unmask=true&reason=…``; a role that may see data whole must say why (422 on reason)."""
    reason = (reason or "").strip()
    if unmask and principal.may_read_pii and len(reason) < 2:
        raise invalid(
            "reason", "查看完整信息须说明原因（2–200 字）/ a reason (2–200 chars) is required"
        )
    return Unmask(unmask=unmask, reason=reason)


UnmaskQuery = Annotated[Unmask, Depends(unmask_query)]


def wants_whole(principal: Principal, unmask: Unmask) -> bool:
    return unmask.unmask and principal.may_read_pii


async def audit_whole_read(
    session: AsyncSession,
    principal: Principal,
    *,
    resource: str,
    resource_id: Any,
    fields: list[str],
    reason: str,
) -> None:
    """Who read which record's ``fields`` whole, when, and why."""
    session.add(
        AuditEntry(
            subject=principal.subject,
            roles=sorted(principal.roles),
            action="read_unmasked",
            resource=resource,
            resource_id=str(resource_id),
            fields=fields,
            request_id=request_id_var.get(),
            reason=reason,
        )
    )


PII_FIELDS = ("id_number", "phone")

# Fields whose values a write's audit entry never keeps (it names them as changed): ID numbers,
# phones, what they tell (birth date), health, and where a home is.
WRITE_AUDIT = WriteAudit(
    table=AuditEntry.__table__,  # type: ignore[attr-defined]
    outbox=outbox,
    sensitive=frozenset({*PII_FIELDS, "birth_date", "health", "latitude", "longitude"}),
)


def _pii_fields(data: Any) -> set[str]:
    """Which of ``PII_FIELDS`` hold a value anywhere in an event's data (members included)."""
    found: set[str] = set()
    if isinstance(data, dict):
        for key, value in data.items():
            if key in PII_FIELDS and isinstance(value, str) and value:
                found.add(key)
            else:
                found |= _pii_fields(value)
    elif isinstance(data, list):
        for item in data:
            found |= _pii_fields(item)
    return found


async def audit_whole_events(
    session: AsyncSession, principal: Principal, events: list[dict[str, Any]], *, reason: str
) -> None:
    """An outside client got these feed events or snapshot items whole: one audit entry per
    record that carries an ID number or phone (per record, as the API's own whole reads, so
    "who has seen household X whole" is one filter on the log). Fumin's own services read
    whole too, to keep their copies, and are not audited: no person sees those reads."""
    if principal.has(Role.SERVICE) or not principal.may_read_pii:
        return
    audited: set[tuple[str, str]] = set()
    for event in events:
        key = (event["aggregate"], event["aggregate_id"])
        fields = sorted(_pii_fields(event.get("data")))
        if fields and key not in audited:
            audited.add(key)
            await audit_whole_read(
                session,
                principal,
                resource=key[0],
                resource_id=key[1],
                fields=fields,
                reason=reason,
            )


async def audit_feed_read(
    session: AsyncSession, principal: Principal, events: list[dict[str, Any]]
) -> None:
    await audit_whole_events(session, principal, events, reason="feed")


def mask_event(event: dict[str, Any], principal: Principal) -> dict[str, Any] | None:
    """The feed (and the snapshots) as an outside client sees them: every registry aggregate
    needs ``households:read``, only the client's area, and ID numbers and phones masked unless
    it holds ``pii:read``."""
    if not client_may_see(event, principal, Scope.HOUSEHOLDS_READ):
        return None
    if principal.may_read_pii:
        return event
    shown = copy.deepcopy(event)
    _mask_in_place(shown["data"])
    return shown


def _mask_in_place(data: Any) -> None:
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "id_number" and isinstance(value, str):
                data[key] = mask_id_number(value)
            elif key == "phone" and isinstance(value, str):
                data[key] = mask_phone(value)
            else:
                _mask_in_place(value)
    elif isinstance(data, list):
        for item in data:
            _mask_in_place(item)
