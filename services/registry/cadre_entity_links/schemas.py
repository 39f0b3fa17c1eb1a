"""Cadre–entity links (联系): each cadre links to one entity at a time."""

from uuid import UUID

from registry.link_rules import LinkCreate, LinkPublic


class CadreEntityLinkCreate(LinkCreate):
    cadre_id: UUID
    entity_id: UUID


class CadreEntityLinkPublic(LinkPublic):
    cadre_id: UUID
    entity_id: UUID
