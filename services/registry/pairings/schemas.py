"""Assistance pairings (帮扶结对): one active cadre per low-income household."""

from datetime import date
from uuid import UUID

from pydantic import BaseModel, Field

from registry.link_rules import LinkCreate, LinkPublic


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
