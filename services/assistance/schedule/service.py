"""The visit schedule: each household due in a month, visited or not."""

from datetime import date

from sqlalchemy import false, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from assistance.models import Household, Visit
from assistance.months import Month
from assistance.schedule.due import DueFilters, due_query
from assistance.schedule.schemas import DueStatus, ScheduleItem, SchedulePage
from kit.auth import Principal
from kit.pagination import paginate


def status_of(visits: int, month: Month, today: date) -> DueStatus:
    if visits:
        return DueStatus.VISITED
    return DueStatus.OVERDUE if month.ended(today) else DueStatus.PENDING


async def schedule(
    session: AsyncSession,
    *,
    principal: Principal,
    month: Month,
    today: date,
    filters: DueFilters,
    status: DueStatus | None,
    cursor: str | None,
    limit: int,
) -> SchedulePage:
    """The households due a visit in ``month`` the caller may see, by village, then household."""
    query, visited = due_query(principal, month, today, filters)
    # The household's latest visit of any month up to this one's end (a correlated read of the
    # visit index), so a cadre sees when they last went even before this month's visit.
    latest = (
        select(func.max(col(Visit.occurred_at)))
        .where(
            col(Visit.household_id) == col(Household.id),
            col(Visit.occurred_at) < month.ends_at,
        )
        .correlate(Household)
        .scalar_subquery()
    )
    query = query.add_columns(latest.label("latest_visit_at"))
    if status == DueStatus.VISITED:
        query = query.where(visited.c.visits.is_not(None))
    elif status is not None:
        # Overdue exists only once the month has ended, pending only before.
        wanted = month.ended(today) == (status == DueStatus.OVERDUE)
        query = query.where(visited.c.visits.is_(None) if wanted else false())
    rows, next_cursor = await paginate(
        session,
        query,
        [col(Household.village_code), col(Household.id)],
        cursor=cursor,
        limit=limit,
    )
    items = [
        ScheduleItem(
            household_id=row.id,
            head_name=row.head_name,
            village_code=row.village_code,
            cadre_id=row.cadre_id,
            cadre_name=row.cadre_name,
            visits=row.visits,
            last_visit_at=row.last_visit_at,
            latest_visit_at=row.latest_visit_at,
            status=status_of(row.visits, month, today),
        )
        for row in rows
    ]
    return SchedulePage(
        month=str(month),
        reference_day=month.reference_day(today).isoformat(),
        items=items,
        next_cursor=next_cursor,
    )
