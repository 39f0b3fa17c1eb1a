from uuid import UUID

from sqlalchemy import BigInteger
from sqlmodel import Field

from registry.models.base import RegistryTable, Versioned


class Entity(Versioned, table=True):
    """A new-type agricultural entity (新型农业主体)."""

    __tablename__ = "entity"
    name: str = Field(max_length=100)
    type: str = Field(max_length=24, index=True)
    enterprise_level: str | None = Field(default=None, max_length=12)
    credit_code: str | None = Field(default=None, max_length=18, unique=True)
    village_code: str = Field(foreign_key="area.code", index=True)
    industry: str = Field(max_length=24)
    cultivated_year: int | None = Field(default=None)
    status: str = Field(default="active", max_length=14)
    quality_grade: str = Field(default="none", max_length=12)
    nhl_member: bool = Field(default=False)


class EntityFigures(RegistryTable, table=True):
    """An entity's figures for one year, where they apply (jobs, sales, processing, members)."""

    __tablename__ = "entity_figures"
    entity_id: UUID = Field(foreign_key="entity.id", primary_key=True, ondelete="CASCADE")
    year: int = Field(primary_key=True)
    jobs_created: int | None = None
    online_sales_fen: int | None = Field(default=None, sa_type=BigInteger)
    processing_fees_fen: int | None = Field(default=None, sa_type=BigInteger)
    processing_workforce: int | None = None
    members: int | None = None
    farmers_linked: int | None = None
