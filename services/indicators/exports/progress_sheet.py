"""The progress tables of the plan's attachments 1 and 2 (农民增收 / 低收入农户增收工作进度表)
in the layout of DOMAIN.md ("Targets and progress tables"): a title naming the year and the
quarter, the unit row, one row per township in code order (街道, 镇, 乡) and the area's total,
for each indicator its 目标值, 完成值, 完成率 and 同比增长, then 备注; the signatures below.

The figures are the progress table's: the same actuals, the targets in force as the targets
service has them, and the completion rate as indicators.scoring defines it."""

from dataclasses import dataclass
from fractions import Fraction

from sqlalchemy.ext.asyncio import AsyncSession

from indicators.areas import areas_below, child_length, visible_area
from indicators.catalogue.definitions import Unit
from indicators.exports.layout import (
    FORMATS,
    NOTE,
    ROWS_HEADER,
    SEQUENCE,
    TOTAL,
    chosen_period,
    number,
)
from indicators.models import Area
from indicators.periods import Period
from indicators.scoring import completion
from indicators.targets.service import measure_of, targets_for
from indicators.values.exact import growth
from indicators.values.service import Actuals, actual_values
from kit.auth import Principal
from kit.downloads import PERCENT, Cell, HeaderGroup, Table, TableColumn

Pair = tuple[str, str]  # indicator, measure


@dataclass(frozen=True)
class Block:
    """One indicator's four columns."""

    header: str
    level: Pair  # the figure against its target
    growth: Pair | None  # its growth measure; None: the level's own change on a year earlier


SHEETS: dict[str, tuple[str, list[Block]]] = {
    "farmer_income": (
        "农民增收工作进度表",
        [
            Block(
                "农村居民人均可支配收入",
                ("I01_rural_income", "per_capita"),
                ("I01_rural_income", "growth"),
            )
        ],
    ),
    "low_income": (
        "低收入农户增收工作进度表",
        [
            Block(
                "低收入农户人均可支配收入",
                ("I03_low_income_income", "per_capita"),
                ("I03_low_income_income", "growth"),
            ),
            Block("低于1.3万元户数", ("I04_below_13000", "count"), None),
        ],
    ),
}
SUBHEADERS = ("目标值", "完成值", "完成率（%）", "同比增长（%）")
SIGNATURES = ("填报单位：", "填报人：", "审核人：", "填报日期：")
NO_RECORDS = "本期暂无收入记录"


def _columns(blocks: list[Block], rows_header: str) -> tuple[list[TableColumn], list[HeaderGroup]]:
    columns = [SEQUENCE, TableColumn(rows_header)]
    groups = [HeaderGroup("", 2)]
    for block in blocks:
        unit = measure_of(*block.level).unit
        level_format = FORMATS[unit]
        columns += [
            TableColumn(SUBHEADERS[0], level_format),
            TableColumn(SUBHEADERS[1], level_format),
            TableColumn(SUBHEADERS[2], PERCENT),
            TableColumn(SUBHEADERS[3], PERCENT),
        ]
        groups.append(HeaderGroup(block.header, 4))  # 户数 names its unit itself
    return [*columns, NOTE], [*groups, HeaderGroup("", 1)]


def _footer(width: int) -> list[list[Cell]]:
    """The four signatures spread over the table's width."""
    line: list[Cell] = [""] * width
    for index, label in enumerate(SIGNATURES):
        line[round(index * (width - 1) / (len(SIGNATURES) - 1))] = label
    return [[], line]


async def progress_sheet(
    session: AsyncSession,
    *,
    principal: Principal,
    table: str,
    area_code: str,
    period_text: str | None,
    year: int | None,
    level: str | None,
) -> Table:
    """Attachment 1 or 2 for the area's townships (or the level asked) and the area's total,
    for the period asked, else the latest quarter with income records (of the year asked)."""
    name, blocks = SHEETS[table]
    area = await visible_area(session, principal=principal, code=area_code)
    period = await chosen_period(session, area_code=area.code, period=period_text, year=year)
    length = child_length(area, level)
    below = await areas_below(session, area=area, length=length)
    everyone = [*below, area]
    levels = [block.level for block in blocks]
    growths = [block.growth for block in blocks if block.growth is not None]
    actuals = await actual_values(
        session,
        measures=levels + growths,
        area=area,
        rows=everyone,
        length=length,
        periods=[period],
    )
    # A count's change on a year earlier (the level's own, where no growth measure exists).
    own_change = [block.level for block in blocks if block.growth is None]
    earlier = (
        await actual_values(
            session,
            measures=own_change,
            area=area,
            rows=everyone,
            length=length,
            periods=[period.year_earlier],
        )
        if own_change
        else {}
    )
    targets = await targets_for(
        session, measures=levels, codes=[row.code for row in everyone], periods=[period]
    )
    columns, groups = _columns(blocks, ROWS_HEADER.get(length, "区划"))
    rows = [
        _row(row, index, blocks, period, actuals, earlier, targets)
        for index, row in enumerate(everyone, start=1)
    ]
    rows[-1][:2] = [None, TOTAL]
    return Table(
        columns,
        rows,
        title=f"{period.year}年度{area.name}{name}（截至{period.quarter_zh}）",
        notes=["单位：元、%"],
        groups=groups,
        footer=_footer(len(columns)),
        frozen_columns=2,
    )


def _row(
    row: Area,
    index: int,
    blocks: list[Block],
    period: Period,
    actuals: Actuals,
    earlier: Actuals,
    targets: dict,
) -> list[Cell]:
    cells: list[Cell] = [index, row.name]
    recorded = False
    for block in blocks:
        measure = measure_of(*block.level)
        actual = actuals.get((*block.level, row.code, period))
        recorded = recorded or actual is not None
        target = targets.get((*block.level, row.code, period))
        if block.growth is not None:
            change = actuals.get((*block.growth, row.code, period))
        else:
            change = growth(actual, earlier.get((*block.level, row.code, period.year_earlier)))
        rate: Fraction | None = None
        if target is not None:
            rate = completion(actual, target.value, measure.unit, measure.direction)
        cells += [
            None if target is None else number(Fraction(target.value), measure.unit),
            number(actual, measure.unit),
            number(rate, Unit.PERCENT),
            number(change, Unit.PERCENT),
        ]
    return [*cells, "" if recorded else NO_RECORDS]
