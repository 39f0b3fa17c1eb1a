"""The three kinds of links' bodies, answers and list queries (cadre–entity 联系,
entity–household 带动, pairings 帮扶结对), and the handover of a cadre's pairings."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated
from uuid import UUID

from fastapi import Query
from pydantic import BaseModel, Field
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col

from registry.models.base import Link
from registry.models.vocab import DriveMode


class LinkCreate(BaseModel):
    started_on: date
    replace_active: bool = Field(
        default=False,
        description="结束现有的有效关系并以此代替 / end the active one and put this in its place",
    )


class EndLink(BaseModel):
    ended_on: date


class LinkPublic(BaseModel):
    id: UUID
    version: int
    started_on: date
    ended_on: date | None
    active: bool
    created_at: datetime
    updated_at: datetime


class CadreEntityLinkCreate(LinkCreate):
    cadre_id: UUID
    entity_id: UUID


class CadreEntityLinkPublic(LinkPublic):
    cadre_id: UUID
    entity_id: UUID


class EntityHouseholdLinkCreate(LinkCreate):
    entity_id: UUID
    household_id: UUID
    mode: DriveMode


class EntityHouseholdLinkPublic(LinkPublic):
    entity_id: UUID
    household_id: UUID
    mode: DriveMode


class PairingCreate(LinkCreate):
    cadre_id: UUID
    household_id: UUID


class PairingPublic(LinkPublic):
    cadre_id: UUID
    household_id: UUID


class HandoverCreate(BaseModel):
    """Move a cadre's households (all, or the ones named) to another cadre."""

    from_cadre_id: UUID
    to_cadre_id: UUID
    household_ids: list[UUID] | None = Field(
        default=None,
        min_length=1,
        max_length=1000,
        description="要移交的农户；不填则移交其全部在帮农户 / omit to move all of them",
    )
    started_on: date = Field(description="新结对开始、旧结对结束的日期 / the day of the handover")
    reason: str = Field(default="", max_length=200, description="移交原因 / why")


class HandoverPublic(BaseModel):
    moved: int
    pairings: list[PairingPublic]


ActiveQuery = Annotated[bool | None, Query(description="仅有效/已结束 / active or ended")]


class LinkFilters:
    """A list's query (a dataclass of the link's own columns, and ``active``): each one given
    narrows the list."""

    def conditions(self, model: type[Link]) -> list[ColumnElement[bool]]:
        wanted: list[ColumnElement[bool]] = []
        for name, value in vars(self).items():
            if value is None:
                continue
            if name == "active":
                ended_on = col(model.ended_on)
                wanted.append(ended_on.is_(None) if value else ended_on.is_not(None))
            else:
                wanted.append(col(getattr(model, name)) == value)
        return wanted


@dataclass(frozen=True)
class CadreEntityLinkFilters(LinkFilters):
    cadre_id: UUID | None = None
    entity_id: UUID | None = None
    active: ActiveQuery = None


@dataclass(frozen=True)
class EntityHouseholdLinkFilters(LinkFilters):
    entity_id: UUID | None = None
    household_id: UUID | None = None
    mode: Annotated[DriveMode | None, Query(description="带动方式 / mode")] = None
    active: ActiveQuery = None


@dataclass(frozen=True)
class PairingFilters(LinkFilters):
    cadre_id: UUID | None = None
    household_id: UUID | None = None
    active: ActiveQuery = None
