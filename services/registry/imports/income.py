"""Income records, one a row, matched by the household head's ID number and the period."""

import asyncio
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from kit.auth import Principal
from kit.money import to_fen
from kit.problems import Problem
from kit.tabular import Column, SourceRow
from registry.households.income_schemas import IncomeRecordPut
from registry.households.income_service import parse_period, put_record
from registry.identity import normalise
from registry.imports.cells import (
    Choice,
    Parser,
    headers_of,
    integer,
    money,
    problem_error,
    read_cells,
    require,
    schema_errors,
)
from registry.imports.lookups import Villages, fetch_in
from registry.imports.report import Action, Unit
from registry.models import Household, IncomeRecord, Member
from registry.models.vocab import HOUSEHOLD_CATEGORY, Relation
from registry.privacy import mask_id_number

NAME = "收入"
YUAN = "元，保留两位小数 / yuan"
COLUMNS = [
    Column(
        "户主身份证号",
        "head_id_number",
        required=True,
        example="331126198001011012",
        note="已登记农户户主的身份证号 / the registered household's head",
    ),
    Column(
        "期间",
        "period",
        required=True,
        example="2026Q3",
        note="年+季度，年初至季末累计，如 2026Q3 = 1–9 月 / year to date",
    ),
    Column("工资性收入", "wage_income", required=True, example="30000.00", note=YUAN),
    Column(
        "经营净收入", "operating_income", required=True, example="5000.00", note=f"可为负 / {YUAN}"
    ),
    Column("财产净收入", "property_income", required=True, example="0", note=YUAN),
    Column("转移净收入", "transfer_income", required=True, example="2000.00", note=YUAN),
    Column("常住人口数", "resident_count", required=True, example="2", note="至少 1 / at least 1"),
    Column(
        "村代码",
        "village_code",
        note="空白取农户当时的村（更正时填）/ blank: the household's village at the time",
    ),
    Column(
        "农户类别",
        "category",
        note=f"{HOUSEHOLD_CATEGORY.shown}；空白取农户当时的类别 / blank: the household's category",
    ),
]
HEADERS = headers_of(COLUMNS)
PARSERS: dict[str, Parser] = {
    "wage_income": money,
    "operating_income": money,
    "property_income": money,
    "transfer_income": money,
    "resident_count": integer,
    "category": Choice(HOUSEHOLD_CATEGORY),
}
_FEN = (
    ("wage_fen", "wage_income"),
    ("operating_fen", "operating_income"),
    ("property_fen", "property_income"),
    ("transfer_fen", "transfer_income"),
)


@dataclass
class Stored:
    households: dict[str, Household]  # by the head's ID number
    records: dict[tuple[UUID, int, int], IncomeRecord]
    villages: Villages


async def _stored(session: AsyncSession, principal: Principal, rows: list[SourceRow]) -> Stored:
    heads = await fetch_in(
        session,
        lambda chunk: select(Member).where(
            col(Member.id_number).in_(chunk), col(Member.relation) == Relation.HEAD
        ),
        {normalise(r.values["head_id_number"]) for r in rows},
    )
    household_of = {m.household_id: m.id_number for m in heads}
    households = await fetch_in(
        session, lambda chunk: select(Household).where(col(Household.id).in_(chunk)), household_of
    )
    records = await fetch_in(
        session,
        lambda chunk: select(IncomeRecord).where(col(IncomeRecord.household_id).in_(chunk)),
        household_of,
    )
    villages = await Villages.load(
        session, principal, {r.values["village_code"] for r in rows if r.values["village_code"]}
    )
    return Stored(
        households={household_of[h.id]: h for h in households},
        records={(r.household_id, r.year, r.quarter): r for r in records},
        villages=villages,
    )


async def plan(session: AsyncSession, principal: Principal, rows: list[SourceRow]) -> list[Unit]:
    stored = await _stored(session, principal, rows)
    seen: dict[tuple[str, str], int] = {}
    # Checking thousands of rows is seconds of CPU: off the event loop (see service.py).
    return await asyncio.to_thread(
        lambda: [_plan_row(principal, stored, seen, row) for row in rows]
    )


def _period(unit: Unit, row: SourceRow) -> tuple[int, int] | None:
    try:
        return parse_period(row.values["period"]) if row.values["period"] else None
    except Problem as problem:
        problem_error(unit, problem, row.number, HEADERS)
        return None


def _plan_row(
    principal: Principal, stored: Stored, seen: dict[tuple[str, str], int], row: SourceRow
) -> Unit:
    head = normalise(row.values["head_id_number"])
    unit = Unit(rows=[row.number], key=f"{mask_id_number(head) or '-'} {row.values['period']}")
    require(unit, row, COLUMNS)
    values = read_cells(unit, row, COLUMNS, PARSERS)
    values.pop("head_id_number", None)
    values.pop("period", None)
    period = _period(unit, row)
    household = stored.households.get(head)
    if household is not None and not principal.covers(household.village_code):
        # Another township's household reads as none at all (docs/security.md, "Existence
        # oracles"): the officer cannot tell a head registered elsewhere from one unknown.
        household = None
    if head and household is None:
        unit.error(
            row.number,
            HEADERS["head_id_number"],
            f"没有户主身份证号为 {mask_id_number(head)} 的农户 / no household with this head",
        )
    if "village_code" in values:
        try:
            values["village_code"] = stored.villages.resolve(values["village_code"])
        except ValueError as exc:
            unit.error(row.number, HEADERS["village_code"], str(exc))
            values.pop("village_code")
    if period is not None and head:
        key = (head, f"{period[0]}Q{period[1]}")
        if key in seen:
            unit.error(
                row.number,
                HEADERS["period"],
                f"与第 {seen[key]} 行是同一户同一期 / same household and period as row {seen[key]}",
            )
        seen.setdefault(key, row.number)
    reported = {issue.field for issue in unit.errors}
    try:
        body = IncomeRecordPut.model_validate(values)
    except ValidationError as exc:
        checked = Unit(rows=unit.rows, key=unit.key)
        schema_errors(checked, exc, lambda loc: (row.number, HEADERS.get(str(loc[0]), "-")))
        unit.errors += [i for i in checked.errors if i.field not in reported]
    if unit.errors or household is None or period is None:
        return unit
    unit.body = body
    unit.extra |= {"household_id": household.id, "period": f"{period[0]}Q{period[1]}"}
    record = stored.records.get((household.id, *period))
    if record is not None:
        unit.record_id, unit.version = record.id, record.version
        unit.action = Action.UNCHANGED if _same(record, body) else Action.UPDATE
    return unit


def _same(record: IncomeRecord, body: IncomeRecordPut) -> bool:
    """As put_record decides it: omitted village and category keep the record's."""
    wanted: dict[str, Any] = {column: to_fen(getattr(body, name)) for column, name in _FEN}
    wanted["resident_count"] = body.resident_count
    wanted["village_code"] = body.village_code or record.village_code
    wanted["category"] = body.category or record.category
    return all(getattr(record, name) == value for name, value in wanted.items())


async def write(session: AsyncSession, principal: Principal, unit: Unit) -> UUID:
    if_match = None if unit.version is None else f'"{unit.version}"'
    household_id, period = unit.extra["household_id"], unit.extra["period"]
    record, _ = await put_record(
        session,
        principal=principal,
        household_id=household_id,
        period=period,
        data=unit.body,
        if_match=if_match,
    )
    return record.id
