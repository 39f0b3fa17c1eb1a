"""Indicator periods: ``2026Q3`` is January–September 2026 (year to date); ``2026`` is the
year's figure, which is its Q4. Months (the visits', the alerts' visit rules) are ``2026-07``."""

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Annotated

from fastapi import Query

from kit.clock import local_today
from kit.problems import invalid

PERIOD_PATTERN = r"^([0-9]{4})(?:Q([1-4]))?$"
MONTH_PATTERN = r"^[0-9]{4}-(0[1-9]|1[0-2])$"
_PERIOD = re.compile(PERIOD_PATTERN)
# The years a period may name (as the registry's income periods): dates a year either side of
# them stay representable, and year 0 never reaches a date.
FIRST_YEAR, LAST_YEAR = 2000, 2100
_PERIOD_DESCRIPTION = "2026Q3（年初至季末）或 2026（= Q4）/ 2026Q3 (year to date) or 2026 (its Q4)"
# An indicator period as a query parameter (required, or an optional filter).
PeriodQuery = Annotated[str, Query(pattern=PERIOD_PATTERN, description=_PERIOD_DESCRIPTION)]
PeriodFilterQuery = Annotated[
    str | None, Query(pattern=PERIOD_PATTERN, description=_PERIOD_DESCRIPTION)
]


# A month a figure is taken in (the "six ones" of #14), within its period's quarter.
MonthQuery = Annotated[
    str | None,
    Query(
        pattern=MONTH_PATTERN,
        description="月份，仅“六个一”（#14），须在期间的季度内 / a month (#14 only), in the"
        " period's quarter",
    ),
]


@dataclass(frozen=True)
class Period:
    year: int
    quarter: int

    @classmethod
    def parse(cls, text: str, field: str = "period") -> "Period":
        match = _PERIOD.fullmatch(text.strip())
        if match is None or not FIRST_YEAR <= int(match[1]) <= LAST_YEAR:
            raise invalid(
                field,
                f"期间应为 2026 或 2026Q3，年份 {FIRST_YEAR}–{LAST_YEAR} / a period is 2026 or "
                f"2026Q3, a year {FIRST_YEAR}–{LAST_YEAR}",
            )
        return cls(int(match[1]), int(match[2] or 4))

    def __str__(self) -> str:
        return f"{self.year}Q{self.quarter}"

    @property
    def through_zh(self) -> str:
        """The period as a table's title names it: 截至2026年三季度 (income to date, counts at
        its end, the six ones of its last month: "through" fits every indicator)."""
        return f"截至{self.year}年{self.quarter_zh}"

    @property
    def quarter_zh(self) -> str:
        """The quarter as the plan's tables write it: 三季度."""
        return f"{'一二三四'[self.quarter - 1]}季度"

    @property
    def year_earlier(self) -> "Period":
        return Period(self.year - 1, self.quarter)

    @property
    def last_day(self) -> date:
        first_of_next = (
            date(self.year + 1, 1, 1)
            if self.quarter == 4
            else date(self.year, self.quarter * 3 + 1, 1)
        )
        return first_of_next - timedelta(days=1)

    def as_of(self, today: date | None = None) -> date:
        """The day links and ages are taken on: the period's last day, or today (Asia/Shanghai)
        while the period is still running."""
        return min(self.last_day, today or local_today())


def years_before(day: date, years: int) -> date:
    """The same calendar day ``years`` earlier (29 February becomes the 28th in a common year)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def month_text(day: date) -> str:
    """The month a day is in, as periods of a month are written: ``2026-07``."""
    return f"{day.year:04d}-{day.month:02d}"


def month_last_day(month: str) -> date:
    """The last day of a month written ``2026-07``."""
    year, number = int(month[:4]), int(month[5:])
    first_next = date(year + (number == 12), number % 12 + 1, 1)
    return first_next - timedelta(days=1)


def month_in(period: "Period", month: str, today: date | None = None) -> date:
    """The day a month's figures are taken on (its last day, or today while it runs), for a
    month in the period's quarter that has begun."""
    year, number = int(month[:4]), int(month[5:])
    if (year, (number - 1) // 3 + 1) != (period.year, period.quarter):
        raise invalid("month", f"月份应在 {period} 季度内 / the month is not in {period}")
    today = today or local_today()
    if date(year, number, 1) > today:
        raise invalid("month", "该月尚未开始 / the month has not begun")
    return min(month_last_day(month), today)
