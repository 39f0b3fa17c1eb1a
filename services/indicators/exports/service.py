"""Indicator tables and rankings as wide tables for a download: areas as rows (the total last),
measures as columns with their units, numbers as numbers, a title naming the area, the
indicator and the period, and names instead of codes. The progress tables: ``progress_sheet``."""

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from indicators.areas import child_length, visible_area
from indicators.catalogue.definitions import BY_CODE
from indicators.exports.layout import (
    COUNT_UNIT,
    FORMATS,
    NOTE,
    ROWS_HEADER,
    SEQUENCE,
    TOTAL,
    chosen_period,
    shown_number,
    unit_text,
    with_unit,
)
from indicators.models import RankingSet
from indicators.rankings.service import ranking
from indicators.targets.service import measure_of
from indicators.values.schemas import IndicatorValue
from indicators.values.service import indicator_of, indicator_values
from kit.auth import Principal
from kit.clock import LOCAL_TZ
from kit.downloads import COUNT, PERCENT, Cell, HeaderGroup, Table, TableColumn

COVERED = {"households": "计入农户数", "villages": "计入村数", "entities": "计入主体数"}


def _computed(moment: datetime) -> str:
    return "计算时间：" + moment.astimezone(LOCAL_TZ).strftime("%Y-%m-%d %H:%M")


async def indicator_table(
    session: AsyncSession,
    *,
    principal: Principal,
    indicator: str,
    area: str,
    period: str | None,
    level: str | None,
) -> Table:
    """One indicator for the areas below one (and its total): a row per area, a column per
    measure, then how many households (villages, entities) the figures cover."""
    definition, calculator = indicator_of(indicator)
    shown_area = await visible_area(session, principal=principal, code=area)
    chosen = await chosen_period(session, area_code=shown_area.code, period=period)
    values = await indicator_values(
        session,
        principal=principal,
        indicator_code=indicator,
        area_code=area,
        period_text=str(chosen),
        level=level,
        measure=None,
    )
    covers = calculator.covers
    units = {m.code: unit_text(indicator, m, covers) for m in definition.measures}
    columns = [
        SEQUENCE,
        TableColumn(ROWS_HEADER.get(child_length(shown_area, level), "区划")),
        *(
            TableColumn(with_unit(m.name_zh, units[m.code]), FORMATS[m.unit])
            for m in definition.measures
        ),
        TableColumn(with_unit(COVERED.get(covers, "计入干部数"), COUNT_UNIT[covers]), COUNT),
        NOTE,
    ]
    by_area: dict[str, list[IndicatorValue]] = {}
    for value in values:
        by_area.setdefault(value.area_code, []).append(value)
    # The service gives the area's own row first; offices file the total last.
    own, *below = by_area.values()
    rows: list[list[Cell]] = [
        [position, measures[0].area_name, *_figures(indicator, measures)]
        for position, measures in enumerate(below, start=1)
    ]
    rows.append([None, TOTAL, *_figures(indicator, own)])
    units_used = "、".join(dict.fromkeys(u for u in units.values() if u))
    return Table(
        columns,
        rows,
        title=f"{shown_area.name}{definition.name_zh}（{chosen.through_zh}）",
        notes=[f"单位：{units_used}　{_computed(values[0].computed_at)}" if values else ""],
        frozen_columns=2,
    )


def _figures(indicator: str, measures: list[IndicatorValue]) -> list[Cell]:
    """An area's measures as numbers, what they cover, and a note on any reported or missing."""
    notes = []
    for value in measures:
        name = measure_of(indicator, value.measure).name_zh
        if value.note:
            notes.append(f"{name}：{value.note}")
        if value.reported is not None:
            given = value.reported
            notes.append(f"{name}为填报值（{given.source}，{given.reported_on.isoformat()}）")
    return [
        *(shown_number(value.value, value.unit) for value in measures),
        measures[0].covered,
        "；".join(notes),
    ]


async def ranking_rows(
    session: AsyncSession,
    *,
    principal: Principal,
    area: str,
    period: str | None,
    indicator: str | None,
    measure: str | None,
    set_code: str | None,
    level: str | None,
) -> Table:
    """A ranking: a row per area in rank order, its score, and per measure ranked the actual,
    the target and the completion rate that make the score."""
    shown_area = await visible_area(session, principal=principal, code=area)
    chosen = await chosen_period(session, area_code=shown_area.code, period=period)
    result = await ranking(
        session,
        principal=principal,
        area_code=area,
        period_text=str(chosen),
        indicator=indicator,
        measure=measure,
        set_code=set_code,
        level=level,
    )
    stored = await session.get(RankingSet, set_code) if set_code else None
    parts = result.items[0].parts if result.items else []
    columns = [
        TableColumn("名次", "0"),
        TableColumn(ROWS_HEADER.get(child_length(shown_area, level), "区划")),
        TableColumn("得分（%）", PERCENT),
    ]
    groups = [HeaderGroup("", 3)]
    for part in parts:
        measured = measure_of(part.indicator, part.measure)
        unit = unit_text(part.indicator, measured, indicator_of(part.indicator)[1].covers)
        number_format = FORMATS[measured.unit]
        columns += [
            TableColumn(with_unit("完成值", unit), number_format),
            TableColumn(with_unit("目标值", unit), number_format),
            TableColumn("完成率（%）", PERCENT),
        ]
        header = f"{BY_CODE[part.indicator].name_zh}·{measured.name_zh}"
        groups.append(HeaderGroup(f"{header}（权重 {part.weight}）" if stored else header, 3))
    rows: list[list[Cell]] = []
    for item in result.items:
        row: list[Cell] = [item.rank, item.area_name, shown_number(item.score)]
        for part in item.parts:
            unit = measure_of(part.indicator, part.measure).unit
            row += [
                shown_number(part.actual, unit),
                shown_number(part.target, unit),
                shown_number(part.score),
            ]
        rows.append(row)
    what = f"考核指标组：{stored.name}" if stored else ""
    return Table(
        [*columns, NOTE],
        [[*row, ""] for row in rows],
        title=f"{shown_area.name}{ROWS_HEADER.get(child_length(shown_area, level), '')}排名"
        f"（{chosen.through_zh}）",
        notes=[
            "　".join(filter(None, [what, "得分按目标完成率计", _computed(result.computed_at)]))
        ],
        groups=[*groups, HeaderGroup("", 1)],
        frozen_columns=2,
    )
