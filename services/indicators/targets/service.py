"""Targets: per indicator measure, area and period, set by the county admin; where none is set
the catalogue's default (the plan's table) stands."""

from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from indicators.areas import areas_below, child_length, visible_area
from indicators.catalogue.definitions import BY_CODE, Measure, Unit
from indicators.catalogue.errors import no_such_indicator, no_such_measure
from indicators.models import TargetValue
from indicators.periods import Period
from indicators.targets.schemas import TargetPublic
from kit.auth import Principal
from kit.outbox import record_event
from kit.problems import invalid
from kit.versioning import bump, bump_if_match

AGGREGATE = "target"
Key = tuple[str, str, str, Period]  # indicator, measure, area code, period


def measure_of(indicator_code: str, measure_code: str) -> Measure:
    indicator = BY_CODE.get(indicator_code)
    if indicator is None:
        raise no_such_indicator()
    measure = indicator.measure(measure_code)
    if measure is None:
        raise no_such_measure()
    return measure


def check_value(measure: Measure, value: Decimal, field: str = "value") -> None:
    if measure.unit is Unit.COUNT and value != value.to_integral_value():
        raise invalid(field, "个数须为整数 / a count is a whole number")


def parse_value(text: str, field: str = "value") -> Decimal:
    try:
        value = Decimal(text.replace(",", "").removesuffix("%").strip())
    except InvalidOperation as exc:
        raise invalid(field, "应为数值，如 34700 或 11 / a number such as 34700 or 11") from exc
    if not value.is_finite() or value.as_tuple().exponent < -4:  # type: ignore[operator]
        raise invalid(field, "最多四位小数 / at most four decimal places")
    return value


def _public(
    indicator: str, measure: Measure, area_code: str, period: Period, row: TargetValue | None
) -> TargetPublic | None:
    if row is None and measure.target is None:
        return None
    default = measure.target
    return TargetPublic(
        indicator=indicator,
        measure=measure.code,
        unit=measure.unit,
        direction=measure.direction,
        comparison=default.comparison
        if default
        else (">=" if measure.direction == "higher" else "<="),
        area_code=area_code,
        period=str(period),
        value=row.value if row is not None else Decimal(default.value),  # type: ignore[union-attr]
        source="set" if row is not None else "catalogue",
        version=row.version if row is not None else None,
        updated_at=row.updated_at if row is not None else None,
    )


async def stored(
    session: AsyncSession,
    *,
    codes: Iterable[str],
    periods: Iterable[Period],
    indicator: str | None,
) -> dict[Key, TargetValue]:
    """The targets set here for those areas and periods (of one indicator, or all)."""
    periods = list(periods)
    query = select(TargetValue).where(
        col(TargetValue.area_code).in_(list(codes)),
        col(TargetValue.year).in_({p.year for p in periods}),
    )
    if indicator is not None:
        query = query.where(col(TargetValue.indicator) == indicator)
    wanted = set(periods)
    found: dict[Key, TargetValue] = {}
    for row in (await session.execute(query)).scalars():
        period = Period(row.year, row.quarter)
        if period in wanted:
            found[(row.indicator, row.measure, row.area_code, period)] = row
    return found


async def targets_for(
    session: AsyncSession,
    *,
    measures: list[tuple[str, str]],
    codes: list[str],
    periods: list[Period],
) -> dict[Key, TargetPublic]:
    """The target in force for every (indicator, measure), area and period asked for: the one
    set here, else the catalogue's; absent when neither exists."""
    found = await stored(session, codes=codes, periods=periods, indicator=None)
    answer: dict[Key, TargetPublic] = {}
    for indicator, measure_code in measures:
        measure = measure_of(indicator, measure_code)
        for code in codes:
            for period in periods:
                key = (indicator, measure_code, code, period)
                public = _public(indicator, measure, code, period, found.get(key))
                if public is not None:
                    answer[key] = public
    return answer


async def list_targets(
    session: AsyncSession,
    *,
    principal: Principal,
    area_code: str,
    period_text: str,
    indicator: str | None,
    level: str | None,
) -> list[TargetPublic]:
    """Targets in force for the area and the areas below it (default: the next level), every
    measure of the indicator (or of all indicators) that has one."""
    period = Period.parse(period_text)
    area = await visible_area(session, principal=principal, code=area_code)
    below = await areas_below(session, area=area, length=child_length(area, level))
    codes = [area.code, *(a.code for a in below)]
    if indicator is not None and indicator not in BY_CODE:
        raise no_such_indicator()
    indicators = [BY_CODE[indicator]] if indicator else list(BY_CODE.values())
    found = await stored(session, codes=codes, periods=[period], indicator=indicator)
    items = []
    for code in codes:
        for item in indicators:
            for measure in item.measures:
                row = found.get((item.code, measure.code, code, period))
                public = _public(item.code, measure, code, period, row)
                if public is not None:
                    items.append(public)
    return items


async def write_target(
    session: AsyncSession,
    *,
    principal: Principal,
    indicator: str,
    measure_code: str,
    area_code: str,
    period: Period,
    value: Decimal,
    if_match: str | None,
    check_match: bool = True,
) -> tuple[TargetPublic, bool]:
    """Create or replace a target; answers it and whether it was created. Replacing needs the
    version read (If-Match) unless ``check_match`` is off (an import: the file is the
    authority, and its dry run showed what would change)."""
    measure = measure_of(indicator, measure_code)
    check_value(measure, value)
    area = await visible_area(session, principal=principal, code=area_code)
    query = select(TargetValue).where(
        col(TargetValue.indicator) == indicator,
        col(TargetValue.measure) == measure_code,
        col(TargetValue.area_code) == area.code,
        col(TargetValue.year) == period.year,
        col(TargetValue.quarter) == period.quarter,
    )
    row = (await session.execute(query.with_for_update())).scalars().first()
    created = row is None
    if row is None:
        row = TargetValue(
            indicator=indicator,
            measure=measure_code,
            area_code=area.code,
            year=period.year,
            quarter=period.quarter,
            value=value,
            updated_by=principal.subject,
        )
        session.add(row)
    else:
        if row.value == value:
            public = _public(indicator, measure, area.code, period, row)
            assert public is not None
            return public, False
        if check_match:
            bump_if_match(row, if_match)
        else:
            bump(row)
        row.value, row.updated_by = value, principal.subject
    await session.flush()
    public = _public(indicator, measure, area.code, period, row)
    assert public is not None
    record_event(
        session,
        aggregate=AGGREGATE,
        aggregate_id=row.id,
        version=row.version,
        data=public.model_dump(mode="json"),
        area_code=row.area_code,
    )
    return public, created
