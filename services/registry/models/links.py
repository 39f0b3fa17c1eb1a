from uuid import UUID

from sqlalchemy import Index, text
from sqlmodel import Field

from registry.models.base import Link

ACTIVE = text("ended_on IS NULL")


def one_active(name: str, *columns: str) -> Index:
    """At most one active (not ended) link per value of ``columns``."""
    return Index(name, *columns, unique=True, postgresql_where=ACTIVE, sqlite_where=ACTIVE)


class CadreEntityLink(Link, table=True):
    """A cadre's link to an entity (联系): one active entity per cadre."""

    __tablename__ = "cadre_entity_link"
    __table_args__ = (one_active("uq_cadre_entity_link_active_cadre", "cadre_id"),)
    cadre_id: UUID = Field(foreign_key="cadre.id", index=True)
    entity_id: UUID = Field(foreign_key="entity.id", index=True)


class EntityHouseholdLink(Link, table=True):
    """An entity driving a household (带动), with how."""

    __tablename__ = "entity_household_link"
    __table_args__ = (one_active("uq_entity_household_link_active", "entity_id", "household_id"),)
    entity_id: UUID = Field(foreign_key="entity.id", index=True)
    household_id: UUID = Field(foreign_key="household.id", index=True)
    mode: str = Field(max_length=24)


class Pairing(Link, table=True):
    """An assistance pairing (帮扶结对): exactly one active cadre per low-income household."""

    __tablename__ = "pairing"
    __table_args__ = (one_active("uq_pairing_active_household", "household_id"),)
    cadre_id: UUID = Field(foreign_key="cadre.id", index=True)
    household_id: UUID = Field(foreign_key="household.id", index=True)
