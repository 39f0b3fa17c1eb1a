"""The programme's rules that more than one part of this service applies, each written once
here: the 13,000-yuan line (#4's count, the kept income sums, the ``income_below_line`` alert),
#5's family-income lines, and when a pairing or link holds on a day (#6, #7, #14 and the
alerts' cadre and due visits).

The line is compared in integers, on a record's numbers or on SQL columns alike, so the
indicator, its kept sums and the alert can never disagree about a household.
"""

from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, false, or_
from sqlmodel import col

from indicators.models import CadreEntityLink, EntityHouseholdLink, Pairing

LINE_FEN = 1_300_000  # 13,000 yuan per person a year (#4)
# #5: a small farmer's family income reaching 100,000 and 200,000 yuan, by the IncomeSums
# column counting the records that reach each.
FAMILY_LINES_FEN = {"reach_100k": 10_000_000, "reach_200k": 20_000_000}


def below_line(total_fen: Any, quarter: Any, residents: Any) -> Any:
    """Under the line per resident, the year-to-date total annualised (× 4 ÷ quarter), in
    integers: total × 4 ÷ quarter ÷ residents < line ⇔ total × 4 < line × quarter × residents.
    Numbers give a bool, SQL expressions a condition."""
    return total_fen * 4 < LINE_FEN * quarter * residents


Link = type[Pairing] | type[CadreEntityLink] | type[EntityHouseholdLink]


def active_on(link: Link, day: date) -> list[ColumnElement[bool]]:
    """The pairing or link holds on ``day``: begun by then and not yet ended (``ended_on`` is
    the first day it no longer holds, the registry's rule), and not deleted."""
    ended_on = col(link.ended_on)
    return [
        col(link.deleted) == false(),
        col(link.started_on) <= day,
        or_(ended_on.is_(None), ended_on > day),
    ]
