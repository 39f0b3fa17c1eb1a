"""The part of the registry this service keeps a copy of, read from the registry's change feed
(see assistance.registry_feed), so it authorises and answers while the registry is down.

Rows are upserted by aggregate id and only by a newer version; nothing here is written any
other way. No foreign keys: the feed may name a household before or after its pairing.
"""

from datetime import date, datetime
from uuid import UUID

from sqlmodel import Field

from assistance.models.base import AssistanceTable
from kit.db import UTCDateTime, utcnow


class Household(AssistanceTable, table=True):
    """A registry household (农户): where it is and what it is, nothing personal beyond the
    head's name."""

    __tablename__ = "household"
    id: UUID = Field(primary_key=True)
    village_code: str = Field(max_length=12, index=True)
    category: str = Field(max_length=24)
    low_income_subtype: str | None = Field(default=None, max_length=24)
    latitude: float | None = None
    longitude: float | None = None
    head_name: str = Field(default="", max_length=40)
    version: int
    deleted: bool = False  # a tombstone: kept so an older event cannot bring it back
    synced_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Pairing(AssistanceTable, table=True):
    """A registry pairing (帮扶结对), ended ones kept: a visit is checked against the pairing
    active at the time it happened."""

    __tablename__ = "pairing"
    id: UUID = Field(primary_key=True)
    cadre_id: UUID = Field(index=True)
    household_id: UUID = Field(index=True)
    started_on: date
    ended_on: date | None = None  # the first day it no longer holds
    version: int
    deleted: bool = False
    synced_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Cadre(AssistanceTable, table=True):
    """A registry cadre (帮扶干部). A cadre's login carries ``cadre_id`` in its token, so no user
    link is kept here."""

    __tablename__ = "cadre"
    id: UUID = Field(primary_key=True)
    name: str = Field(max_length=40)
    home_area_code: str = Field(default="", max_length=12)
    active: bool = True
    version: int
    deleted: bool = False
    synced_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Department(AssistanceTable, table=True):
    """A registry department (单位): the units a need can be given to, named as the registry
    names them now."""

    __tablename__ = "department"
    id: UUID = Field(primary_key=True)
    name: str = Field(max_length=80)
    area_code: str = Field(default="", max_length=12)
    version: int
    deleted: bool = False
    synced_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
