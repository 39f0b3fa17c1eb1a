"""Assistance pairings (帮扶结对): one active cadre per low-income household."""

from uuid import UUID

from registry.link_rules import LinkCreate, LinkPublic


class PairingCreate(LinkCreate):
    cadre_id: UUID
    household_id: UUID


class PairingPublic(LinkPublic):
    cadre_id: UUID
    household_id: UUID
