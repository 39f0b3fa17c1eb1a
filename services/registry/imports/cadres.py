"""Cadres (干部), one a row, matched by phone among the importer's own cadres (those whose home
area is in the importer's area); the department by its exact name.

A phone identifies a cadre only within one's own area: the same number may be held by a cadre of
another township (a shared office line, a number passed on), which neither blocks the row nor is
mentioned — the importer could not see or change that cadre anyway."""

import asyncio
import re
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from kit.auth import Principal
from kit.tabular import Column, SourceRow
from registry.cadres.schemas import CadreCreate, CadreIn, CadreUpdate
from registry.cadres.service import create_cadre, update_cadre, visible_cadres
from registry.departments.service import visible_departments
from registry.imports.cells import (
    Choice,
    Parser,
    headers_of,
    read_cells,
    require,
    schema_errors,
    tags,
    yes_no,
)
from registry.imports.lookups import Villages, fetch_in
from registry.imports.report import Action, Unit
from registry.models import Cadre, Department
from registry.models.vocab import CADRE_TYPE
from registry.privacy import mask_phone

NAME = "干部"
KEEP = "空白保持原值 / blank keeps the stored value"
COLUMNS = [
    Column("姓名", "name", required=True, example="周明"),
    Column(
        "手机号",
        "phone",
        required=True,
        example="13912345678",
        note="按手机号匹配已有干部 / matches the cadre by phone",
    ),
    Column(
        "单位", "department", required=True, example="县农业农村局", note="单位全称 / full name"
    ),
    Column(
        "干部类型",
        "type",
        required=True,
        example=CADRE_TYPE.label("township_staff"),
        note=CADRE_TYPE.shown,
    ),
    Column("技能", "skills", example="食用菌、电商", note=f"多个用顿号分隔；{KEEP}"),
    Column(
        "所属区划代码",
        "home_area_code",
        required=True,
        example="331126101",
        note="县 6 位、乡镇 9 位或村 12 位 / county, township or village code",
    ),
    Column("在岗", "active", example="是", note=f"是、否；{KEEP}"),
]
HEADERS = headers_of(COLUMNS) | {"department_id": "单位"}
PARSERS: dict[str, Parser] = {"type": Choice(CADRE_TYPE), "skills": tags, "active": yes_no}
KEPT = ("skills", "active")
COMPARED = ("name", "phone", "department_id", "type", "home_area_code", *KEPT)


def _digits(phone: str) -> str:
    return re.sub(r"[\s\-()]", "", phone)


@dataclass
class Stored:
    by_phone: dict[str, list[Cadre]]
    departments: dict[str, list[Department]]
    areas: Villages


async def _stored(session: AsyncSession, principal: Principal, rows: list[SourceRow]) -> Stored:
    phones = {_digits(r.values["phone"]) for r in rows if r.values["phone"]}
    by_phone: dict[str, list[Cadre]] = {}
    for cadre in await fetch_in(
        session,
        lambda chunk: select(Cadre).where(col(Cadre.phone).in_(chunk), *visible_cadres(principal)),
        phones,
    ):
        by_phone.setdefault(cadre.phone or "", []).append(cadre)
    departments: dict[str, list[Department]] = {}
    for department in await fetch_in(
        session,
        lambda chunk: select(Department).where(
            col(Department.name).in_(chunk), *visible_departments(principal)
        ),
        {r.values["department"] for r in rows},
    ):
        departments.setdefault(department.name, []).append(department)
    areas = await Villages.load(session, principal, {r.values["home_area_code"] for r in rows})
    return Stored(by_phone, departments, areas)


async def plan(session: AsyncSession, principal: Principal, rows: list[SourceRow]) -> list[Unit]:
    stored = await _stored(session, principal, rows)
    seen: dict[str, int] = {}
    # Checking thousands of rows is seconds of CPU: off the event loop (see service.py).
    return await asyncio.to_thread(lambda: [_plan_row(stored, seen, row) for row in rows])


def _resolve(unit: Unit, stored: Stored, row: SourceRow, values: dict[str, Any]) -> None:
    """Department name → id, and the home area checked within the caller's area."""
    name = values.pop("department", None)
    if name is not None:
        found = stored.departments.get(name, [])
        if len(found) == 1:
            values["department_id"] = found[0].id
        else:
            unit.error(
                row.number, HEADERS["department"], f"单位「{name}」不存在 / no such department"
            )
    if "home_area_code" in values:
        try:
            code = stored.areas.resolve(values["home_area_code"], level=None)
            values["home_area_code"] = code
        except ValueError as exc:
            unit.error(row.number, HEADERS["home_area_code"], str(exc))
            values.pop("home_area_code")


def _plan_row(stored: Stored, seen: dict[str, int], row: SourceRow) -> Unit:
    phone = _digits(row.values["phone"])
    unit = Unit(rows=[row.number], key=mask_phone(phone) or "-")
    require(unit, row, COLUMNS)
    values = read_cells(unit, row, COLUMNS, PARSERS)
    _resolve(unit, stored, row, values)
    if phone in seen:
        unit.error(
            row.number,
            HEADERS["phone"],
            f"与第 {seen[phone]} 行手机号重复 / repeats row {seen[phone]}",
        )
        return unit
    seen[phone] = row.number
    matches = stored.by_phone.get(phone, [])
    target = matches[0] if len(matches) == 1 else None
    if len(matches) > 1:
        unit.error(
            row.number,
            HEADERS["phone"],
            f"你管辖的干部中已有 {len(matches)} 位用此手机号，请在系统中修改"
            " / several of your cadres share it",
        )
    body: dict[str, Any] = {}
    if target is not None:
        body = {name: getattr(target, name) for name in KEPT}
    body |= values
    reported = {issue.field for issue in unit.errors}
    schema = CadreUpdate if target is not None else CadreCreate
    try:
        validated: CadreIn = schema.model_validate(body)
    except ValidationError as exc:
        checked = Unit(rows=unit.rows, key=unit.key)
        schema_errors(checked, exc, lambda loc: (row.number, HEADERS.get(str(loc[0]), "-")))
        unit.errors += [i for i in checked.errors if i.field not in reported]
    if unit.errors:
        return unit
    unit.body = validated
    if target is not None:
        unit.record_id, unit.version = target.id, target.version
        same = all(getattr(target, name) == getattr(validated, name) for name in COMPARED)
        unit.action = Action.UNCHANGED if same else Action.UPDATE
    return unit


async def write(session: AsyncSession, principal: Principal, unit: Unit) -> UUID:
    if unit.action is Action.CREATE:
        created = await create_cadre(session, principal=principal, data=unit.body)
        return created.id
    assert unit.record_id is not None
    updated = await update_cadre(
        session,
        principal=principal,
        cadre_id=unit.record_id,
        data=unit.body,
        if_match=f'"{unit.version}"',
    )
    return updated.id
