"""Keeping ``IncomeSums`` (the income records summed per period, village and category) exact.

When a page replaces income records, each replaced live record's contribution is taken off
its group and each new live record's added, as one ``INSERT … ON CONFLICT DO UPDATE`` adding
the differences, in the page's transaction: the sums never disagree with the records.
``refresh_income_sums`` makes the whole table again from the records (after a COPY load, or
to check the kept sums: both ways must give the same rows).
"""

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import case, delete, false, func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from indicators.models import IncomeRecord, IncomeSums
from indicators.programme import FAMILY_LINES_FEN, below_line
from kit.db import insert_for

KEY = ("year", "quarter", "village_code", "category")
COMPONENTS = ("wage_fen", "operating_fen", "property_fen", "transfer_fen")
SUMMED = (
    "households",
    "total_fen",
    "residents",
    *COMPONENTS,
    "below_line",
    *FAMILY_LINES_FEN,
)


def contribution(record: Mapping[str, Any]) -> Counter[str]:
    """What one live record adds to its group's sums."""
    total = sum(int(record[c]) for c in COMPONENTS)
    residents = int(record["resident_count"])
    below = below_line(total, int(record["quarter"]), residents)
    added = Counter({"households": 1, "total_fen": total, "residents": residents})
    added.update({c: int(record[c]) for c in COMPONENTS})
    added.update({"below_line": int(below)})
    added.update({name: int(total >= line) for name, line in FAMILY_LINES_FEN.items()})
    return added


async def records_replaced(
    session: AsyncSession,
    *,
    before: Iterable[Mapping[str, Any]],
    after: Iterable[Mapping[str, Any]],
) -> None:
    """Move the sums from the live records ``before`` a page to the live records ``after``."""
    deltas: dict[tuple[Any, ...], Counter[str]] = {}
    for sign, records in ((-1, before), (1, after)):
        for record in records:
            group = deltas.setdefault(tuple(record[k] for k in KEY), Counter())
            for name, value in contribution(record).items():
                group[name] += sign * value
    rows = [
        dict(zip(KEY, key, strict=True)) | {name: sums[name] for name in SUMMED}
        for key, sums in deltas.items()
        if any(sums.values())
    ]
    if not rows:
        return
    table = IncomeSums.__table__  # type: ignore[attr-defined]
    statement = insert_for(session)(table).values(rows)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=list(KEY),
            set_={name: table.c[name] + statement.excluded[name] for name in SUMMED},
        )
    )


async def refresh_income_sums(session: AsyncSession) -> None:
    """Make every row of ``IncomeSums`` again from the live income records."""
    r = IncomeRecord.__table__  # type: ignore[attr-defined]
    total = r.c.wage_fen + r.c.operating_fen + r.c.property_fen + r.c.transfer_fen
    below = below_line(total, r.c.quarter, r.c.resident_count)
    columns = [
        *(r.c[k] for k in KEY),
        func.count(),
        func.sum(total),
        func.sum(r.c.resident_count),
        *(func.sum(r.c[c]) for c in COMPONENTS),
        func.sum(case((below, 1), else_=0)),
        *(func.sum(case((total >= line, 1), else_=0)) for line in FAMILY_LINES_FEN.values()),
    ]
    query = select(*columns).where(r.c.deleted == false()).group_by(*(r.c[k] for k in KEY))
    table = IncomeSums.__table__  # type: ignore[attr-defined]
    await session.execute(delete(table))
    await session.execute(insert(table).from_select([*KEY, *SUMMED], query))
