"""Finding the household a plan, happiness item or need is for, within the caller's reach
(scope.households_in_reach): one lookup, one error, shared by the three."""

from datetime import date
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from assistance.models import Household
from assistance.scope import households_in_reach
from kit.auth import Principal
from kit.problems import NotFound, invalid

OUT_OF_REACH = (
    "农户不存在、不在你的范围内（干部：未与你结对）或尚未从登记库同步"
    " / no such household in your reach (a cadre: not paired to you), or not yet synced"
)


async def in_reach(
    session: AsyncSession, *, principal: Principal, household_id: UUID, today: date
) -> Household | None:
    """The household, if the caller may reach it (else None)."""
    query = select(Household).where(
        col(Household.id) == household_id,
        col(Household.id).in_(households_in_reach(principal, today)),
    )
    return (await session.execute(query)).scalars().first()


async def named_in_body(
    session: AsyncSession, *, principal: Principal, household_id: UUID, today: date
) -> Household:
    """A household the body names: out of reach answers 422 on ``household_id``."""
    household = await in_reach(session, principal=principal, household_id=household_id, today=today)
    if household is None:
        raise invalid("household_id", OUT_OF_REACH)
    return household


async def named_in_path(
    session: AsyncSession, *, principal: Principal, household_id: UUID, today: date
) -> Household:
    """A household the path names: out of reach answers 404 (as if it were not there)."""
    household = await in_reach(session, principal=principal, household_id=household_id, today=today)
    if household is None:
        raise NotFound(OUT_OF_REACH)
    return household
