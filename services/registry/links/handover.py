"""Cadre handover (移交): one cadre's pairings end and the same households are paired to another
cadre, all in one transaction; the ended pairings are kept as history."""

from collections.abc import Sequence
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from kit.auth import Principal
from kit.logs import request_id_var
from registry.aggregates import emit
from registry.links import errors
from registry.links.kinds import PAIRING, active_cadre, cadre_in_reach, pairing_scope
from registry.links.rules import refuse_or_end
from registry.links.schemas import HandoverCreate, HandoverPublic, PairingPublic
from registry.models import AuditEntry, Household, Pairing
from registry.scope import visible_households


async def hand_over(
    session: AsyncSession, *, principal: Principal, data: HandoverCreate
) -> HandoverPublic:
    """End each chosen active pairing of ``from_cadre`` and pair its household to ``to_cadre``."""
    await _check_cadres(session, principal, data)
    wanted = data.household_ids
    if wanted is None:
        wanted = await _paired_households(session, principal, data.from_cadre_id)
    else:
        _refuse_repeats(wanted)
    households = await _lock_households(session, principal, wanted)
    current = await _active_pairings(session, data.from_cadre_id, list(households))
    if data.household_ids is not None:
        _refuse_unpaired(data.household_ids, current)
    elif not current:
        raise errors.nothing_to_hand_over()
    order = [h for h in wanted if h in current]
    for household_id in order:
        refuse_or_end(current[household_id], replace=True, started_on=data.started_on, holder="")
    await session.flush()  # the old pairings end before the new ones take the unique slots
    for household_id in order:
        _emit(session, current[household_id], households[household_id])
    created = [
        Pairing(cadre_id=data.to_cadre_id, household_id=h, started_on=data.started_on)
        for h in order
    ]
    session.add_all(created)
    await session.flush()
    states = [_emit(session, pairing, households[pairing.household_id]) for pairing in created]
    _audit(session, principal, data, order)
    return HandoverPublic(moved=len(states), pairings=states)


async def _check_cadres(session: AsyncSession, principal: Principal, data: HandoverCreate) -> None:
    """Both cadres in the writer's reach (links.kinds.cadre_in_reach); the cadre handing over
    may already have left (inactive), the one taking over may not."""
    if data.to_cadre_id == data.from_cadre_id:
        raise errors.same_cadre()
    await cadre_in_reach(session, principal, data.from_cadre_id, field="from_cadre_id")
    await active_cadre(session, principal, data.to_cadre_id, field="to_cadre_id")


async def _paired_households(
    session: AsyncSession, principal: Principal, cadre_id: UUID
) -> list[UUID]:
    query = (
        select(col(Pairing.household_id))
        .where(
            col(Pairing.cadre_id) == cadre_id,
            col(Pairing.ended_on).is_(None),
            *pairing_scope(principal),
        )
        .order_by(col(Pairing.started_on), col(Pairing.household_id))
    )
    return list((await session.execute(query)).scalars())


async def _lock_households(
    session: AsyncSession, principal: Principal, household_ids: Sequence[UUID]
) -> dict[UUID, str]:
    """Lock the households the caller may see, in id order, as a single pairing's write does
    (links.kinds.household_side): a concurrent handover or pairing of the same ones waits, then
    sees ours. Answers each household's village code."""
    query = (
        select(col(Household.id), col(Household.village_code))
        .where(col(Household.id).in_(household_ids), *visible_households(principal))
        .order_by(col(Household.id))
        .with_for_update()
    )
    return {row.id: row.village_code for row in (await session.execute(query)).all()}


async def _active_pairings(
    session: AsyncSession, cadre_id: UUID, household_ids: list[UUID]
) -> dict[UUID, Pairing]:
    query = select(Pairing).where(
        col(Pairing.cadre_id) == cadre_id,
        col(Pairing.ended_on).is_(None),
        col(Pairing.household_id).in_(household_ids),
    )
    return {p.household_id: p for p in (await session.execute(query)).scalars()}


def _refuse_repeats(household_ids: list[UUID]) -> None:
    seen: set[UUID] = set()
    for index, household_id in enumerate(household_ids):
        if household_id in seen:
            raise errors.listed_twice(index)
        seen.add(household_id)


def _refuse_unpaired(household_ids: list[UUID], current: dict[UUID, Pairing]) -> None:
    """Every named household must be actively paired to from_cadre (and in the caller's area);
    each one that is not is named, and nothing moves."""
    unpaired = [i for i, household_id in enumerate(household_ids) if household_id not in current]
    if unpaired:
        raise errors.not_paired_here(unpaired)


def _emit(session: AsyncSession, pairing: Pairing, village_code: str) -> PairingPublic:
    state = PAIRING.to_public(pairing)
    emit(session, PAIRING.aggregate, pairing, state, village_code)
    return state


def _audit(
    session: AsyncSession, principal: Principal, data: HandoverCreate, moved: list[UUID]
) -> None:
    """The handover's reason has no place on a pairing; the audit log keeps who, when and why."""
    session.add(
        AuditEntry(
            subject=principal.subject,
            roles=sorted(principal.roles),
            action="handover",
            resource="cadre",
            resource_id=str(data.from_cadre_id),
            fields=[f"to_cadre_id={data.to_cadre_id}", *(f"household_id={h}" for h in moved)],
            request_id=request_id_var.get(),
            reason=data.reason.strip(),
        )
    )
