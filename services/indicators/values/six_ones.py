"""#14 "six ones" (六个一) of the area's low-income households (current category), for the
month the period ends in (or the current month, for the current quarter): an active pairing
on the reference day, a visit of any mode in the month — the assistance service's own rule —
and, once the assistance feed carries them (its part B), a plan with a main measure, medical
insurance covering a day of the month and a happiness-list item in the year. Until then those
three, and "all six", have no value and say so."""

from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, case, exists, false, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from indicators.alerts.evaluate import month_text
from indicators.models import Household, Pairing, VisitCopy
from indicators.values.calc import Calculator, Figure, Grouped, MemberColumns, Scope, Sums, grouped
from indicators.values.exact import ratio

H = Household
LOW_INCOME = "low_income"
PENDING = (
    "待帮扶服务变更流提供帮扶计划、医疗补充保险和幸福清单后计算"
    " / pending: needs plans, medical insurance and happiness lists in the assistance feed"
)
PENDING_MEASURES = ("main_measure", "medical_insurance", "happiness_list", "all")


def has_cadre(scope: Scope) -> ColumnElement[bool]:
    return exists().where(
        col(Pairing.household_id) == col(H.id),
        col(Pairing.deleted) == false(),
        col(Pairing.started_on) <= scope.as_of,
        or_(col(Pairing.ended_on).is_(None), col(Pairing.ended_on) > scope.as_of),
    )


def visited(scope: Scope) -> ColumnElement[bool]:
    return exists().where(
        col(VisitCopy.household_id) == col(H.id),
        col(VisitCopy.month) == month_text(scope.as_of),
        col(VisitCopy.deleted) == false(),
    )


def _households(scope: Scope) -> list[ColumnElement[bool]]:
    return [
        col(H.deleted) == false(),
        col(H.category) == LOW_INCOME,
        scope.within(col(H.village_code)),
    ]


async def _sums(session: AsyncSession, scope: Scope) -> Grouped:
    group = scope.group(col(H.village_code)).label("g")
    query = (
        select(
            group,
            func.count().label("households"),
            func.sum(case((has_cadre(scope), 1), else_=0)).label("has_cadre"),
            func.sum(case((visited(scope), 1), else_=0)).label("visited"),
        )
        .where(*_households(scope))
        .group_by(group)
    )
    return await grouped(session, query)


def _figures(sums: Sums, reported: dict[str, Decimal]) -> dict[str, Figure]:
    households = sums["households"]
    figures = {
        measure: Figure(ratio(sums[measure], households), sums[measure], households, households)
        for measure in ("has_cadre", "visited")
    }
    for measure in PENDING_MEASURES:
        figures[measure] = Figure(None, None, households, households, note=PENDING)
    return figures


def _members(scope: Scope) -> MemberColumns:
    query: Any = select(
        col(H.id).label("id"),
        col(H.head_name).label("name"),
        col(H.village_code).label("village_code"),
        col(H.category).label("category"),
    ).where(*_households(scope))
    conditions = {"has_cadre": has_cadre(scope), "visited": visited(scope)}
    return MemberColumns(
        "household",
        query,
        col(H.id),
        conditions.get,
        lambda row: {"month": month_text(scope.as_of)},
    )


SIX_ONES = Calculator("households", _sums, _figures, _members)
