"""What every export of this service shares: units in headers, numbers as the sheet wants
them, the name of the rows' level, and which period a table shows when none is asked."""

from decimal import Decimal
from fractions import Fraction

from sqlalchemy.ext.asyncio import AsyncSession

from indicators.catalogue.definitions import Measure, Unit
from indicators.defaults.service import latest_income_period, quarter_of
from indicators.periods import Period
from indicators.values.exact import shown
from kit.clock import local_today
from kit.downloads import COUNT, DECIMAL, MONEY, PERCENT, Cell, TableColumn

TOTAL = "合计"
# The rows' header by the length of their codes.
ROWS_HEADER = {2: "省", 4: "市", 6: "县（市、区）", 9: "乡镇（街道）", 12: "村（社区）"}
# What a count counts, by what the indicator covers; a few measures count something else.
COUNT_UNIT = {"households": "户", "villages": "个", "entities": "家", "cadres": "人"}
COUNT_UNIT_OF_MEASURE = {
    ("I07_cadre_entity_links", "entities_linked"): "家",
    ("I11_rural_ecommerce", "jobs"): "人",
    ("I12_outsourced_processing", "new_brokers"): "人",
    ("I12_outsourced_processing", "workforce"): "人",
    ("I13_nhl", "farmers_linked"): "户",
}
FORMATS = {Unit.YUAN: MONEY, Unit.PERCENT: PERCENT, Unit.COUNT: COUNT, Unit.RATIO: DECIMAL}
SEQUENCE = TableColumn("序号", "0")
NOTE = TableColumn("备注")


def unit_text(indicator: str, measure: Measure, covers: str) -> str:
    """The unit a header names: 元, %, 户…; none for a ratio."""
    if measure.unit is Unit.COUNT:
        return COUNT_UNIT_OF_MEASURE.get((indicator, measure.code), COUNT_UNIT.get(covers, ""))
    return {Unit.YUAN: "元", Unit.PERCENT: "%"}.get(measure.unit, "")


def with_unit(header: str, unit: str) -> str:
    return f"{header}（{unit}）" if unit else header


def number(value: Fraction | None, unit: Unit) -> Cell:
    """A figure as a sheet's number: rounded half up as shown (money and % to 0.01), a count
    as a whole number; empty where nothing divides."""
    return shown_number(shown(value, unit), unit)


def shown_number(text: str | None, unit: Unit = Unit.PERCENT) -> Cell:
    """A figure the API shows as text ("84.46", "2") as a sheet's number."""
    if text is None:
        return None
    return int(text) if unit is Unit.COUNT and "." not in text else Decimal(text)


async def chosen_period(
    session: AsyncSession, *, area_code: str, period: str | None, year: int | None = None
) -> Period:
    """The period asked for, else the latest quarter with income records (of the year asked);
    without any, the running quarter (or that year's last quarter begun), so the table is named."""
    if period is not None:
        return Period.parse(period)
    running = quarter_of(local_today())
    last = running if year is None or year >= running.year else Period(year, 4)
    latest = await latest_income_period(session, area_code=area_code, up_to=last)
    if latest is not None and (year is None or latest.year == year):
        return latest
    return last if year is None or year <= running.year else Period(year, 1)
