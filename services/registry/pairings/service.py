"""Pairings: only low-income households, exactly one active cadre each; seen by the household's
village, and by a cadre-only caller only where they are the cadre."""

from datetime import date
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col, select

from kit.auth import Principal
from kit.problems import invalid
from registry.aggregates import emit, get_visible
from registry.link_rules import (
    active_cadre,
    active_condition,
    current_active,
    end_link,
    link_state,
    list_links,
    refuse_or_end,
)
from registry.models import Cadre, Household, Pairing
from registry.models.vocab import HouseholdCategory
from registry.pairings.schemas import PairingCreate, PairingPublic
from registry.scope import cadre_only, visible_households

AGGREGATE = "pairing"


def visible_pairings(principal: Principal) -> list[ColumnElement[bool]]:
    in_area = select(col(Household.id)).where(principal.area_filter(col(Household.village_code)))
    conditions: list[ColumnElement[bool]] = [col(Pairing.household_id).in_(in_area)]
    if cadre_only(principal):
        conditions.append(col(Pairing.cadre_id) == principal.cadre_id)
    return conditions


def to_public(pairing: Pairing) -> PairingPublic:
    return PairingPublic.model_validate(link_state(pairing))


def _emit(session: AsyncSession, pairing: Pairing, village_code: str) -> PairingPublic:
    state = to_public(pairing)
    emit(session, AGGREGATE, pairing, state, village_code)
    return state


async def list_pairings(
    *,
    session: AsyncSession,
    principal: Principal,
    cadre_id: UUID | None,
    household_id: UUID | None,
    active: bool | None,
    cursor: str | None,
    limit: int,
) -> tuple[list[PairingPublic], str | None]:
    conditions = [*visible_pairings(principal), *active_condition(Pairing, active)]
    if cadre_id is not None:
        conditions.append(col(Pairing.cadre_id) == cadre_id)
    if household_id is not None:
        conditions.append(col(Pairing.household_id) == household_id)
    rows, next_cursor = await list_links(session, Pairing, conditions, cursor=cursor, limit=limit)
    return [to_public(row) for row in rows], next_cursor


async def get_pairing(
    *, session: AsyncSession, principal: Principal, pairing_id: UUID
) -> PairingPublic:
    return to_public(await get_visible(session, Pairing, pairing_id, *visible_pairings(principal)))


async def _pairable_household(
    session: AsyncSession, principal: Principal, household_id: UUID
) -> Household:
    """The household, in the writer's area and low-income; locked, so that two pairings made for
    it at once go one after the other and the second sees the first."""
    query = (
        select(Household)
        .where(col(Household.id) == household_id, *visible_households(principal))
        .with_for_update()
    )
    household = (await session.execute(query)).scalars().first()
    if household is None:
        raise invalid("household_id", "农户不存在或不在你的范围内 / no such household in your area")
    if household.category != HouseholdCategory.LOW_INCOME:
        raise invalid(
            "household_id",
            "只有低收入农户可以结对帮扶 / only low-income households may be paired",
        )
    return household


async def create_pairing(
    *, session: AsyncSession, principal: Principal, data: PairingCreate
) -> PairingPublic:
    household = await _pairable_household(session, principal, data.household_id)
    cadre = await active_cadre(session, data.cadre_id)
    current = await current_active(session, Pairing, col(Pairing.household_id) == household.id)
    if current is not None:
        paired = await session.get(Cadre, current.cadre_id)
        holder = f"该户已与干部「{paired.name if paired else ''}」({current.cadre_id}) 结对"
        refuse_or_end(
            current, replace=data.replace_active, started_on=data.started_on, holder=holder
        )
        await session.flush()  # the old pairing ends before the new one takes the unique slot
        _emit(session, current, household.village_code)
    pairing = Pairing(cadre_id=cadre.id, household_id=household.id, started_on=data.started_on)
    session.add(pairing)
    await session.flush()
    return _emit(session, pairing, household.village_code)


async def end_pairing(
    *,
    session: AsyncSession,
    principal: Principal,
    pairing_id: UUID,
    ended_on: date,
    if_match: str | None,
) -> PairingPublic:
    pairing = await get_visible(
        session, Pairing, pairing_id, *visible_pairings(principal), for_update=True
    )
    end_link(pairing, ended_on, if_match)
    await session.flush()
    household = await session.get(Household, pairing.household_id)
    return _emit(session, pairing, household.village_code if household else "")
