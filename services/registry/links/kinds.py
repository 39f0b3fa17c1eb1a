"""What differs between the three kinds of links, stated once per kind: the table, the two sides
(and how a writer's choice of each is checked), where the one-active rule holds, the feed's
aggregate name, and which links a caller sees.

Every side is checked against the writer's scope (docs/security.md, "Writes across the township
line"): a township officer links only entities and households of their township and cadres whose
home area is inside it; a cadre of the county (a county department, a leader) is linked by the
county admin. A side out of reach is refused exactly like an absent one, and a refusal names only
what the writer may see."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import SQLModel, col, select

from kit.auth import Principal
from registry.cadres.service import visible_cadres
from registry.entities.service import visible_entities
from registry.links import errors
from registry.links.schemas import (
    CadreEntityLinkCreate,
    CadreEntityLinkFilters,
    CadreEntityLinkPublic,
    EntityHouseholdLinkCreate,
    EntityHouseholdLinkFilters,
    EntityHouseholdLinkPublic,
    LinkCreate,
    LinkFilters,
    LinkPublic,
    PairingCreate,
    PairingFilters,
    PairingPublic,
)
from registry.models import Cadre, CadreEntityLink, Entity, EntityHouseholdLink, Household, Pairing
from registry.models.base import Link
from registry.models.vocab import EntityStatus, HouseholdCategory
from registry.scope import cadre_only, visible_households

P = TypeVar("P", bound=LinkPublic)
Scope = Callable[[Principal], list[ColumnElement[bool]]]
Load = Callable[[AsyncSession, Principal, UUID], Awaitable[Any]]
# Who holds the active link a new one clashes with, in words the writer may read (the sides as
# loaded, by field).
Holder = Callable[[AsyncSession, Principal, Any, dict[str, Any]], Awaitable[str]]


@dataclass(frozen=True)
class Side:
    """One end of a link: the body's field, and the row a writer may link there (else 422)."""

    field: str
    load: Load


@dataclass(frozen=True)
class LinkKind(Generic[P]):
    aggregate: str  # the feed's aggregate name
    model: type[Link]
    public: type[P]
    create: type[LinkCreate]
    filters: type[LinkFilters]
    sides: tuple[Side, Side]  # checked in this order; the one whose row is locked serialises
    one_active_per: tuple[str, ...]  # the columns of the model's partial unique index
    scope: Scope  # the links a caller sees: any other answers 404
    village_of: tuple[type[SQLModel], str]  # the table and link column giving the events' area
    holder: Holder

    def to_public(self, link: Link) -> P:
        return self.public.model_validate({**link.model_dump(), "active": link.ended_on is None})


async def cadre_in_reach(
    session: AsyncSession,
    principal: Principal,
    cadre_id: UUID,
    *,
    lock: bool = False,
    field: str = "cadre_id",
) -> Cadre:
    """The cadre, if their home area is inside the writer's area; one out of reach is refused
    (naming ``field``) as an absent one is. ``lock`` makes two links for them go one at a time."""
    query = select(Cadre).where(col(Cadre.id) == cadre_id, *visible_cadres(principal))
    if lock:
        query = query.with_for_update()
    cadre = (await session.execute(query)).scalars().first()
    if cadre is None:
        raise errors.no_such_cadre(field, cadre_id)
    return cadre


async def active_cadre(
    session: AsyncSession,
    principal: Principal,
    cadre_id: UUID,
    *,
    lock: bool = False,
    field: str = "cadre_id",
) -> Cadre:
    """A cadre in the writer's reach (``cadre_in_reach``), refused unless active."""
    cadre = await cadre_in_reach(session, principal, cadre_id, lock=lock, field=field)
    if not cadre.active:
        raise errors.cadre_inactive(field, cadre.name)
    return cadre


def cadre_side(*, lock: bool) -> Side:
    async def load(session: AsyncSession, principal: Principal, cadre_id: UUID) -> Cadre:
        return await active_cadre(session, principal, cadre_id, lock=lock)

    return Side("cadre_id", load)


async def _linkable_entity(session: AsyncSession, principal: Principal, entity_id: UUID) -> Entity:
    """An entity in the writer's area, not deregistered."""
    query = select(Entity).where(col(Entity.id) == entity_id, *visible_entities(principal))
    entity = (await session.execute(query)).scalars().first()
    if entity is None:
        raise errors.no_such_entity()
    if entity.status != EntityStatus.ACTIVE:
        raise errors.entity_deregistered(entity.name)
    return entity


