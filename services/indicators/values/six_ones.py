"""#14 "six ones" (六个一) of the area's low-income households (current category), for the
month the period ends in (or the current month, for the current quarter), each part reported
separately and all together (DOMAIN.md):

- ``has_cadre``: a pairing holds on the reference day (the month's last day, or today);
- ``main_measure``: a plan for the reference day's year that names a main measure;
- ``medical_insurance``: a plan (of any year) insured over a period that covers any day of
  the month (both ends inclusive);
- ``happiness_list``: at least one happiness-list item, planned or delivered, in the year
  (an item's year is that of its ``delivered_on``);
- ``visited``: a visit of any mode in the month (Asia/Shanghai), the assistance service's
  own rule;
- ``all``: every one of the five.

Each part is a set of household ids (``_facts``) joined once to the households, so an area of
any size is one pass over its low-income households with a hash join per part, never a
lookup per household; the explanation's list joins the same sets."""

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Subquery, and_, case, false, func, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from indicators.alerts.evaluate import month_last_day, month_text
from indicators.models import HappinessItemCopy, Household, Pairing, PlanCopy, VisitCopy
from indicators.values.calc import Calculator, Figure, Grouped, MemberColumns, Scope, Sums, grouped
from indicators.values.exact import ratio

H = Household
LOW_INCOME = "low_income"
PARTS = ("has_cadre", "main_measure", "medical_insurance", "happiness_list", "visited")
ITEM_STATUSES = ("planned", "delivered")  # either counts


def _facts(scope: Scope) -> dict[str, Subquery]:
    """part → the distinct ids of the households that have it on the scope's reference day."""
    day = scope.as_of
    month = month_text(day)
    first: date = day.replace(day=1)
    last = month_last_day(month)
    pairing, plan, item, visit = Pairing, PlanCopy, HappinessItemCopy, VisitCopy
    wanted: dict[str, tuple[Any, list[ColumnElement[bool]]]] = {
        "has_cadre": (
            pairing.household_id,
            [
                col(pairing.deleted) == false(),
                col(pairing.started_on) <= day,
                or_(col(pairing.ended_on).is_(None), col(pairing.ended_on) > day),
            ],
        ),
        "main_measure": (
            plan.household_id,
            [
                col(plan.deleted) == false(),
                col(plan.year) == day.year,
                col(plan.main_measure).is_not(None),
            ],
        ),
        "medical_insurance": (
            plan.household_id,
            [
                col(plan.deleted) == false(),
                col(plan.insured) == true(),
                col(plan.insurance_starts_on) <= last,
                col(plan.insurance_ends_on) >= first,
            ],
        ),
        "happiness_list": (
            item.household_id,
            [
                col(item.deleted) == false(),
                col(item.year) == day.year,
                col(item.status).in_(ITEM_STATUSES),
            ],
        ),
        "visited": (
            visit.household_id,
            [col(visit.deleted) == false(), col(visit.month) == month],
        ),
    }
    return {
        part: select(col(household_id).label("household_id"))
        .where(*conditions)
        .distinct()
        .subquery(part)
        for part, (household_id, conditions) in wanted.items()
    }


def _joined(scope: Scope) -> tuple[Callable[..., Any], dict[str, ColumnElement[bool]]]:
    """A query of the area's low-income households joined to each part's set (pass it the
    columns), and part → the condition "has it" over those joins."""
    facts = _facts(scope)
    has: dict[str, ColumnElement[bool]] = {
        part: fact.c.household_id.is_not(None) for part, fact in facts.items()
    }
    has["all"] = and_(*has.values())

    def query(*columns: Any) -> Any:
        joined = select(*columns).select_from(H)
        for fact in facts.values():
            joined = joined.outerjoin(fact, fact.c.household_id == col(H.id))
        return joined.where(
            col(H.deleted) == false(),
            col(H.category) == LOW_INCOME,
            scope.within(col(H.village_code)),
        )

    return query, has


async def _sums(session: AsyncSession, scope: Scope) -> Grouped:
    group = scope.group(col(H.village_code)).label("g")
    query, has = _joined(scope)
    counted = (
        func.sum(case((condition, 1), else_=0)).label(part) for part, condition in has.items()
    )
    return await grouped(
        session, query(group, func.count().label("households"), *counted).group_by(group)
    )


def _figures(sums: Sums, reported: dict[str, Decimal]) -> dict[str, Figure]:
    households = sums["households"]
    return {
        measure: Figure(ratio(sums[measure], households), sums[measure], households, households)
        for measure in (*PARTS, "all")
    }


def _members(scope: Scope) -> MemberColumns:
    query, has = _joined(scope)
    listed = query(
        col(H.id).label("id"),
        col(H.head_name).label("name"),
        col(H.village_code).label("village_code"),
        col(H.category).label("category"),
    )
    return MemberColumns(
        "household", listed, col(H.id), has.get, lambda row: {"month": month_text(scope.as_of)}
    )


SIX_ONES = Calculator("households", _sums, _figures, _members)
