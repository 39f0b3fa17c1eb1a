"""Targets: per indicator measure, area and period, set by the county admin; where none is set
the catalogue's default (the plan's table) stands."""

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

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
from kit.problems import NotFound, invalid
from kit.versioning import bump, bump_if_match, check_version

AGGREGATE = "target"
FEN = Decimal("0.01")
Key = tuple[str, str, str, Period]  # indicator, measure, area code, period
# (indicator, measure, area code) → year → the year's own target (its Q4) the county set
Annual = dict[tuple[str, str, str], dict[int, TargetValue]]


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


def plan_default(measure: Measure, year: int, annual: dict[int, Decimal]) -> Decimal | None:
    """The plan's target for a year: its table's value, or for a level target after its year
    the previous year's target in force (``annual``: the years the county set its own)
    compounded by the plan's growth, to the fen (a published target is a figure in yuan)."""
    target = measure.target
    if target is None:
        return None
    value = Decimal(target.value)
    if target.year is None or target.grows is None:
        return value
    factor = 1 + Decimal(target.grows) / 100
    for earlier in range(target.year, year):
        base = annual.get(earlier, value)
        value = (base * factor).quantize(FEN, ROUND_HALF_UP)
    return value


def _public(
    indicator: str,
    measure: Measure,
    area_code: str,
    period: Period,
    row: TargetValue | None,
    annual: dict[int, TargetValue] | None = None,
) -> TargetPublic | None:
    """The target in force: the one set for the period; for a level target (annual, DOMAIN.md)
    the one set for the period's year; else the plan's default for the year."""
    annual = annual or {}
    if row is None and measure.target is not None and measure.target.year is not None:
        row = annual.get(period.year)
    default = measure.target
    if row is None and default is None:
        return None
    if row is not None:
        value = row.value
    else:
        levels = {year: target.value for year, target in annual.items()}
        value = plan_default(measure, period.year, levels)  # type: ignore[assignment]
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
        value=value,
        source="set" if row is not None else "catalogue",
        set_for=str(Period(row.year, row.quarter)) if row is not None else None,
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


async def annual_set(
    session: AsyncSession, *, codes: Iterable[str], up_to: int, indicator: str | None
) -> Annual:
    """The years' own targets (a year is its Q4) the county set for those areas up to a year:
    the level targets' quarters and later years' defaults are reckoned from them."""
    query = select(TargetValue).where(
        col(TargetValue.area_code).in_(list(codes)),
        col(TargetValue.quarter) == 4,
        col(TargetValue.year) <= up_to,
    )
    if indicator is not None:
        query = query.where(col(TargetValue.indicator) == indicator)
    found: Annual = {}
    for row in (await session.execute(query)).scalars():
        found.setdefault((row.indicator, row.measure, row.area_code), {})[row.year] = row
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
    up_to = max((p.year for p in periods), default=0)
    annual = await annual_set(session, codes=codes, up_to=up_to, indicator=None)
    answer: dict[Key, TargetPublic] = {}
    for indicator, measure_code in measures:
        measure = measure_of(indicator, measure_code)
        for code in codes:
            years = annual.get((indicator, measure_code, code))
            for period in periods:
                key = (indicator, measure_code, code, period)
                public = _public(indicator, measure, code, period, found.get(key), years)
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
    annual = await annual_set(session, codes=codes, up_to=period.year, indicator=indicator)
    items = []
    for code in codes:
        for item in indicators:
            for measure in item.measures:
                row = found.get((item.code, measure.code, code, period))
                years = annual.get((item.code, measure.code, code))
                public = _public(item.code, measure, code, period, row, years)
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


async def in_force(
    session: AsyncSession, *, indicator: str, measure: Measure, area_code: str, period: Period
) -> TargetPublic | None:
    """The target in force for one area and period."""
    key = (indicator, measure.code, area_code, period)
    found = await stored(session, codes=[area_code], periods=[period], indicator=indicator)
    annual = await annual_set(session, codes=[area_code], up_to=period.year, indicator=indicator)
    years = annual.get((indicator, measure.code, area_code))
    return _public(indicator, measure, area_code, period, found.get(key), years)


async def reset_target(
    session: AsyncSession,
    *,
    principal: Principal,
    indicator: str,
    measure_code: str,
    area_code: str,
    period: Period,
    if_match: str | None,
) -> TargetPublic | None:
    """Remove the target set for the period (If-Match its version): the plan's default (or,
    for a quarter of a level target, the year's own) stands again; answers that."""
    measure = measure_of(indicator, measure_code)
    area = await visible_area(session, principal=principal, code=area_code)
    query = select(TargetValue).where(
        col(TargetValue.indicator) == indicator,
        col(TargetValue.measure) == measure_code,
        col(TargetValue.area_code) == area.code,
        col(TargetValue.year) == period.year,
        col(TargetValue.quarter) == period.quarter,
    )
    row = (await session.execute(query.with_for_update())).scalars().first()
    if row is None:
        raise NotFound("该期间没有设定的目标值 / no target set for this period")
    check_version(if_match, row.version)
    gone = _public(indicator, measure, area.code, period, row)
    assert gone is not None
    await session.delete(row)
    await session.flush()
    record_event(
        session,
        aggregate=AGGREGATE,
        aggregate_id=row.id,
        version=row.version + 1,
        data=gone.model_dump(mode="json"),
        area_code=area.code,
        deleted=True,
    )
    return await in_force(
        session, indicator=indicator, measure=measure, area_code=area.code, period=period
    )