def household_side(*, low_income_only: bool) -> Side:
    async def load(session: AsyncSession, principal: Principal, household_id: UUID) -> Household:
        """The household, in the writer's area; locked, so that two links made for it at once
        go one after the other and the second sees the first."""
        query = (
            select(Household)
            .where(col(Household.id) == household_id, *visible_households(principal))
            .with_for_update()
        )
        household = (await session.execute(query)).scalars().first()
        if household is None:
            raise errors.no_such_household()
        if low_income_only and household.category != HouseholdCategory.LOW_INCOME:
            raise errors.not_low_income()
        return household

    return Side("household_id", load)


ENTITY_SIDE = Side("entity_id", _linkable_entity)


# Cadre–entity links (联系): at most one active entity per cadre; seen by the entity's village,
# and by a cadre-only caller only where they are the cadre.
def _cadre_entity_scope(principal: Principal) -> list[ColumnElement[bool]]:
    in_area = select(col(Entity.id)).where(principal.area_filter(col(Entity.village_code)))
    conditions: list[ColumnElement[bool]] = [col(CadreEntityLink.entity_id).in_(in_area)]
    if cadre_only(principal):
        conditions.append(col(CadreEntityLink.cadre_id) == principal.cadre_id)
    return conditions


async def _cadre_entity_holder(
    session: AsyncSession, principal: Principal, current: CadreEntityLink, sides: dict[str, Any]
) -> str:
    # The current link is in the writer's sight (service.create_link refuses otherwise), so its
    # entity is too.
    linked = await session.get(Entity, current.entity_id)
    entity = linked.name if linked else str(current.entity_id)
    return errors.cadre_links_entity(sides["cadre_id"].name, entity)


CADRE_ENTITY: LinkKind[CadreEntityLinkPublic] = LinkKind(
    aggregate="cadre_entity_link",
    model=CadreEntityLink,
    public=CadreEntityLinkPublic,
    create=CadreEntityLinkCreate,
    filters=CadreEntityLinkFilters,
    sides=(cadre_side(lock=True), ENTITY_SIDE),
    one_active_per=("cadre_id",),
    scope=_cadre_entity_scope,
    village_of=(Entity, "entity_id"),
    holder=_cadre_entity_holder,
)


# Entity–household links (带动): one active link per (entity, household); a household may be
# driven by several entities. Seen where the household is.
def _entity_household_scope(principal: Principal) -> list[ColumnElement[bool]]:
    households = select(col(Household.id)).where(*visible_households(principal))
    return [col(EntityHouseholdLink.household_id).in_(households)]


async def _entity_household_holder(
    session: AsyncSession, principal: Principal, current: EntityHouseholdLink, sides: dict[str, Any]
) -> str:
    return errors.entity_drives_household(sides["entity_id"].name, current.mode)


ENTITY_HOUSEHOLD: LinkKind[EntityHouseholdLinkPublic] = LinkKind(
    aggregate="entity_household_link",
    model=EntityHouseholdLink,
    public=EntityHouseholdLinkPublic,
    create=EntityHouseholdLinkCreate,
    filters=EntityHouseholdLinkFilters,
    sides=(ENTITY_SIDE, household_side(low_income_only=False)),
    one_active_per=("entity_id", "household_id"),
    scope=_entity_household_scope,
    village_of=(Household, "household_id"),
    holder=_entity_household_holder,
)


# Pairings (帮扶结对): only low-income households, exactly one active cadre each; seen by the
# household's village, and by a cadre-only caller only where they are the cadre.
def pairing_scope(principal: Principal) -> list[ColumnElement[bool]]:
    in_area = select(col(Household.id)).where(principal.area_filter(col(Household.village_code)))
    conditions: list[ColumnElement[bool]] = [col(Pairing.household_id).in_(in_area)]
    if cadre_only(principal):
        conditions.append(col(Pairing.cadre_id) == principal.cadre_id)
    return conditions


async def _pairing_holder(
    session: AsyncSession, principal: Principal, current: Pairing, sides: dict[str, Any]
) -> str:
    """The paired cadre by name where the writer sees them; a cadre of the county (paired by the
    county admin) is not named to a township officer."""
    query = select(Cadre).where(col(Cadre.id) == current.cadre_id, *visible_cadres(principal))
    paired = (await session.execute(query)).scalars().first()
    if paired is None:
        return errors.household_paired_out_of_reach()
    return errors.household_paired_to(paired.name, current.cadre_id)


PAIRING: LinkKind[PairingPublic] = LinkKind(
    aggregate="pairing",
    model=Pairing,
    public=PairingPublic,
    create=PairingCreate,
    filters=PairingFilters,
    sides=(household_side(low_income_only=True), cadre_side(lock=False)),
    one_active_per=("household_id",),
    scope=pairing_scope,
    village_of=(Household, "household_id"),
    holder=_pairing_holder,
)
