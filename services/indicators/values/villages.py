"""Village indicators (#9 cultivation quota, #15 collective income): administrative villages
(村委会, code ending 200–399) only, as the plan counts them."""

from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, case, false, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from indicators.models import Area, CollectiveIncome, Entity
from indicators.values.calculation import (
    Calculator,
    Figure,
    Grouped,
    MemberColumns,
    Scope,
    Sums,
    grouped,
)
from indicators.values.entities import active_entities, is_new
from indicators.values.exact import plain, ratio, yuan

ADMINISTRATIVE_VILLAGE = "administrative_village"
QUOTA = {"small": 1, "medium": 3, "large": 5}  # the lower bound of each size class's range
COLLECTIVE_LINES_FEN = {"share_200k": 20_000_000, "share_500k": 50_000_000}


def _villages(scope: Scope) -> list[ColumnElement[bool]]:
    return [
        col(Area.level) == "village",
        col(Area.kind) == ADMINISTRATIVE_VILLAGE,
        col(Area.deleted) == false(),
        scope.within(col(Area.code)),
    ]


# --- #9 --------------------------------------------------------------------------------------
def _quota_parts(scope: Scope) -> tuple[Any, Any, ColumnElement[bool]]:
    new_entities = (
        select(col(Entity.village_code).label("code"), func.count().label("new"))
        .where(*active_entities(scope), is_new(scope))
        .group_by(col(Entity.village_code))
        .subquery("new_entities")
    )
    new = func.coalesce(new_entities.c.new, 0)
    quota = case(*((col(Area.size_class) == size, n) for size, n in QUOTA.items()))
    return new_entities, new, new >= quota


async def _quota_sums(session: AsyncSession, scope: Scope) -> Grouped:
    new_entities, _, meets = _quota_parts(scope)
    group = scope.group(col(Area.code)).label("g")
    query = (
        select(
            group,
            func.count().label("villages"),
            func.sum(case((meets, 1), else_=0)).label("meeting"),
        )
        .select_from(Area)
        .outerjoin(new_entities, new_entities.c.code == col(Area.code))
        .where(*_villages(scope), col(Area.size_class).is_not(None))
        .group_by(group)
    )
    return await grouped(session, query)


def _quota_figures(sums: Sums, reported: dict[str, Decimal]) -> dict[str, Figure]:
    meeting, villages = sums["meeting"], sums["villages"]
    return {
        "villages_meeting": Figure(ratio(meeting, 1), meeting, villages, villages),
        "share": Figure(ratio(meeting, villages), meeting, villages, villages),
    }


def _quota_members(scope: Scope) -> MemberColumns:
    new_entities, new, meets = _quota_parts(scope)
    query = (
        select(
            col(Area.code).label("id"),
            col(Area.name).label("name"),
            col(Area.code).label("village_code"),
            col(Area.size_class).label("size_class"),
            new.label("new_entities"),
        )
        .select_from(Area)
        .outerjoin(new_entities, new_entities.c.code == col(Area.code))
        .where(*_villages(scope), col(Area.size_class).is_not(None))
    )
    return MemberColumns(
        "village",
        query,
        col(Area.code),
        lambda measure: meets,
        lambda row: {"size_class": row.size_class, "new_entities": str(row.new_entities)},
    )


CULTIVATION_QUOTA = Calculator("villages", _quota_sums, _quota_figures, _quota_members)


# --- #15 -------------------------------------------------------------------------------------
def _collective_query(scope: Scope, *columns: Any) -> Any:
    ci = CollectiveIncome
    return (
        select(*columns)
        .select_from(Area)
        .join(ci, col(ci.area_code) == col(Area.code))
        .where(*_villages(scope), col(ci.year) == scope.period.year)
    )


async def _collective_sums(session: AsyncSession, scope: Scope) -> Grouped:
    fen = col(CollectiveIncome.operating_income_fen)
    group = scope.group(col(Area.code)).label("g")
    query = _collective_query(
        scope,
        group,
        func.count().label("villages"),
        *(
            func.sum(case((fen >= line, 1), else_=0)).label(measure)
            for measure, line in COLLECTIVE_LINES_FEN.items()
        ),
    ).group_by(group)
    return await grouped(session, query)


def _collective_figures(sums: Sums, reported: dict[str, Decimal]) -> dict[str, Figure]:
    villages = sums["villages"]
    return {
        measure: Figure(ratio(sums[measure], villages), sums[measure], villages, villages)
        for measure in COLLECTIVE_LINES_FEN
    }


def _collective_members(scope: Scope) -> MemberColumns:
    fen = col(CollectiveIncome.operating_income_fen)
    query = _collective_query(
        scope,
        col(Area.code).label("id"),
        col(Area.name).label("name"),
        col(Area.code).label("village_code"),
        fen.label("operating_income_fen"),
    )
    return MemberColumns(
        "village",
        query,
        col(Area.code),
        lambda measure: (
            fen >= COLLECTIVE_LINES_FEN[measure] if measure in COLLECTIVE_LINES_FEN else None
        ),
        lambda row: {"operating_income": str(plain(yuan(row.operating_income_fen)))},
    )


COLLECTIVE_INCOME = Calculator(
    "villages", _collective_sums, _collective_figures, _collective_members
)
