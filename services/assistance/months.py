"""Calendar months in Asia/Shanghai: the unit of "one visit a month"."""

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Annotated

from fastapi import Query

from kit.clock import LOCAL_TZ, local_today
from kit.problems import invalid

# The years a month may be in (as the registry's income periods): a month's first and last
# instants stay representable in UTC, and year 0 never reaches a date.
FIRST_YEAR, LAST_YEAR = 2000, 2100

MonthQuery = Annotated[
    str | None,
    Query(
        pattern=r"^[0-9]{4}-(0[1-9]|1[0-2])$",
        description="月份，如 2026-11；默认本月 / month, e.g. 2026-11; default this month",
    ),
]


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, value: str | None, today: date | None = None) -> "Month":
        if value is None:
            today = today or local_today()
            return cls(today.year, today.month)
        year, month = value.split("-")
        if not FIRST_YEAR <= int(year) <= LAST_YEAR:
            raise invalid(
                "month", f"年份应在 {FIRST_YEAR}–{LAST_YEAR} / a year {FIRST_YEAR}–{LAST_YEAR}"
            )
        return cls(int(year), int(month))

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def starts_at(self) -> datetime:
        """The month's first instant (local midnight), in UTC."""
        return datetime(self.year, self.month, 1, tzinfo=LOCAL_TZ).astimezone(UTC)

    @property
    def ends_at(self) -> datetime:
        """The next month's first instant, in UTC (exclusive)."""
        year, month = (self.year + 1, 1) if self.month == 12 else (self.year, self.month + 1)
        return datetime(year, month, 1, tzinfo=LOCAL_TZ).astimezone(UTC)

    def reference_day(self, today: date) -> date:
        """The day whose pairings decide who is due: today in the current month, else the
        month's last day (docs/assistance.md, "Who is due")."""
        return today if self.first_day <= today <= self.last_day else self.last_day

    def ended(self, today: date) -> bool:
        return today > self.last_day


def local_day(moment: datetime) -> date:
    return moment.astimezone(LOCAL_TZ).date()
