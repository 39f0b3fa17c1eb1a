"""Entities (新型农业主体), one a row, matched by credit code, else by name and village.

A credit code that fails its check is a warning, not an error: the row is imported without the
code (a stored code is kept), matched by name and village, and the warning says so.
"""

import asyncio
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from kit.auth import Principal
from kit.problems import Problem
from kit.tabular import Column, SourceRow
from registry.credit_code import credit_code_error
from registry.entities.errors import credit_code_registered_elsewhere
from registry.entities.schemas import EntityBase, EntityCreate, EntityUpdate
from registry.entities.service import check_rules, create_entity, update_entity
from registry.imports.cells import (
    Choice,
    Parser,
    headers_of,
    integer,
    problem_error,
    read_cells,
    require,
    schema_errors,
    yes_no,
)
from registry.imports.lookups import Villages, fetch_in
from registry.imports.report import Action, Unit
from registry.models import Entity
from registry.models.vocab import (
    ENTERPRISE_LEVEL,
    ENTITY_STATUS,
    ENTITY_TYPE,
    INDUSTRY,
    QUALITY_GRADE,
)

NAME = "新型农业主体"
KEEP = "空白保持原值 / blank keeps the stored value"

COLUMNS = [
    Column("主体名称", "name", required=True, example="黄田香菇家庭农场"),
    Column(
        "主体类型",
        "type",
        required=True,
        example=ENTITY_TYPE.label("family_farm"),
        note=ENTITY_TYPE.shown,
    ),
    Column(
        "龙头企业级别",
        "enterprise_level",
        note=f"仅农业龙头企业，必填：{ENTERPRISE_LEVEL.shown} / leading enterprises only",
    ),
    Column(
        "统一社会信用代码",
        "credit_code",
        example="93331126MA2A0B1C2X",
        note="18 位，可空；有则按它匹配已有主体，否则按名称+村；校验不通过时该行照常导入但不带代码"
        "（警告）/ matches by code, else name + village; a bad code is a warning",
    ),
    Column(
        "村代码",
        "village_code",
        required=True,
        example="331126101201",
        note="12 位村级区划代码，或辖区内唯一的村名 / 12-digit village code, or a unique name",
    ),
    Column(
        "产业",
        "industry",
        required=True,
        example=INDUSTRY.label("edible_fungi"),
        note=INDUSTRY.shown,
    ),
    Column("新培育年份", "cultivated_year", example="2024", note=f"如 2024；{KEEP}"),
    Column(
        "状态",
        "status",
        example=ENTITY_STATUS.label("active"),
        note=f"{ENTITY_STATUS.shown}；{KEEP}",
    ),
    Column("示范等级", "quality_grade", note=f"家庭农场：{QUALITY_GRADE.shown}；{KEEP}"),
    Column("农合联会员", "nhl_member", example="否", note=f"是、否；{KEEP}"),
]
HEADERS = headers_of(COLUMNS)
PARSERS: dict[str, Parser] = {
    "type": Choice(ENTITY_TYPE),
    "enterprise_level": Choice(ENTERPRISE_LEVEL),
    "industry": Choice(INDUSTRY),
    "cultivated_year": integer,
    "status": Choice(ENTITY_STATUS),
    "quality_grade": Choice(QUALITY_GRADE),
    "nhl_member": yes_no,
}
KEPT = ("credit_code", "cultivated_year", "status", "quality_grade", "nhl_member")
COMPARED = ("name", "type", "enterprise_level", "village_code", "industry", *KEPT)


@dataclass
class Stored:
    by_code: dict[str, Entity]
    by_name: dict[tuple[str, str], list[Entity]]
    villages: Villages


async def _stored(session: AsyncSession, principal: Principal, rows: list[SourceRow]) -> Stored:
    villages = await Villages.load(session, principal, {r.values["village_code"] for r in rows})
    codes = {r.values["credit_code"].upper() for r in rows if r.values["credit_code"]}
    by_code = {
        e.credit_code: e
        for e in await fetch_in(
            session, lambda chunk: select(Entity).where(col(Entity.credit_code).in_(chunk)), codes
        )
        if e.credit_code
    }
    names = {r.values["name"] for r in rows if r.values["name"]}
    by_name: dict[tuple[str, str], list[Entity]] = {}
    for entity in await fetch_in(
        session, lambda chunk: select(Entity).where(col(Entity.name).in_(chunk)), names
    ):
        by_name.setdefault((entity.name, entity.village_code), []).append(entity)
    return Stored(by_code, by_name, villages)


