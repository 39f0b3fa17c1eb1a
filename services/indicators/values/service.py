"""Computing an indicator for an area and the areas below it, and explaining a value."""

from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from indicators.areas import areas_below, child_length, visible_area
from indicators.catalogue.definitions import BY_CODE, Indicator, Kind
from indicators.catalogue.errors import no_such_indicator, no_such_measure
from indicators.models import Area, ReportedValue, feed_cursor
from indicators.periods import Period, month_in
from indicators.registry_copy.consumer import FEED
from indicators.values.by_indicator import CALCULATORS
from indicators.values.calculation import Calculator, Figure, Scope, Sums, total
from indicators.values.exact import plain, shown
from indicators.values.schemas import CoveredMember, IndicatorValue, ReportedPublic
from kit.auth import Principal
from kit.db import utcnow
from kit.pagination import Page, decode_cursor, encode_cursor
from kit.problems import invalid

SIX_ONES_CODE = "I14_six_ones"  # the one indicator taken for a month (DOMAIN.md)


def indicator_of(code: str) -> tuple[Indicator, Calculator]:
    indicator = BY_CODE.get(code)
    if indicator is None:
        raise no_such_indicator()
    calculator = CALCULATORS.get(code)
    if calculator is None:
        raise invalid(
            "indicator",
            "该指标尚未计算（需帮扶服务数据）/ not computed yet (needs the assistance feed)",
        )
    return indicator, calculator


async def _reported(
    session: AsyncSession, indicator: str, period: Period, codes: list[str]
) -> dict[str, dict[str, ReportedValue]]:
    """area code → measure → its reported value."""
    query = select(ReportedValue).where(
        col(ReportedValue.indicator) == indicator,
        col(ReportedValue.year) == period.year,
        col(ReportedValue.quarter) == period.quarter,
        col(ReportedValue.area_code).in_(codes),
    )
    by_area: dict[str, dict[str, ReportedValue]] = {}
    for row in (await session.execute(query)).scalars():
        by_area.setdefault(row.area_code, {})[row.measure] = row
    return by_area


async def read_model_updated_at(session: AsyncSession) -> datetime | None:
    """When the registry's feed was last applied here."""
    query = select(feed_cursor.c.updated_at).where(feed_cursor.c.feed == FEED)
    return await session.scalar(query)


async def indicator_values(
    session: AsyncSession,
    *,
    principal: Principal,
    indicator_code: str,
    area_code: str,
    period_text: str,
    level: str | None,
    measure: str | None,
    month: str | None = None,
) -> list[IndicatorValue]:
    """One indicator (or one of its measures) for an area and the areas below it."""
    indicator, calculator = indicator_of(indicator_code)
    if measure is not None and indicator.measure(measure) is None:
        raise no_such_measure()
    period = Period.parse(period_text)
    as_of = _as_of(indicator_code, period, month)
    area = await visible_area(session, principal=principal, code=area_code)
    length = child_length(area, level)
    rows = [area, *await areas_below(session, area=area, length=length)]
    computed = await _figures_by_area(
        session, indicator.code, area, rows, length, period, as_of=as_of
    )
    computed_at = utcnow()
    values = []
    for row in rows:
        figures, given = computed[row.code]
        for wanted in indicator.measures:
            if measure is not None and wanted.code != measure:
                continue
            values.append(
                _value(indicator, wanted.code, row, period, figures[wanted.code], given, calculator)
                | {"computed_at": computed_at, "month": month}
            )
    return [IndicatorValue.model_validate(v) for v in values]


async def _figures_by_area(
    session: AsyncSession,
    indicator_code: str,
    area: Area,
    rows: list[Area],
    length: int,
    period: Period,
    as_of: date | None = None,
) -> dict[str, tuple[dict[str, Figure], dict[str, ReportedValue]]]:
    """area code → (measure → figure, measure → reported value) for ``area`` (summed over
    its groups) and the ``rows`` below it, grouped by ``length`` digits: one set of queries."""
    _, calculator = indicator_of(indicator_code)
    scope = Scope(area.code, length, period, as_of or period.as_of())
    groups = await calculator.sums(session, scope)
    codes = list(dict.fromkeys([area.code, *(row.code for row in rows)]))
    reported = await _reported(session, indicator_code, period, codes)
    answer = {}
    for code in codes:
        sums = total(groups.values()) if code == area.code else groups.get(code, Sums())
        given = reported.get(code, {})
        answer[code] = (calculator.figures(sums, {m: r.value for m, r in given.items()}), given)
    return answer


