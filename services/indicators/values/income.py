"""Income indicators (#1–#5, #17) from the income records: a period's records are those whose
village, as kept on the record, is in the area, taken with the category kept on the record.
The figures add up the records' per-village sums (IncomeSums); an explanation lists the
records themselves."""

from decimal import Decimal
from fractions import Fraction
from typing import Any

from sqlalchemy import ColumnElement, false, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from indicators.models import Household, IncomeRecord, IncomeSums
from indicators.periods import Period
from indicators.programme import FAMILY_LINES_FEN as LINES_FEN
from indicators.programme import below_line
from indicators.values.calculation import (
    Calculator,
    Figure,
    Grouped,
    MemberColumns,
    Scope,
    Sums,
    grouped,
    merge,
)
from indicators.values.exact import growth, plain, ratio, yuan

SMALL_FARMER, LOW_INCOME = "small_farmer", "low_income"
# #5's measures, the IncomeSums columns counting the records that reach their lines, the lines.
FAMILY_REACH = {"share_100k": "reach_100k", "share_200k": "reach_200k"}
FAMILY_LINES_FEN = {measure: LINES_FEN[reach] for measure, reach in FAMILY_REACH.items()}
COMPONENTS = ("wage", "operating", "property", "transfer")

R = IncomeRecord
S = IncomeSums


def _c(name: str) -> Any:
    return col(getattr(R, name))


TOTAL_FEN = _c("wage_fen") + _c("operating_fen") + _c("property_fen") + _c("transfer_fen")
BELOW_LINE = below_line(TOTAL_FEN, _c("quarter"), _c("resident_count"))


def _records(scope: Scope, period: Period, category: str | None) -> list[ColumnElement[bool]]:
    wanted = [
        _c("year") == period.year,
        _c("quarter") == period.quarter,
        _c("deleted") == false(),
        scope.within(_c("village_code")),
    ]
    if category is not None:
        wanted.append(_c("category") == category)
    return wanted


async def income_sums(
    session: AsyncSession, scope: Scope, period: Period, category: str | None, prefix: str = ""
) -> Grouped:
    """The period's records summed per child area, from their per-village sums (IncomeSums,
    kept with the records): a few hundred rows however many households there are."""
    group = scope.group(col(S.village_code)).label("g")
    query = (
        select(
            group,
            func.sum(col(S.households)).label("households"),
            func.sum(col(S.total_fen)).label("total"),
            func.sum(col(S.residents)).label("residents"),
            *(func.sum(col(getattr(S, f"{c}_fen"))).label(c) for c in COMPONENTS),
            func.sum(col(S.below_line)).label("below"),
        )
        .where(*_summed(scope, period, category))
        .group_by(group)
    )
    return await grouped(session, query, prefix)


def _summed(scope: Scope, period: Period, category: str | None) -> list[ColumnElement[bool]]:
    wanted = [
        col(S.year) == period.year,
        col(S.quarter) == period.quarter,
        scope.within(col(S.village_code)),
    ]
    if category is not None:
        wanted.append(col(S.category) == category)
    return wanted


def _with_year_earlier(category: str | None) -> Any:
    async def sums(session: AsyncSession, scope: Scope) -> Grouped:
        return merge(
            await income_sums(session, scope, scope.period, category),
            await income_sums(session, scope, scope.period.year_earlier, category, "prev_"),
        )

    return sums


def per_capita(sums: Sums, prefix: str = "", component: str = "total") -> Fraction | None:
    return ratio(yuan(sums[prefix + component]), sums[prefix + "residents"])


def _income_figures(sums: Sums, reported: dict[str, Decimal]) -> dict[str, Figure]:
    now, before = per_capita(sums), per_capita(sums, "prev_")
    return {
        "per_capita": Figure(now, yuan(sums["total"]), sums["residents"], sums["households"]),
        "growth": Figure(growth(now, before), now, before, sums["households"]),
    }


def _ratio_figures(sums: Sums, reported: dict[str, Decimal]) -> dict[str, Figure]:
    rural = per_capita(sums)
    urban = reported.get("urban_income")
    value = None if urban is None or not rural else Fraction(urban) / rural
    return {
        "ratio": Figure(
            value, Fraction(urban) if urban is not None else None, rural, sums["households"]
        ),
        "urban_income": Figure(None),  # reported only
    }