async def plan(session: AsyncSession, principal: Principal, rows: list[SourceRow]) -> list[Unit]:
    stored = await _stored(session, principal, rows)
    seen: dict[str, int] = {}  # a key (code, or name + village) → first row in the file
    # Checking thousands of rows is seconds of CPU: off the event loop (see service.py).
    return await asyncio.to_thread(
        lambda: [_plan_row(principal, stored, seen, row) for row in rows]
    )


def _credit_code(unit: Unit, row: SourceRow, values: dict[str, Any]) -> str | None:
    """The row's code if valid; a bad one is dropped from the values with a warning."""
    code = values.pop("credit_code", "").replace(" ", "").upper()
    if not code:
        return None
    problem = credit_code_error(code)
    if problem is None:
        values["credit_code"] = code
        return code
    unit.warning(
        row.number,
        HEADERS["credit_code"],
        f"{code}：{problem}。本行按名称+村匹配并导入，不带该代码 / "
        "imported without the code, matched by name and village",
    )
    return None


def _match(
    unit: Unit, stored: Stored, row: SourceRow, code: str | None, values: dict[str, Any]
) -> Entity | None:
    if code and code in stored.by_code:
        return stored.by_code[code]
    named = stored.by_name.get((values.get("name", ""), values.get("village_code", "")), [])
    if len(named) > 1:
        unit.error(
            row.number,
            HEADERS["name"],
            "本村有多个同名主体，请填统一社会信用代码 / several entities share this name here; "
            "give the credit code",
        )
        return None
    entity = named[0] if named else None
    if entity is not None and code and entity.credit_code and entity.credit_code != code:
        unit.error(
            row.number,
            HEADERS["credit_code"],
            f"同名主体 {entity.id} 的信用代码是 {entity.credit_code} / the entity of this name "
            f"holds code {entity.credit_code}",
        )
        return None
    return entity


def _plan_row(principal: Principal, stored: Stored, seen: dict[str, int], row: SourceRow) -> Unit:
    unit = Unit(rows=[row.number], key=row.values["credit_code"] or row.values["name"] or "-")
    require(unit, row, COLUMNS)
    values = read_cells(unit, row, COLUMNS, PARSERS)
    code = _credit_code(unit, row, values)
    if "village_code" in values:
        try:
            values["village_code"] = stored.villages.resolve(values["village_code"])
        except ValueError as exc:
            unit.error(row.number, HEADERS["village_code"], str(exc))
            values.pop("village_code")
    key = code or f"{values.get('name')}@{values.get('village_code')}"
    unit.key = code or f"{values.get('name', '')}（{values.get('village_code', '')}）"
    if key in seen:
        unit.error(
            row.number,
            HEADERS["credit_code" if code else "name"],
            f"与第 {seen[key]} 行是同一主体 / the same entity as row {seen[key]}",
        )
        return unit
    seen[key] = row.number
    target = _match(unit, stored, row, code, values)
    if target is not None and not principal.covers(target.village_code):
        # Held by another township's entity: said as the API says it, naming no holder
        # (docs/security.md, "Existence oracles"). Only a credit code can match out of area.
        registered = credit_code_registered_elsewhere(code or "")
        unit.error(row.number, HEADERS["credit_code"], str(registered.detail))
    body: dict[str, Any] = {}
    if target is not None:
        body = {name: getattr(target, name) for name in KEPT}
    body |= values
    _validate(unit, row, body, EntityUpdate if target else EntityCreate)
    if unit.errors:
        return unit
    if target is not None:
        unit.record_id, unit.version = target.id, target.version
        same = all(getattr(target, name) == getattr(unit.body, name) for name in COMPARED)
        unit.action = Action.UNCHANGED if same else Action.UPDATE
    return unit


def _validate(unit: Unit, row: SourceRow, body: dict[str, Any], schema: type[EntityBase]) -> None:
    reported = {issue.field for issue in unit.errors}
    checked = Unit(rows=unit.rows, key=unit.key)
    try:
        validated = schema.model_validate(body)
        check_rules(validated)
    except ValidationError as exc:
        schema_errors(checked, exc, lambda loc: (row.number, HEADERS.get(str(loc[0]), str(loc[0]))))
    except Problem as problem:
        problem_error(checked, problem, row.number, HEADERS)
    else:
        unit.body = validated
    unit.errors += [i for i in checked.errors if i.field not in reported]


async def write(session: AsyncSession, principal: Principal, unit: Unit) -> UUID:
    if unit.action is Action.CREATE:
        created = await create_entity(session, principal=principal, data=unit.body)
        return created.id
    assert unit.record_id is not None
    updated = await update_entity(
        session,
        principal=principal,
        entity_id=unit.record_id,
        data=unit.body,
        if_match=f'"{unit.version}"',
    )
    return updated.id
