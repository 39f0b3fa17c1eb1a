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

Each part is an EXISTS probing its table's household index, evaluated once per household in
a materialized list of the area's low-income households (``_flags``); the totals and the
explanation's list both read that list."""

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, and_, case, exists, false, func, select, true
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from indicators.models import HappinessItemCopy, Household, Pairing, PlanCopy, VisitCopy
from indicators.periods import month_last_day, month_text
from indicators.programme import active_on
from indicators.values.calculation import (
    Calculator,
    Figure,
    Grouped,
    MemberColumns,
    Scope,
    Sums,
    grouped,
)
from indicators.values.exact import ratio

H = Household
LOW_INCOME = "low_income"
PARTS = ("has_cadre", "main_measure", "medical_insurance", "happiness_list", "visited")
ITEM_STATUSES = ("planned", "delivered")  # either counts


def _facts(scope: Scope) -> dict[str, ColumnElement[bool]]:
    """part → "the household has it on the scope's reference day", each an EXISTS on its
    table's (household_id, …) index."""
    day = scope.as_of
    month = month_text(day)
    first: date = day.replace(day=1)
    last = month_last_day(month)
    pairing, plan, item, visit = Pairing, PlanCopy, HappinessItemCopy, VisitCopy
    return {
        "has_cadre": exists().where(
            col(pairing.household_id) == col(H.id), *active_on(pairing, day)
        ),
        "main_measure": exists().where(
            col(plan.household_id) == col(H.id),
            col(plan.year) == day.year,
            col(plan.deleted) == false(),
            col(plan.main_measure).is_not(None),
        ),
        "medical_insurance": exists().where(
            col(plan.household_id) == col(H.id),
            col(plan.deleted) == false(),
            col(plan.insured) == true(),
            col(plan.insurance_starts_on) <= last,
            col(plan.insurance_ends_on) >= first,
        ),
        "happiness_list": exists().where(
            col(item.household_id) == col(H.id),
            col(item.year) == day.year,
            col(item.deleted) == false(),
            col(item.status).in_(ITEM_STATUSES),
        ),
        "visited": exists().where(
            col(visit.household_id) == col(H.id),
            col(visit.month) == month,
            col(visit.deleted) == false(),
        ),
    }


def _flags(scope: Scope) -> Any:
    """The area's low-income households, each with its five parts as columns.

    MATERIALIZED, so each EXISTS runs once per household (the totals and "all" read the
    columns) rather than being copied into every expression that uses it. At a million
    households (bench/indicators_scale.py) this took 2.4 s a period; one count per part with
    its EXISTS in a WHERE (semi joins) 3.4 s; joins to DISTINCT sets of ids, minutes
    (PostgreSQL 15 finishing a parallel DISTINCT of half a million ids)."""
    facts = _facts(scope)
    return (
        select(
            col(H.id).label("id"),
            col(H.head_name).label("name"),
            col(H.village_code).label("village_code"),
            col(H.category).label("category"),
            *(condition.label(part) for part, condition in facts.items()),
        )
        .where(
            col(H.deleted) == false(),
            col(H.category) == LOW_INCOME,
            scope.within(col(H.village_code)),
        )
        .cte("six_ones")
        .prefix_with("MATERIALIZED")
    )


def _has(flags: Any) -> dict[str, ColumnElement[bool]]:
    has: dict[str, ColumnElement[bool]] = {part: flags.c[part] for part in PARTS}
    has["all"] = and_(*has.values())
    return has


async def _sums(session: AsyncSession, scope: Scope) -> Grouped:
    flags = _flags(scope)
    group = scope.group(flags.c.village_code).label("g")
    counted = (
        func.sum(case((condition, 1), else_=0)).label(part)
        for part, condition in _has(flags).items()
    )
    query = select(group, func.count().label("households"), *counted).group_by(group)
    return await grouped(session, query)


def _figures(sums: Sums, reported: dict[str, Decimal]) -> dict[str, Figure]:
    households = sums["households"]
    return {
        measure: Figure(ratio(sums[measure], households), sums[measure], households, households)
        for measure in (*PARTS, "all")
    }


def _members(scope: Scope) -> MemberColumns:
    flags = _flags(scope)
    listed = select(flags.c.id, flags.c.name, flags.c.village_code, flags.c.category)
    return MemberColumns(
        "household",
        listed,
        flags.c.id,
        _has(flags).get,
        lambda row: {"month": month_text(scope.as_of)},
    )


SIX_ONES = Calculator("households", _sums, _figures, _members)
