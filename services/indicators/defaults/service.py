"""Which periods the screens open on: income figures on the latest quarter that has income
records in the caller's area (an empty quarter shows nothing but blanks), visits on the last
completed month with the running one beside it (early in a month everyone is still at 0 %)."""

from datetime import date, timedelta

from sqlalchemy import false
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from indicators.defaults.schemas import DefaultPeriods
from indicators.models import IncomeRecord
from indicators.periods import Period, month_text
from kit.auth import Principal
from kit.clock import local_today
from kit.problems import NotFound


def quarter_of(day: date) -> Period:
    return Period(day.year, (day.month - 1) // 3 + 1)


async def latest_income_period(
    session: AsyncSession, *, area_code: str, up_to: Period
) -> Period | None:
    """The latest quarter, not after ``up_to``, with an income record whose village (as kept on
    the record) lies in the area."""
    year, quarter = col(IncomeRecord.year), col(IncomeRecord.quarter)
    query = (
        select(year, quarter)
        .where(
            col(IncomeRecord.village_code).like(area_code + "%"),
            col(IncomeRecord.deleted) == false(),
            (year * 10 + quarter) <= up_to.year * 10 + up_to.quarter,
        )
        .order_by(year.desc(), quarter.desc())
        .limit(1)
    )
    row = (await session.execute(query)).first()
    return None if row is None else Period(row[0], row[1])


async def default_periods(
    session: AsyncSession, *, principal: Principal, area_code: str | None
) -> DefaultPeriods:
    """The default periods of the area asked for (else the caller's own scope)."""
    area = area_code if area_code is not None else principal.area
    if not principal.covers(area):
        raise NotFound(f"区划 {area} 不存在或不在你的范围内 / area not found")
    today = local_today()
    running = quarter_of(today)
    latest = await latest_income_period(session, area_code=area, up_to=running)
    return DefaultPeriods(
        area_code=area,
        income_period=None if latest is None else str(latest),
        running_quarter=str(running),
        completed_month=month_text(today.replace(day=1) - timedelta(days=1)),
        running_month=month_text(today),
        today=today,
    )
