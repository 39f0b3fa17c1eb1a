from datetime import date
from uuid import UUID, uuid4

from sqlalchemy import BigInteger, Index, UniqueConstraint
from sqlmodel import Field

from registry.models.base import RegistryTable, Versioned


class Household(Versioned, table=True):
    """A farm household (农户). Its members are part of it: one version, one event."""

    __tablename__ = "household"
    village_code: str = Field(foreign_key="area.code", index=True)
    category: str = Field(max_length=14, index=True)
    low_income_subtype: str | None = Field(default=None, max_length=24)
    monitoring_type: str | None = Field(default=None, max_length=20)
    address: str = Field(default="", max_length=200)
    phone: str | None = Field(default=None, max_length=20)
    latitude: float | None = None
    longitude: float | None = None


class Member(RegistryTable, table=True):
    __tablename__ = "member"
    # Name search is exact or by prefix: a pattern-ops index serves LIKE 'prefix%' on PostgreSQL.
    __table_args__ = (
        Index("ix_member_name_prefix", "name", postgresql_ops={"name": "text_pattern_ops"}),
    )
    id: UUID = Field(default_factory=uuid4, primary_key=True)
    household_id: UUID = Field(foreign_key="household.id", index=True, ondelete="CASCADE")
    position: int  # the order members are listed in; the head comes first
    name: str = Field(max_length=40)
    id_number: str = Field(max_length=18, unique=True)
    birth_date: date
    sex: str = Field(max_length=6)
    relation: str = Field(max_length=14)
    resident: bool
    labour_ability: str = Field(max_length=8)
    health: str = Field(max_length=16)
    employment: str = Field(max_length=14)


class CategoryChange(RegistryTable, table=True):
    """When a household was recognised as, or left, a category (认定 / 退出)."""

    __tablename__ = "category_change"
    id: UUID = Field(default_factory=uuid4, primary_key=True)
    household_id: UUID = Field(foreign_key="household.id", index=True, ondelete="CASCADE")
    kind: str = Field(max_length=12)
    category: str = Field(max_length=14)
    low_income_subtype: str | None = Field(default=None, max_length=24)
    changed_on: date
    reason: str = Field(default="", max_length=200)


class IncomeRecord(Versioned, table=True):
    """A household's income for a period, year to date, in fen.

    Village and category are those of the period, kept so later moves do not rewrite history.
    Totals and per-capita figures are derived, never stored.
    """

    __tablename__ = "income_record"
    __table_args__ = (UniqueConstraint("household_id", "year", "quarter"),)
    household_id: UUID = Field(foreign_key="household.id", index=True, ondelete="CASCADE")
    year: int
    quarter: int
    # Money in fen as BIGINT: a 32-bit column would overflow at 21.47 million yuan.
    wage_fen: int = Field(sa_type=BigInteger)
    operating_fen: int = Field(sa_type=BigInteger)
    property_fen: int = Field(sa_type=BigInteger)
    transfer_fen: int = Field(sa_type=BigInteger)
    resident_count: int
    village_code: str = Field(foreign_key="area.code", index=True)
    category: str = Field(max_length=14)
