"""The per-village income sums kept with the records (registry_copy.income_sums) always equal the
sums made again from the records, through edits, moves, category changes, deletions, replays
and pages out of order; and the figures read from them are the records' own."""

import uuid

import pytest
from sqlalchemy import select

from indicators.models import IncomeSums
from indicators.registry_copy.income_sums import refresh_income_sums
from indicators.tests.events import (
    COUNTY,
    TOWN_A,
    TOWN_B,
    VILLAGE_A2,
    VILLAGE_B1,
    county,
    income,
    sync,
)
from indicators.tests.helpers import values

pytestmark = pytest.mark.smoke
H1, H2, H3 = (uuid.uuid4() for _ in range(3))
R1, R2, R3 = (uuid.uuid4() for _ in range(3))


async def _sums(app) -> set[tuple]:
    async with app.state.sessionmaker() as session:
        rows = (await session.execute(select(IncomeSums))).scalars().all()
    return {
        tuple(getattr(row, c.name) for c in IncomeSums.__table__.columns)  # type: ignore[attr-defined]
        for row in rows
        if row.households  # a group emptied by moves keeps a zero row
    }


async def _kept_equals_refreshed(app) -> None:
    kept = await _sums(app)
    async with app.state.sessionmaker.begin() as session:
        await refresh_income_sums(session)
    assert kept == await _sums(app)


async def test_kept_sums_follow_every_change_of_the_records(app, client, tokens):
    await sync(app, county())
    first = [
        income(H1, "2025Q2", wage="6000.00", residents=2, record_id=R1),
        income(H2, "2025Q2", transfer="3249.99", residents=1, record_id=R2, category="low_income"),
        income(H3, "2025Q2", operating="-500.00", wage="9000.00", village=VILLAGE_B1, record_id=R3),
    ]
    await sync(app, first)
    await _kept_equals_refreshed(app)
    # H1's record corrected to another village (version 2), H2 leaves the low-income roll on
    # its record, H3's deleted; then the first versions replayed: nothing moves back.
    await sync(
        app,
        [
            income(H1, "2025Q2", wage="7000.00", residents=2, record_id=R1, version=2,
                   village=VILLAGE_A2),
            income(H2, "2025Q2", transfer="3250.00", residents=1, record_id=R2, version=2),
            income(H3, "2025Q2", village=VILLAGE_B1, record_id=R3, version=2, deleted=True),
        ],
    )  # fmt: skip
    await sync(app, first)
    await _kept_equals_refreshed(app)

    found = await values(client, tokens, "I01_rural_income", COUNTY, "2025Q2")
    # 7,000.00 + 3,250.00 over 3 residents; town B's only record is deleted.
    assert found[(COUNTY, "per_capita")]["value"] == "3416.67"
    assert found[(COUNTY, "per_capita")]["numerator"] == "10250"
    assert found[(TOWN_A, "per_capita")]["covered"] == 2
    assert found[(TOWN_B, "per_capita")]["value"] is None
    below = await values(client, tokens, "I04_below_13000", COUNTY, "2025Q2")
    # Annualised × 2: H1 7,000 / 2 × 2 = 7,000 < 13,000; H2 3,250 × 2 = 6,500 < 13,000.
    assert below[(COUNTY, "share")]["numerator"] == "2"
    low = await values(client, tokens, "I03_low_income_income", COUNTY, "2025Q2")
    assert low[(COUNTY, "per_capita")]["value"] is None  # H2's record is a small farmer's now
