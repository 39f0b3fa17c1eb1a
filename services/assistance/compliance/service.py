"""Visit compliance: households visited ÷ households due, per cadre, township or county, on
the due rule of assistance.schedule.due."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from assistance.compliance.schemas import CompliancePage, ComplianceRow, Level
from assistance.months import Month
from assistance.schedule.due import DueFilters, due_query
from kit.auth import Principal

# Area code lengths of the levels (DOMAIN.md: 6 county, 9 township, 12 village).
PREFIX = {Level.VILLAGE: 12, Level.TOWNSHIP: 9, Level.COUNTY: 6}


def rate(visited: int, due: int) -> str | None:
    """The exact share, rounded half up to 0.01 % only for display."""
    if not due:
        return None
    return str((Decimal(visited) / Decimal(due)).quantize(Decimal("0.0001"), ROUND_HALF_UP))


async def compliance(
    session: AsyncSession,
    *,
    principal: Principal,
    month: Month,
    today: date,
    level: Level,
    filters: DueFilters,
) -> CompliancePage:
    """Visited ÷ due in ``month`` per cadre, township or county, with the total."""
    query, _ = due_query(principal, month, today, filters)
    due = query.subquery("due")
    visited = func.count().filter(due.c.visits > 0)
    # What the answer covers: the caller's area, or the narrower area asked for.
    covered = max(principal.area, filters.area or "", key=len)
    if level == Level.CADRE:
        keys: list[Any] = [due.c.cadre_id, due.c.cadre_name]
    else:
        # A level wider than what is covered (an officer asking for the county) answers for the
        # covered area under its own code, never another area's code over a part of its figures.
        length = max(PREFIX[level], len(covered))
        keys = [func.substr(due.c.village_code, 1, length).label("area")]
    grouped = (
        select(*keys, func.count().label("due"), visited.label("visited"))
        .group_by(*keys)
        .order_by(*keys)
    )
    rows = []
    for row in (await session.execute(grouped)).all():
        key = str(row.cadre_id) if level == Level.CADRE else row.area
        name = row.cadre_name if level == Level.CADRE else None
        rows.append(
            ComplianceRow(
                key=key,
                name=name,
                due=row.due,
                visited=row.visited,
                rate=rate(row.visited, row.due),
            )
        )
    due_total = sum(r.due for r in rows)
    visited_total = sum(r.visited for r in rows)
    total = ComplianceRow(
        key=covered,
        due=due_total,
        visited=visited_total,
        rate=rate(visited_total, due_total),
    )
    return CompliancePage(
        month=str(month),
        level=level,
        reference_day=month.reference_day(today).isoformat(),
        items=rows,
        total=total,
    )
