"""The audit log as admins read it: who did what to which record, when, and why."""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from pydantic import BaseModel


class AuditEntryPublic(BaseModel):
    id: UUID
    at: datetime
    subject: str
    subject_name: str | None  # the user's display name; None for a machine client
    roles: list[str]
    action: str
    resource: str
    resource_id: str
    fields: list[str]
    reason: str
    request_id: str


@dataclass(frozen=True)
class AuditFilters:
    subject: str | None = None
    resource: str | None = None
    resource_id: str | None = None
    action: str | None = None
    since: datetime | None = None  # ``from``, inclusive
    until: datetime | None = None  # ``to``, exclusive
