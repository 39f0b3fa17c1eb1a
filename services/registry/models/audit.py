from datetime import datetime
from uuid import UUID, uuid4

from sqlmodel import Field

from kit.db import JSONType, UTCDateTime, utcnow
from registry.models.base import RegistryTable


class AuditEntry(RegistryTable, table=True):
    """One read of whole personal data (an ID number or phone shown unmasked), or another act
    worth answering for later."""

    __tablename__ = "audit_entry"
    id: UUID = Field(default_factory=uuid4, primary_key=True)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    subject: str = Field(max_length=64, index=True)
    roles: list[str] = Field(default_factory=list, sa_type=JSONType)
    action: str = Field(max_length=40)
    resource: str = Field(max_length=40)
    resource_id: str = Field(max_length=64)
    fields: list[str] = Field(default_factory=list, sa_type=JSONType)
    request_id: str = Field(default="", max_length=64)
    reason: str = Field(default="", max_length=200)  # why the caller needed it whole