def _below_figures(sums: Sums, reported: dict[str, Decimal]) -> dict[str, Figure]:
    below, households = sums["below"], sums["households"]
    return {
        "count": Figure(Fraction(below), below, households, households),
        "share": Figure(ratio(below, households), below, households, households),
    }


def _structure_figures(sums: Sums, reported: dict[str, Decimal]) -> dict[str, Figure]:
    figures: dict[str, Figure] = {}
    for component in COMPONENTS:
        now, before = per_capita(sums, "", component), per_capita(sums, "prev_", component)
        figures[f"{component}_share"] = Figure(
            ratio(sums[component], sums["total"]),
            yuan(sums[component]),
            yuan(sums["total"]),
            sums["households"],
        )
        figures[f"{component}_growth"] = Figure(
            growth(now, before), now, before, sums["households"]
        )
    return figures


async def _family_sums(session: AsyncSession, scope: Scope) -> Grouped:
    """#5 is yearly: the small farmers' Q4 records of the period's year."""
    q4 = Period(scope.period.year, 4)
    group = scope.group(col(S.village_code)).label("g")
    query = (
        select(
            group,
            func.sum(col(S.households)).label("households"),
            *(
                func.sum(col(getattr(S, reach))).label(measure)
                for measure, reach in FAMILY_REACH.items()
            ),
        )
        .where(*_summed(scope, q4, SMALL_FARMER))
        .group_by(group)
    )
    return await grouped(session, query)


def _family_figures(sums: Sums, reported: dict[str, Decimal]) -> dict[str, Figure]:
    households = sums["households"]
    return {
        measure: Figure(ratio(sums[measure], households), sums[measure], households, households)
        for measure in FAMILY_LINES_FEN
    }


def _record_members(category: str | None, yearly: bool = False) -> Any:
    def members(scope: Scope) -> MemberColumns:
        period = Period(scope.period.year, 4) if yearly else scope.period
        query = (
            select(
                col(R.household_id).label("id"),
                func.coalesce(col(Household.head_name), "").label("name"),
                col(R.village_code).label("village_code"),
                col(R.category).label("category"),
                TOTAL_FEN.label("total_fen"),
                col(R.resident_count).label("resident_count"),
            )
            .outerjoin(Household, col(Household.id) == col(R.household_id))
            .where(*_records(scope, period, category))
        )

        def counted(measure: str) -> ColumnElement[bool] | None:
            if measure in ("count", "share") and not yearly:
                return BELOW_LINE
            if measure in FAMILY_LINES_FEN:
                return FAMILY_LINES_FEN[measure] <= TOTAL_FEN
            return None

        def figures(row: Any) -> dict[str, str]:
            return {
                "category": row.category,
                "total_income": str(plain(yuan(row.total_fen))),
                "resident_count": str(row.resident_count),
                "per_capita_income": str(plain(ratio(yuan(row.total_fen), row.resident_count))),
            }

        return MemberColumns("household", query, col(R.household_id), counted, figures)

    return members


RURAL_INCOME = Calculator(
    "households", _with_year_earlier(None), _income_figures, _record_members(None)
)
LOW_INCOME_INCOME = Calculator(
    "households", _with_year_earlier(LOW_INCOME), _income_figures, _record_members(LOW_INCOME)
)
URBAN_RURAL_RATIO = Calculator(
    "households",
    lambda session, scope: income_sums(session, scope, scope.period, None),
    _ratio_figures,
    _record_members(None),
    reported=frozenset({"urban_income"}),
)
BELOW_13000 = Calculator(
    "households",
    lambda session, scope: income_sums(session, scope, scope.period, None),
    _below_figures,
    _record_members(None),
)
FAMILY_INCOME = Calculator(
    "households", _family_sums, _family_figures, _record_members(SMALL_FARMER, yearly=True)
)
INCOME_STRUCTURE = Calculator(
    "households", _with_year_earlier(None), _structure_figures, _record_members(None)
)
