"""Income records: a household's income for a period (year to date), each its own aggregate."""

import re
from typing import Any
from uuid import UUID

from sqlalchemy import tuple_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from kit.auth import Principal
from kit.money import from_fen, round_yuan, to_fen
from kit.pagination import Page, decode_cursor, encode_cursor
from kit.problems import NotFound, invalid
from kit.versioning import bump_if_match
from registry import aggregates
from registry.households.income_schemas import IncomeRecordPublic, IncomeRecordPut
from registry.households.rules import check_village
from registry.households.service import find
from registry.models import IncomeRecord

AGGREGATE = "income_record"
_PERIOD = re.compile(r"(\d{4})Q([1-4])")
_COMPONENTS = (
    ("wage_fen", "wage_income"),
    ("operating_fen", "operating_income"),
    ("property_fen", "property_income"),
    ("transfer_fen", "transfer_income"),
)


def parse_period(period: str) -> tuple[int, int]:
    """``2026Q3`` → (2026, 3); 422 naming ``period`` otherwise."""
    match = _PERIOD.fullmatch(period.strip().upper())
    if match is None or not 2000 <= int(match[1]) <= 2100:
        raise invalid(
            "period", "期间应形如 2026Q3（Q1 至 Q4）/ period must look like 2026Q3 (Q1..Q4)"
        )
    return int(match[1]), int(match[2])


def to_public(record: IncomeRecord) -> IncomeRecordPublic:
    """The record with its derived totals (computed here, never stored)."""
    fen = {name: getattr(record, column) for column, name in _COMPONENTS}
    total = sum(fen.values())
    return IncomeRecordPublic(
        id=record.id,
        household_id=record.household_id,
        period=f"{record.year}Q{record.quarter}",
        year=record.year,
        quarter=record.quarter,
        wage_income=from_fen(fen["wage_income"]),
        operating_income=from_fen(fen["operating_income"]),
        property_income=from_fen(fen["property_income"]),
        transfer_income=from_fen(fen["transfer_income"]),
        resident_count=record.resident_count,
        village_code=record.village_code,
        category=record.category,
        total_income=from_fen(total),
        per_capita_income=round_yuan(from_fen(total) / record.resident_count),
        version=record.version,
        created_at=record.created_at,
        updated_at=record.updated_at,
    )


async def _stored(
    session: AsyncSession, household_id: UUID, year: int, quarter: int, *, for_update: bool = False
) -> IncomeRecord | None:
    query = select(IncomeRecord).where(
        col(IncomeRecord.household_id) == household_id,
        col(IncomeRecord.year) == year,
        col(IncomeRecord.quarter) == quarter,
    )
    if for_update:
        query = query.with_for_update()
    return (await session.execute(query)).scalars().first()


async def get_record(
    session: AsyncSession, *, principal: Principal, household_id: UUID, period: str
) -> IncomeRecordPublic:
    """A household's record for ``period`` (``2026Q3``), else 404."""
    year, quarter = parse_period(period)
    household = await find(session, principal=principal, household_id=household_id)
    record = await _stored(session, household.id, year, quarter)
    if record is None:
        raise NotFound(
            f"农户 {household_id} 没有 {period} 的收入记录 / no income record for {period}"
        )
    return to_public(record)


async def list_records(
    session: AsyncSession,
    *,
    principal: Principal,
    household_id: UUID,
    cursor: str | None,
    limit: int,
) -> Page[IncomeRecordPublic]:
    """Newest period first (keyset on year and quarter, descending)."""
    household = await find(session, principal=principal, household_id=household_id)
    period = tuple_(col(IncomeRecord.year), col(IncomeRecord.quarter))
    query = select(IncomeRecord).where(col(IncomeRecord.household_id) == household.id)
    if cursor:
        year, quarter = decode_cursor(cursor, 2)
        if not (year.isdigit() and quarter.isdigit()):
            raise invalid("cursor", "游标无效 / not a cursor this list gave", "cursor")
        query = query.where(period < tuple_(int(year), int(quarter)))
    query = query.order_by(col(IncomeRecord.year).desc(), col(IncomeRecord.quarter).desc())
    rows = list((await session.execute(query.limit(limit + 1))).scalars())
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        next_cursor = encode_cursor([rows[-1].year, rows[-1].quarter])
    return Page(items=[to_public(r) for r in rows], next_cursor=next_cursor)


def _values(body: IncomeRecordPut) -> dict[str, Any]:
    values: dict[str, Any] = {column: to_fen(getattr(body, name)) for column, name in _COMPONENTS}
    values["resident_count"] = body.resident_count
    return values


async def put_record(
    session: AsyncSession,
    *,
    principal: Principal,
    household_id: UUID,
    period: str,
    data: IncomeRecordPut,
    if_match: str | None,
) -> tuple[IncomeRecordPublic, bool]:
    """Create (True) or update the period's record; the same values again change nothing."""
    year, quarter = parse_period(period)
    household = await find(session, principal=principal, household_id=household_id)
    if data.village_code is not None:
        await check_village(session, principal, data.village_code)
    record = await _stored(session, household.id, year, quarter, for_update=True)
    values = _values(data)
    if record is None:
        # The household's village and category as they stand now are this period's.
        record = IncomeRecord(
            household_id=household.id,
            year=year,
            quarter=quarter,
            village_code=data.village_code or household.village_code,
            category=data.category or household.category,
            **values,
        )
        session.add(record)
        await session.flush()
        state = to_public(record)
        aggregates.emit(session, AGGREGATE, record, state, record.village_code)
        return state, True
    # Omitted village and category keep what the record holds: a later move does not rewrite it.
    values["village_code"] = data.village_code or record.village_code
    values["category"] = data.category or record.category
    if all(getattr(record, name) == value for name, value in values.items()):
        return to_public(record), False  # a repeat of what is stored: no new version, no event
    bump_if_match(record, if_match)
    for name, value in values.items():
        setattr(record, name, value)
    await session.flush()
    state = to_public(record)
    aggregates.emit(session, AGGREGATE, record, state, record.village_code)
    return state, False


async def delete_record(
    session: AsyncSession,
    *,
    principal: Principal,
    household_id: UUID,
    period: str,
    if_match: str | None,
) -> None:
    """Delete a household's record for ``period``, at the version the caller read."""
    year, quarter = parse_period(period)
    household = await find(session, principal=principal, household_id=household_id)
    record = await _stored(session, household.id, year, quarter, for_update=True)
    if record is None:
        raise NotFound(
            f"农户 {household_id} 没有 {period} 的收入记录 / no income record for {period}"
        )
    bump_if_match(record, if_match)
    state = to_public(record)
    await session.delete(record)
    await session.flush()
    aggregates.emit(session, AGGREGATE, record, state, record.village_code, deleted=True)
