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

Each part is an EXISTS over its table's household index, counted with the EXISTS in a WHERE
(a semi join per part, ``_sums``); the explanation's list filters by the same conditions."""

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, false, func, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from indicators.alerts.evaluate import month_last_day, month_text
from indicators.models import HappinessItemCopy, Household, Pairing, PlanCopy, VisitCopy
from indicators.values.calc import (
    Calculator,
    Figure,
    Grouped,
    MemberColumns,
    Scope,
    Sums,
    grouped,
    merge,
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
            col(pairing.household_id) == col(H.id),
            col(pairing.deleted) == false(),
            col(pairing.started_on) <= day,
            or_(col(pairing.ended_on).is_(None), col(pairing.ended_on) > day),
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


def _households(scope: Scope) -> list[ColumnElement[bool]]:
    return [
        col(H.deleted) == false(),
        col(H.category) == LOW_INCOME,
        scope.within(col(H.village_code)),
    ]


def _has(scope: Scope) -> dict[str, ColumnElement[bool]]:
    has = _facts(scope)
    has["all"] = and_(*has.values())
    return has


async def _sums(session: AsyncSession, scope: Scope) -> Grouped:
    """One count per part (and one of all five), each with its EXISTS in the WHERE, where
    PostgreSQL answers it with a semi join: one pass over the part's rows. (In a CASE, or as
    joins to DISTINCT sets, the same figures took from 2.4 s to minutes at a million.)"""
    group = scope.group(col(H.village_code)).label("g")
    counts = [select(group, func.count().label("households")).where(*_households(scope))]
    counts += [
        select(group, func.count().label(part)).where(*_households(scope), condition)
        for part, condition in _has(scope).items()
    ]
    return merge(*[await grouped(session, query.group_by(group)) for query in counts])


def _figures(sums: Sums, reported: dict[str, Decimal]) -> dict[str, Figure]:
    households = sums["households"]
    return {
        measure: Figure(ratio(sums[measure], households), sums[measure], households, households)
        for measure in (*PARTS, "all")
    }


def _members(scope: Scope) -> MemberColumns:
    listed: Any = select(
        col(H.id).label("id"),
        col(H.head_name).label("name"),
        col(H.village_code).label("village_code"),
        col(H.category).label("category"),
    ).where(*_households(scope))
    return MemberColumns(
        "household",
        listed,
        col(H.id),
        _has(scope).get,
        lambda row: {"month": month_text(scope.as_of)},
    )


SIX_ONES = Calculator("households", _sums, _figures, _members)
