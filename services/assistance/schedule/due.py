"""Who is due a visit in a month, and whether they had one: the rule schedule and compliance
share (docs/assistance.md, "Who is due").

- A household is due one visit in a calendar month (Asia/Shanghai) when a pairing holds on the
  month's reference day: its last day, or today for the current month. The cadre of that
  pairing is the one it is due from; a pairing that starts or ends mid-month counts for the
  cadre paired on that day only, so each household is due once a month, from one cadre.
- Any visit of the household in the month, of any mode and by anyone, counts (the same rule as
  the "six ones" of DOMAIN.md: "at least one visit of any mode in the month").
"""

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy import Select, func, select
from sqlmodel import col

from assistance.models import Cadre, Household, Pairing, Visit
from assistance.months import Month
from assistance.scope import active_on, cadre_only
from kit.auth import Principal


@dataclass(frozen=True)
class DueFilters:
    area: str | None = None  # an area code prefix, within the caller's own
    cadre_id: UUID | None = None


def visits_in(month: Month) -> Any:
    """Per household: how many visits in the month, and the last one's time."""
    return (
        select(
            col(Visit.household_id).label("household_id"),
            func.count().label("visits"),
            func.max(col(Visit.occurred_at)).label("last_visit_at"),
        )
        .where(col(Visit.occurred_at) >= month.starts_at, col(Visit.occurred_at) < month.ends_at)
        .group_by(col(Visit.household_id))
        .subquery("visited")
    )


def due_query(
    principal: Principal, month: Month, today: date, filters: DueFilters
) -> tuple[Select[Any], Any]:
    """One row per household due in ``month`` the caller may see; answers the query and the
    visits subquery (whose ``visits`` column is NULL for a household not visited)."""
    visited = visits_in(month)
    query = (
        select(
            col(Household.id),
            col(Household.head_name),
            col(Household.village_code),
            col(Pairing.cadre_id),
            col(Cadre.name).label("cadre_name"),
            func.coalesce(visited.c.visits, 0).label("visits"),
            visited.c.last_visit_at,
        )
        .select_from(Pairing)
        .join(Household, col(Household.id) == col(Pairing.household_id))
        .outerjoin(Cadre, col(Cadre.id) == col(Pairing.cadre_id))
        .outerjoin(visited, visited.c.household_id == col(Household.id))
        .where(
            *active_on(month.reference_day(today)),
            col(Household.deleted).is_(False),
            principal.area_filter(col(Household.village_code)),
        )
    )
    if cadre_only(principal):
        query = query.where(col(Pairing.cadre_id) == principal.cadre_id)
    if filters.area:
        query = query.where(col(Household.village_code).startswith(filters.area))
    if filters.cadre_id is not None:
        query = query.where(col(Pairing.cadre_id) == filters.cadre_id)
    return query, visited
