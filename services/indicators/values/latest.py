"""The period a screen or an export shows when none is asked (DOMAIN.md, "Targets and progress
tables"): the latest quarter with income records in the area."""

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from indicators.models import IncomeSums
from indicators.periods import Period
from kit.clock import local_today


async def latest_income_period(
    session: AsyncSession, *, area_code: str, year: int | None = None
) -> Period:
    """The latest quarter (of ``year``, if given) with an income record in the area; without
    any, the running quarter (or the year's last quarter begun), so the table is still named."""
    query = (
        select(col(IncomeSums.year), col(IncomeSums.quarter))
        .where(col(IncomeSums.village_code).like(area_code + "%"), col(IncomeSums.households) > 0)
        .order_by(col(IncomeSums.year).desc(), col(IncomeSums.quarter).desc())
        .limit(1)
    )
    if year is not None:
        query = query.where(col(IncomeSums.year) == year)
    found = (await session.execute(query)).first()
    if found is not None:
        return Period(found[0], found[1])
    today = local_today()
    running = Period(today.year, (today.month - 1) // 3 + 1)
    if year is None or year == today.year:
        return running
    return Period(year, 4 if year < today.year else 1)
