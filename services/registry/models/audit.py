from datetime import datetime
from typing import Any
from uuid import UUID, uuid4

from sqlmodel import Field

from kit.db import JSONType, UTCDateTime, utcnow
from kit.write_audit import outbox_lookup_index
from registry.models.base import RegistryTable, outbox

# kit.write_audit reads an aggregate's state before a write from its last outbox event.
outbox_by_aggregate = outbox_lookup_index(outbox)


class AuditEntry(RegistryTable, table=True):
    """One read of whole personal data (an ID number or phone shown unmasked), one write (who
    changed which fields of which aggregate: kit.write_audit), or another act worth answering
    for later. Its columns are kit.write_audit.audit_table's, which the kit writes into."""

    __tablename__ = "audit_entry"
    id: UUID = Field(default_factory=uuid4, primary_key=True)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    subject: str = Field(max_length=64, index=True)
    subject_name: str = Field(default="", max_length=100)  # as the token named them, then
    roles: list[str] = Field(default_factory=list, sa_type=JSONType)
    action: str = Field(max_length=40)
    resource: str = Field(max_length=40)
    resource_id: str = Field(max_length=64)
    fields: list[str] = Field(default_factory=list, sa_type=JSONType)
    # For a write: [{field, item?, old, new} | {field, item?, masked}] (kit.write_audit).
    changes: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSONType)
    area_code: str | None = Field(default=None, max_length=12, index=True)
    household_id: str | None = Field(default=None, max_length=64, index=True)
    request_id: str = Field(default="", max_length=64)
    reason: str = Field(default="", max_length=200)  # why the caller needed it whole
