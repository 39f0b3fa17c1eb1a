"""Indicator tables, progress tables and rankings as typed tables for a download: Chinese
headers, area codes, numbers as numbers, and the time each was computed on every row (a row
copied out keeps it)."""

from datetime import datetime
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from indicators.catalogue.definitions import BY_CODE
from indicators.progress.service import progress_table
from indicators.rankings.service import ranking
from indicators.values.service import indicator_values
from kit.auth import Principal
from kit.clock import LOCAL_TZ
from kit.downloads import DECIMAL, PERCENT, Table, TableColumn

COMPUTED_AT = TableColumn("计算时间")


def _local(moment: datetime) -> str:
    return moment.astimezone(LOCAL_TZ).isoformat(timespec="seconds")


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _number(shown: str | None) -> Decimal | None:
    """The API's decimal string as a number for the sheet (empty where nothing divides)."""
    return None if shown is None else Decimal(shown)


def _columns(*headers: str | TableColumn) -> list[TableColumn]:
    return [h if isinstance(h, TableColumn) else TableColumn(h) for h in headers]


async def indicator_table(
    session: AsyncSession,
    *,
    principal: Principal,
    indicator: str,
    area: str,
    period: str,
    level: str | None,
) -> Table:
    """An indicator table as rows: one per area and measure."""
    values = await indicator_values(
        session,
        principal=principal,
        indicator_code=indicator,
        area_code=area,
        period_text=period,
        level=level,
        measure=None,
    )
    names = {m.code: m.name_zh for m in BY_CODE[indicator].measures}
    columns = _columns(
        "指标代码",
        "指标项",
        "指标项名称",
        "区划代码",
        "区划名称",
        "期间",
        "单位",
        TableColumn("值", DECIMAL),
        TableColumn("分子", DECIMAL),
        TableColumn("分母", DECIMAL),
        TableColumn("计入数", "#,##0"),
        TableColumn("填报值", DECIMAL),
        "填报来源",
        COMPUTED_AT,
    )
    rows = [
        [
            v.indicator,
            v.measure,
            names[v.measure],
            v.area_code,
            v.area_name,
            v.period,
            v.unit.value,
            _number(v.value),
            _number(v.numerator),
            _number(v.denominator),
            v.covered,
            v.reported.value if v.reported else None,
            v.reported.source if v.reported else None,
            _local(v.computed_at),
        ]
        for v in values
    ]
    return Table(columns, rows)


async def progress_rows(
    session: AsyncSession,
    *,
    principal: Principal,
    table: str,
    area: str,
    year: int,
    level: str | None,
) -> Table:
    """A progress table as rows: one per area, quarter and measure."""
    result = await progress_table(
        session, principal=principal, table=table, area_code=area, year=year, level=level
    )
    names = {(m.indicator, m.measure): m.name_zh for m in result.measures}
    columns = _columns(
        "进度表",
        "区划代码",
        "区划名称",
        "期间",
        "指标代码",
        "指标项",
        "指标项名称",
        TableColumn("目标值", DECIMAL),
        "目标来源",
        TableColumn("完成值", DECIMAL),
        TableColumn("完成率(%)", PERCENT),
        "是否达标",
        COMPUTED_AT,
    )
    computed_at = _local(result.computed_at)
    rows = [
        [
            result.title,
            row.area_code,
            row.area_name,
            cell.period,
            cell.indicator,
            cell.measure,
            names[(cell.indicator, cell.measure)],
            _number(cell.target),
            {"set": "设定", "catalogue": "方案默认"}.get(cell.target_source or "", ""),
            _number(cell.actual),
            _number(cell.completion_rate),
            "" if cell.met is None else ("是" if cell.met else "否"),
            computed_at,
        ]
        for row in result.rows
        for cell in row.cells
    ]
    return Table(columns, rows)


async def ranking_rows(
    session: AsyncSession,
    *,
    principal: Principal,
    area: str,
    period: str,
    indicator: str | None,
    measure: str | None,
    set_code: str | None,
    level: str | None,
) -> Table:
    """A ranking as rows: one per area, its parts in one cell."""
    result = await ranking(
        session,
        principal=principal,
        area_code=area,
        period_text=period,
        indicator=indicator,
        measure=measure,
        set_code=set_code,
        level=level,
    )
    columns = _columns(
        TableColumn("名次", "0"),
        "区划代码",
        "区划名称",
        "期间",
        TableColumn("得分(%)", PERCENT),
        "考核指标组",
        "各项得分",
        COMPUTED_AT,
    )
    computed_at = _local(result.computed_at)
    rows = [
        [
            item.rank,
            item.area_code,
            item.area_name,
            result.period,
            _number(item.score),
            result.ranking_set or "",
            "；".join(
                f"{p.indicator}.{p.measure}×{p.weight}: 完成 {_text(p.actual)} / 目标 "
                f"{_text(p.target)} = {_text(p.score)}%"
                for p in item.parts
            ),
            computed_at,
        ]
        for item in result.items
    ]
    return Table(columns, rows)
