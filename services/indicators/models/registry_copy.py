"""The read model: what the indicators need of the registry, kept from the registry's feed
(see indicators.registry_copy). Nothing here is written any other way, and ``rebuild`` may empty
it and read the feed again from the start.

Every row carries its aggregate's version; an event applies only when it is newer, and a
deleted aggregate stays as a tombstone (``deleted``), so applying a page twice, or an old event
after a new one, changes nothing. No foreign keys: the feed may name a household before or
after its income records. Nothing personal beyond the names an explanation lists: no ID
numbers, no phones; members keep only what #16 needs.
"""

from datetime import date
from uuid import UUID

from sqlalchemy import BigInteger, Column, Index
from sqlmodel import Field

from indicators.models.base import IndicatorsTable


def _prefix_index(name: str, *columns: str) -> Index:
    # Areas are code prefixes: LIKE '331126101%' uses a btree only with pattern ops (any
    # collation), so the code column carries them.
    return Index(name, *columns, postgresql_ops={columns[-1]: "text_pattern_ops"})


class Area(IndicatorsTable, table=True):
    """An area of the division tree (county, township, village), keyed by its code."""

    __tablename__ = "area"
    __table_args__ = (_prefix_index("ix_area_level_code", "level", "code"),)
    code: str = Field(primary_key=True, max_length=12)
    name: str = Field(max_length=60)
    level: str = Field(max_length=10)
    parent_code: str | None = Field(default=None, max_length=12)
    kind: str | None = Field(default=None, max_length=24)
    size_class: str | None = Field(default=None, max_length=8)
    version: int
    deleted: bool = False


class CollectiveIncome(IndicatorsTable, table=True):
    """A village collective's operating income for a year (part of the area's event)."""

    __tablename__ = "collective_income"
    area_code: str = Field(primary_key=True, max_length=12)
    year: int = Field(primary_key=True)
    operating_income_fen: int = Field(sa_column=Column(BigInteger, nullable=False))


class Household(IndicatorsTable, table=True):
    __tablename__ = "household"
    __table_args__ = (_prefix_index("ix_household_village_code", "village_code"),)
    id: UUID = Field(primary_key=True)
    village_code: str = Field(max_length=12)
    category: str = Field(max_length=14)
    low_income_subtype: str | None = Field(default=None, max_length=24)
    monitoring_type: str | None = Field(default=None, max_length=20)
    head_name: str = Field(default="", max_length=40)
    version: int
    deleted: bool = False


class Member(IndicatorsTable, table=True):
    """A household member, as much as zero-employment (#16) needs: no name, no ID number."""

    __tablename__ = "member"
    id: UUID = Field(primary_key=True)
    household_id: UUID = Field(index=True)
    birth_date: date
    resident: bool
    labour_ability: str = Field(max_length=8)
    employment: str = Field(max_length=14)


class IncomeRecord(IndicatorsTable, table=True):
    """A household's income for a period (year to date), with the village and category the
    registry kept on the record for that period."""

    __tablename__ = "income_record"
    __table_args__ = (
        _prefix_index("ix_income_record_period_village", "year", "quarter", "village_code"),
    )
    id: UUID = Field(primary_key=True)
    household_id: UUID = Field(index=True)
    year: int
    quarter: int
    wage_fen: int = Field(sa_column=Column(BigInteger, nullable=False))
    operating_fen: int = Field(sa_column=Column(BigInteger, nullable=False))
    property_fen: int = Field(sa_column=Column(BigInteger, nullable=False))
    transfer_fen: int = Field(sa_column=Column(BigInteger, nullable=False))
    resident_count: int
    village_code: str = Field(max_length=12)
    category: str = Field(max_length=14)
    version: int
    deleted: bool = False


class Entity(IndicatorsTable, table=True):
    __tablename__ = "entity"
    __table_args__ = (_prefix_index("ix_entity_village_code", "village_code"),)
    id: UUID = Field(primary_key=True)
    name: str = Field(max_length=100)
    type: str = Field(max_length=24)
    enterprise_level: str | None = Field(default=None, max_length=12)
    village_code: str = Field(max_length=12)
    industry: str = Field(max_length=24)
    cultivated_year: int | None = None
    status: str = Field(max_length=14)
    quality_grade: str = Field(max_length=12)
    high_quality: bool = False
    nhl_member: bool = False
    version: int
    deleted: bool = False


