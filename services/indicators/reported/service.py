"""Reported values: one per indicator measure, area and period, written by the county admin."""

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from indicators.areas import visible_area
from indicators.catalogue.definitions import BY_CODE, Kind, Unit
from indicators.catalogue.errors import no_such_indicator
from indicators.models import ReportedValue
from indicators.periods import Period
from indicators.reported.schemas import ReportedValuePublic, ReportedValuePut
from indicators.values.by_indicator import CALCULATORS
from kit.auth import Principal
from kit.outbox import record_event
from kit.pagination import Page, paginate
from kit.problems import invalid
from kit.versioning import bump_if_match

AGGREGATE = "reported_value"


def to_public(row: ReportedValue) -> ReportedValuePublic:
    measure = BY_CODE[row.indicator].measure(row.measure)
    assert measure is not None
    return ReportedValuePublic.model_validate(
        {**row.model_dump(), "unit": measure.unit, "period": str(Period(row.year, row.quarter))}
    )


def _reportable(indicator_code: str, measure_code: str) -> Unit:
    indicator = BY_CODE.get(indicator_code)
    if indicator is None:
        raise no_such_indicator()
    measure = indicator.measure(measure_code)
    calculator = CALCULATORS.get(indicator_code)
    reportable = measure is not None and (
        measure.kind is Kind.REPORTED
        or (calculator is not None and measure_code in calculator.reported)
    )
    if measure is None or not reportable:
        raise invalid("measure", "该分项不是填报类 / this measure is not a reported one")
    return measure.unit


async def put_value(
    session: AsyncSession,
    *,
    principal: Principal,
    indicator: str,
    measure: str,
    area_code: str,
    period_text: str,
    data: ReportedValuePut,
    if_match: str | None,
) -> tuple[ReportedValuePublic, bool]:
    """Create or replace the value; answers it and whether it was created. Replacing needs the
    version read (If-Match); sending what is stored again changes nothing."""
    unit = _reportable(indicator, measure)
    if unit is Unit.COUNT and data.value != data.value.to_integral_value():
        raise invalid("value", "个数须为整数 / a count is a whole number")
    period = Period.parse(period_text)
    area = await visible_area(session, principal=principal, code=area_code)
    query = select(ReportedValue).where(
        col(ReportedValue.indicator) == indicator,
        col(ReportedValue.measure) == measure,
        col(ReportedValue.area_code) == area.code,
        col(ReportedValue.year) == period.year,
        col(ReportedValue.quarter) == period.quarter,
    )
    row = (await session.execute(query.with_for_update())).scalars().first()
    fields = data.model_dump() | {"updated_by": principal.subject}
    created = row is None
    if row is None:
        row = ReportedValue(
            indicator=indicator,
            measure=measure,
            area_code=area.code,
            year=period.year,
            quarter=period.quarter,
            **fields,
        )
        session.add(row)
    else:
        if (row.value, row.source, row.reported_on) == (data.value, data.source, data.reported_on):
            return to_public(row), False
        bump_if_match(row, if_match)
        for name, value in fields.items():
            setattr(row, name, value)
    await session.flush()
    state = to_public(row)
    record_event(
        session,
        aggregate=AGGREGATE,
        aggregate_id=row.id,
        version=row.version,
        data=state.model_dump(mode="json"),
        area_code=row.area_code,
    )
    return state, created


async def list_values(
    session: AsyncSession,
    *,
    principal: Principal,
    indicator: str | None,
    area_code: str | None,
    period_text: str | None,
    cursor: str | None,
    limit: int,
) -> Page[ReportedValuePublic]:
    """The reported values in the caller's area, filtered, a page at a time."""
    conditions = [principal.area_filter(col(ReportedValue.area_code))]
    if indicator is not None:
        conditions.append(col(ReportedValue.indicator) == indicator)
    if area_code is not None:
        conditions.append(col(ReportedValue.area_code) == area_code)
    if period_text is not None:
        period = Period.parse(period_text)
        conditions += [
            col(ReportedValue.year) == period.year,
            col(ReportedValue.quarter) == period.quarter,
        ]
    query = select(ReportedValue).where(*conditions)
    rows, next_cursor = await paginate(
        session, query, [col(ReportedValue.id)], cursor=cursor, limit=limit
    )
    return Page(items=[to_public(row) for row in rows], next_cursor=next_cursor)
