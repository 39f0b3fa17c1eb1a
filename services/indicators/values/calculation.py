"""What every indicator's calculation has in common.

A calculation is two steps. ``sums`` runs SQL aggregates grouped by the area-code prefix of the
rows asked for (``GROUP BY substr(village_code, 1, n)``) and answers named integer sums per
group: fen, people, households, villages. Every such sum adds up, so an area's sums are its
groups' sums added together, and no row is read into Python. ``figures`` then turns one area's
sums into its measures with exact fractions (values.exact).
"""

from collections import Counter
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from sqlalchemy import ColumnElement, Select, func, literal_column
from sqlalchemy.ext.asyncio import AsyncSession

from indicators.periods import Period

Sums = Counter[str]
Grouped = dict[str, Sums]


@dataclass(frozen=True)
class Scope:
    area: str  # the area code asked for: rows whose code starts with it
    length: int  # group rows by this many leading digits of their code (the child level)
    period: Period
    as_of: date  # links and ages are taken on this day (Period.as_of)

    def group(self, code: Any) -> Any:
        # Literal numbers, not bound parameters: PostgreSQL matches the GROUP BY expression to
        # the selected one only when they are written the same.
        return func.substr(code, literal_column("1"), literal_column(str(self.length)))

    def within(self, code: Any) -> ColumnElement[bool]:
        return code.like(self.area + "%")  # type: ignore[no-any-return,unused-ignore]


@dataclass(frozen=True)
class Figure:
    """One measure of one area: the value, what it was divided from, and how many households
    (villages, entities, cadres) it covers. ``value`` is None when there is nothing to divide."""

    value: Fraction | None
    numerator: Fraction | int | None = None
    denominator: Fraction | int | None = None
    covered: int = 0
    note: str | None = None  # why there is no value (a part not yet computed, say)


def count(value: int) -> Figure:
    return Figure(Fraction(value), value, None, value)


@dataclass(frozen=True)
class MemberColumns:
    """An explanation's list (``…/members``): a query whose rows have ``id``, ``name``,
    ``village_code`` and the figure columns, and which rows count towards the measure."""

    kind: str  # household, entity, village, cadre
    query: Any  # a Select
    id_column: Any
    counted: Callable[[str], ColumnElement[bool] | None]  # measure → condition, None: all count
    figures: Callable[[Any], dict[str, str]]


@dataclass(frozen=True)
class Calculator:
    covers: str  # what ``covered`` counts: households, villages, entities, cadres
    sums: Callable[[AsyncSession, Scope], Awaitable[Grouped]]
    figures: Callable[[Sums, dict[str, Decimal]], dict[str, Figure]]
    members: Callable[[Scope], MemberColumns] | None = None
    # Measures whose value another department reports; the computed one is shown beside.
    reported: frozenset[str] = field(default_factory=frozenset)


async def grouped(session: AsyncSession, query: Select[Any], prefix: str = "") -> Grouped:
    """Run a query whose first column is the group and the others named integer sums."""
    result: Grouped = {}
    for row in (await session.execute(query)).mappings():
        group, *names = row.keys()
        sums = result.setdefault(row[group], Counter())
        for name in names:
            sums[prefix + name] += int(row[name] or 0)
    return result


def merge(*parts: Grouped) -> Grouped:
    merged: Grouped = {}
    for part in parts:
        for group, sums in part.items():
            merged.setdefault(group, Counter()).update(sums)
    return merged


def total(groups: Iterable[Sums]) -> Sums:
    whole: Sums = Counter()
    for sums in groups:
        whole.update(sums)
    return whole
