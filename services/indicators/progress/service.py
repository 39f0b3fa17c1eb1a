"""The progress tables of the plan's attachments 1 and 2 (农民增收 / 低收入农户增收工作进度表):
one row per township (and the area's own total), per quarter of the year (year to date) the
target, the actual and the completion rate of each of the table's measures.

The attachments' own layout is not in the plan's text we hold; the rows are the plan's income
targets for each group (DOMAIN.md, indicators #1, #3 and #4)."""

from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from indicators.areas import areas_below, child_length, visible_area
from indicators.catalogue.definitions import BY_CODE
from indicators.periods import Period
from indicators.progress.schemas import ProgressCell, ProgressMeasure, ProgressRow, ProgressTable
from indicators.scoring import completion, met, rate_text
from indicators.targets.service import targets_for
from indicators.values.exact import shown
from indicators.values.service import actual_values, read_model_updated_at
from kit.auth import Principal
from kit.clock import local_today
from kit.db import utcnow

TABLES: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "farmer_income": (
        "农民增收工作进度表",
        [("I01_rural_income", "per_capita"), ("I01_rural_income", "growth")],
    ),
    "low_income": (
        "低收入农户增收工作进度表",
        [
            ("I03_low_income_income", "per_capita"),
            ("I03_low_income_income", "growth"),
            ("I04_below_13000", "count"),
        ],
    ),
}


# Level targets are annual (DOMAIN.md, "Targets and progress tables"): in Q1–Q3 the year-to-date
# level is progress toward them, judged only at Q4; growth, counts and shares every quarter.
ANNUAL_LEVELS = {("I01_rural_income", "per_capita"), ("I03_low_income_income", "per_capita")}


def judged(indicator: str, measure: str, period: Period) -> bool:
    """Whether a cell is judged met or not in its period (an annual level only at Q4)."""
    return period.quarter == 4 or (indicator, measure) not in ANNUAL_LEVELS


def quarters_so_far(year: int, today: date | None = None) -> list[Period]:
    """The year's quarters that have begun (a future quarter has no actual to show)."""
    today = today or local_today()
    last = 4 if year < today.year else 0 if year > today.year else (today.month - 1) // 3 + 1
    return [Period(year, quarter) for quarter in range(1, last + 1)]


async def progress_table(
    session: AsyncSession,
    *,
    principal: Principal,
    table: str,
    area_code: str,
    year: int,
    level: str | None,
) -> ProgressTable:
    """A progress table: the area's townships (or the level asked for) and its own total, each
    quarter's target, actual and completion for the table's measures."""
    title, measures = TABLES[table]
    area = await visible_area(session, principal=principal, code=area_code)
    length = child_length(area, level)
    rows = [area, *await areas_below(session, area=area, length=length)]
    periods = [Period(year, quarter) for quarter in range(1, 5)]
    begun = quarters_so_far(year)
    actuals = await actual_values(
        session, measures=measures, area=area, rows=rows, length=length, periods=begun
    )
    targets = await targets_for(
        session, measures=measures, codes=[row.code for row in rows], periods=periods
    )
    catalogue = {(i, m): BY_CODE[i].measure(m) for i, m in measures}
    answer_rows = []
    for row in rows:
        cells = []
        for period in periods:
            for indicator, code in measures:
                measure = catalogue[(indicator, code)]
                assert measure is not None
                actual = actuals.get((indicator, code, row.code, period))
                target = targets.get((indicator, code, row.code, period))
                cells.append(
                    ProgressCell(
                        indicator=indicator,
                        measure=code,
                        period=str(period),
                        target=None if target is None else format(target.value.normalize(), "f"),
                        target_source=None if target is None else target.source,
                        actual=shown(actual, measure.unit),
                        completion_rate=None
                        if target is None
                        else rate_text(
                            completion(actual, target.value, measure.unit, measure.direction)
                        ),
                        met=None
                        if target is None or not judged(indicator, code, period)
                        else met(actual, target.value, measure.unit, target.comparison),
                    )
                )
        answer_rows.append(
            ProgressRow(area_code=row.code, area_name=row.name, total=row is area, cells=cells)
        )
    return ProgressTable(
        table=table,
        title=title,
        area_code=area.code,
        year=year,
        measures=[
            ProgressMeasure(
                indicator=i,
                measure=m.code,
                name_zh=f"{BY_CODE[i].name_zh}·{m.name_zh}",
                name_en=f"{BY_CODE[i].name_en}: {m.name_en}",
                unit=m.unit,
                direction=m.direction,
            )
            for (i, _), m in catalogue.items()
            if m is not None
        ],
        rows=answer_rows,
        computed_at=utcnow(),
        read_model_updated_at=await read_model_updated_at(session),
    )