class EntityFigures(IndicatorsTable, table=True):
    """An entity's figures for one year (part of the entity's event); None where not given."""

    __tablename__ = "entity_figures"
    entity_id: UUID = Field(primary_key=True)
    year: int = Field(primary_key=True)
    jobs_created: int | None = None
    online_sales_fen: int | None = Field(default=None, sa_column=Column(BigInteger))
    processing_fees_fen: int | None = Field(default=None, sa_column=Column(BigInteger))
    processing_workforce: int | None = None
    members: int | None = None
    farmers_linked: int | None = None


class Cadre(IndicatorsTable, table=True):
    __tablename__ = "cadre"
    id: UUID = Field(primary_key=True)
    name: str = Field(max_length=40)
    type: str = Field(max_length=24)
    home_area_code: str = Field(default="", max_length=12)
    active: bool = True
    version: int
    deleted: bool = False


class Department(IndicatorsTable, table=True):
    """A registry department (单位): alerts can be given to one."""

    __tablename__ = "department"
    id: UUID = Field(primary_key=True)
    name: str = Field(max_length=80)
    area_code: str = Field(default="", max_length=12)
    version: int
    deleted: bool = False


class CadreEntityLink(IndicatorsTable, table=True):
    """联系. ``ended_on`` is the first day the link no longer holds; ended links are kept."""

    __tablename__ = "cadre_entity_link"
    id: UUID = Field(primary_key=True)
    cadre_id: UUID = Field(index=True)
    entity_id: UUID = Field(index=True)
    started_on: date
    ended_on: date | None = None
    version: int
    deleted: bool = False


class EntityHouseholdLink(IndicatorsTable, table=True):
    """带动, in a mode. ``ended_on`` is the first day it no longer holds."""

    __tablename__ = "entity_household_link"
    id: UUID = Field(primary_key=True)
    entity_id: UUID = Field(index=True)
    household_id: UUID = Field(index=True)
    mode: str = Field(max_length=24)
    started_on: date
    ended_on: date | None = None
    version: int
    deleted: bool = False


class Pairing(IndicatorsTable, table=True):
    """帮扶结对 (for the "six ones" of part B). ``ended_on`` is the first day it no longer holds."""

    __tablename__ = "pairing"
    id: UUID = Field(primary_key=True)
    cadre_id: UUID = Field(index=True)
    household_id: UUID = Field(index=True)
    started_on: date
    ended_on: date | None = None
    version: int
    deleted: bool = False


class IncomeSums(IndicatorsTable, table=True):
    """The income records of one period, village and category (both as kept on the records),
    summed: what the income indicators (#1–#5, #17) add up, so an area of a million
    households is a few hundred rows, not a million. Kept exact and current in the same
    transaction as the records (``registry_copy.income_sums``); derived, so a rebuild or
    ``refresh_income_sums`` makes it again from the records."""

    __tablename__ = "income_sums"
    __table_args__ = (
        _prefix_index("ix_income_sums_period_village", "year", "quarter", "village_code"),
    )
    year: int = Field(primary_key=True)
    quarter: int = Field(primary_key=True)
    village_code: str = Field(primary_key=True, max_length=12)
    category: str = Field(primary_key=True, max_length=14)
    households: int = Field(sa_column=Column(BigInteger, nullable=False))
    total_fen: int = Field(sa_column=Column(BigInteger, nullable=False))
    residents: int = Field(sa_column=Column(BigInteger, nullable=False))
    wage_fen: int = Field(sa_column=Column(BigInteger, nullable=False))
    operating_fen: int = Field(sa_column=Column(BigInteger, nullable=False))
    property_fen: int = Field(sa_column=Column(BigInteger, nullable=False))
    transfer_fen: int = Field(sa_column=Column(BigInteger, nullable=False))
    # Records under the #4 line (annualised), and reaching #5's family-income lines.
    below_line: int = Field(sa_column=Column(BigInteger, nullable=False))
    reach_100k: int = Field(sa_column=Column(BigInteger, nullable=False))
    reach_200k: int = Field(sa_column=Column(BigInteger, nullable=False))
