"""Entity–household links (带动): an entity drives a household, in a stated mode."""

from uuid import UUID

from registry.link_rules import LinkCreate, LinkPublic
from registry.models.vocab import DriveMode


class EntityHouseholdLinkCreate(LinkCreate):
    entity_id: UUID
    household_id: UUID
    mode: DriveMode


class EntityHouseholdLinkPublic(LinkPublic):
    entity_id: UUID
    household_id: UUID
    mode: DriveMode
