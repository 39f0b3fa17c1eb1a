"""Every registry table, imported here so the metadata (and Alembic) sees them all."""

from registry.models.areas import Area, CollectiveIncome
from registry.models.audit import AuditEntry
from registry.models.base import metadata, outbox
from registry.models.entities import Entity, EntityFigures
from registry.models.households import CategoryChange, Household, IncomeRecord, Member
from registry.models.links import CadreEntityLink, EntityHouseholdLink, Pairing
from registry.models.people import (
    Cadre,
    Department,
    MachineClient,
    RefreshToken,
    TokenRevocation,
    User,
)

__all__ = [
    "Area",
    "AuditEntry",
    "Cadre",
    "CadreEntityLink",
    "CategoryChange",
    "CollectiveIncome",
    "Department",
    "Entity",
    "EntityFigures",
    "EntityHouseholdLink",
    "Household",
    "IncomeRecord",
    "MachineClient",
    "Member",
    "Pairing",
    "RefreshToken",
    "TokenRevocation",
    "User",
    "metadata",
    "outbox",
]