def _value(
    indicator: Indicator,
    measure_code: str,
    area: Area,
    period: Period,
    figure: Figure,
    given: dict[str, ReportedValue],
    calculator: Calculator,
) -> dict[str, Any]:
    measure = indicator.measure(measure_code)
    assert measure is not None
    value = shown(figure.value, measure.unit)
    reported, computed = None, None
    if measure.kind is Kind.REPORTED or measure_code in calculator.reported:
        # A reported measure shows the department's figure; the registry's sum stands beside.
        computed = value
        stored = given.get(measure_code)
        if stored is not None:
            reported = ReportedPublic(
                value=_decimal_text(stored.value),
                source=stored.source,
                reported_on=stored.reported_on,
            )
            value = reported.value
    return {
        "indicator": indicator.code,
        "measure": measure_code,
        "area_code": area.code,
        "area_name": area.name,
        "area_level": area.level,
        "period": str(period),
        "unit": measure.unit,
        "value": value,
        "numerator": plain(figure.numerator),
        "denominator": plain(figure.denominator),
        "covered": figure.covered,
        "covers": calculator.covers,
        "computed": computed,
        "reported": reported,
        "note": figure.note,
    }


def _decimal_text(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


async def covered_members(
    session: AsyncSession,
    *,
    principal: Principal,
    indicator_code: str,
    area_code: str,
    period_text: str,
    measure: str | None,
    counted: bool | None,
    cursor: str | None,
    limit: int,
    month: str | None = None,
) -> Page[CoveredMember]:
    """What a value covers: the households (villages, entities, cadres' links) it was computed
    over, each marked whether it counts towards the measure's numerator."""
    indicator, calculator = indicator_of(indicator_code)
    measure = measure or indicator.measures[0].code
    if indicator.measure(measure) is None:
        raise no_such_measure()
    period = Period.parse(period_text)
    as_of = _as_of(indicator_code, period, month)
    area = await visible_area(session, principal=principal, code=area_code)
    assert calculator.members is not None
    listed = calculator.members(Scope(area.code, len(area.code), period, as_of))
    condition = listed.counted(measure)
    query = listed.query
    if condition is not None:
        query = query.add_columns(condition.label("counted"))
        if counted is not None:
            query = query.where(condition if counted else ~condition)
    if cursor:
        (after,) = decode_cursor(cursor, 1)
        key: Any = after if listed.kind == "village" else _uuid(after)
        query = query.where(listed.id_column > key)
    rows = (await session.execute(query.order_by(listed.id_column).limit(limit + 1))).all()
    more = len(rows) > limit
    rows = rows[:limit]
    members = [
        CoveredMember(
            kind=listed.kind,  # type: ignore[arg-type,unused-ignore]
            id=str(row.id),
            name=row.name or "",
            village_code=row.village_code,
            counted=bool(row.counted) if condition is not None else None,
            figures=listed.figures(row),
        )
        for row in rows
    ]
    return Page(items=members, next_cursor=encode_cursor([rows[-1].id]) if more else None)


def _as_of(indicator_code: str, period: Period, month: str | None) -> date:
    """The day the figures are taken on: the period's (its last day, or today), or for the
    six ones (#14, a month's figure) the month's asked for."""
    if month is None:
        return period.as_of()
    if indicator_code != SIX_ONES_CODE:
        raise invalid("month", "仅“六个一”按月计算 / only the six ones (#14) are monthly")
    return month_in(period, month)


def _uuid(text: str) -> UUID:
    try:
        return UUID(text)
    except ValueError as exc:
        raise invalid("cursor", "游标无效 / not a cursor this list gave", "cursor") from exc


Actuals = dict[tuple[str, str, str, Period], Fraction | None]


async def actual_values(
    session: AsyncSession,
    *,
    measures: list[tuple[str, str]],
    area: Area,
    rows: list[Area],
    length: int,
    periods: list[Period],
) -> Actuals:
    """(indicator, measure, area code, period) → the exact value (a reported one where the
    measure is reported and given), for many measures, areas and periods: each indicator's
    queries run once per period, grouped over every area."""
    answer: Actuals = {}
    for indicator_code in dict.fromkeys(code for code, _ in measures):
        wanted = [m for code, m in measures if code == indicator_code]
        calculator = indicator_of(indicator_code)[1]
        for period in periods:
            by_area = await _figures_by_area(session, indicator_code, area, rows, length, period)
            for code, (figures, given) in by_area.items():
                for measure in wanted:
                    value = figures[measure].value
                    if measure in given and (
                        measure in calculator.reported
                        or BY_CODE[indicator_code].measure(measure).kind is Kind.REPORTED  # type: ignore[union-attr]
                    ):
                        value = Fraction(given[measure].value)
                    answer[(indicator_code, measure, code, period)] = value
    return answer
