"""Households with their members: one row per member, the household's own fields repeated on
each of its rows, grouped (and matched with the registry) by the head's ID number.

A household's rows are its whole member list, as with PUT: a stored member the file leaves out
is removed. A head's ID number that belongs to someone who is not a head in the registry, or a
member's ID number registered in another household, is a row error naming that household (a
change of head, or a move between households, is done in the registry itself).
"""

import asyncio
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from kit.auth import Principal
from kit.problems import Problem
from kit.tabular import Column, SourceRow
from registry.households.categories import check_subtype
from registry.households.errors import REGISTERED_ELSEWHERE
from registry.households.schemas import HouseholdCreate, HouseholdIn, HouseholdUpdate
from registry.households.service import create_household, update_household
from registry.identity import normalise
from registry.imports.cells import (
    Choice,
    Parser,
    decimal_number,
    headers_of,
    iso_date,
    problem_error,
    read_cells,
    require,
    schema_errors,
    yes_no,
)
from registry.imports.lookups import Villages, fetch_in
from registry.imports.report import Action, Unit
from registry.models import Household, Member
from registry.models.vocab import (
    EMPLOYMENT,
    HEALTH,
    HOUSEHOLD_CATEGORY,
    LABOUR_ABILITY,
    LOW_INCOME_SUBTYPE,
    MONITORING_TYPE,
    RELATION,
    Relation,
)
from registry.privacy import mask_id_number

NAME = "农户"
MAX_ROWS = 60_000  # members, 3 a household on average: room for a 20,000-household county
NO_MONITORING = "无"  # not (or no longer) a monitoring object


HOUSEHOLD_COLUMNS = [
    Column(
        "户主身份证号",
        "head_id_number",
        required=True,
        example="331126198001011012",
        note="18 位；同一户每行都填户主的号码，按它归户并匹配已有农户。一户的各行即其全部成员"
        "（与 PUT 相同：名单外的已登记成员会被移除）/ groups rows and matches the household; "
        "its rows are its whole member list",
    ),
    Column(
        "村代码",
        "village_code",
        required=True,
        example="331126101201",
        note="12 位村级区划代码，或辖区内唯一的村名 / 12-digit village code, or a unique name",
    ),
    Column(
        "农户类别",
        "category",
        required=True,
        example=HOUSEHOLD_CATEGORY.label("low_income"),
        note=HOUSEHOLD_CATEGORY.shown,
    ),
    Column(
        "低收入类型",
        "low_income_subtype",
        example=LOW_INCOME_SUBTYPE.label("subsistence"),
        note=f"低收入农户必填：{LOW_INCOME_SUBTYPE.shown} / required for a low-income household",
    ),
    Column(
        "监测对象类型",
        "monitoring_type",
        note=f"{MONITORING_TYPE.shown}、{NO_MONITORING}（{NO_MONITORING}=不是监测对象）；"
        "空白保持原值 / blank keeps",
    ),
    Column("家庭住址", "address", example="黄田村1号", note="空白保持原值 / blank keeps"),
    Column("联系电话", "phone", example="13812341234", note="空白保持原值 / blank keeps"),
    Column("纬度", "latitude", note="空白保持原值 / blank keeps"),
    Column("经度", "longitude", note="空白保持原值 / blank keeps"),
    Column(
        "类别认定日期",
        "category_changed_on",
        note="类别变化时的认定/退出日期，如 2026-03-01，默认导入当天 / when the category changes",
    ),
]
MEMBER_COLUMNS = [
    Column("成员姓名", "name", required=True, example="吴建国"),
    Column("成员身份证号", "id_number", required=True, example="331126198001011012"),
    Column(
        "与户主关系", "relation", required=True, example=RELATION.label("head"), note=RELATION.shown
    ),
    Column("是否常住", "resident", required=True, example="是", note="是、否"),
    Column(
        "劳动能力",
        "labour_ability",
        required=True,
        example=LABOUR_ABILITY.label("able"),
        note=LABOUR_ABILITY.shown,
    ),
    Column("健康状况", "health", required=True, example=HEALTH.label("healthy"), note=HEALTH.shown),
    Column(
        "从业状况",
        "employment",
        required=True,
        example=EMPLOYMENT.label("farming"),
        note=EMPLOYMENT.shown,
    ),
]
COLUMNS = HOUSEHOLD_COLUMNS + MEMBER_COLUMNS
HEADERS = headers_of(COLUMNS)
PARSERS: dict[str, Parser] = {
    "category": Choice(HOUSEHOLD_CATEGORY),
    "low_income_subtype": Choice(LOW_INCOME_SUBTYPE),
    "monitoring_type": Choice(MONITORING_TYPE, none=NO_MONITORING),
    "latitude": decimal_number,
    "longitude": decimal_number,
    "category_changed_on": iso_date,
    "relation": Choice(RELATION),
    "resident": yes_no,
    "labour_ability": Choice(LABOUR_ABILITY),
    "health": Choice(HEALTH),
    "employment": Choice(EMPLOYMENT),
}
# Household fields a blank cell leaves as stored (the others are required, or follow another).
KEPT = ("monitoring_type", "address", "phone", "latitude", "longitude")
COMPARED = ("village_code", "category", "low_income_subtype", *KEPT)
MEMBER_COMPARED = tuple(column.field for column in MEMBER_COLUMNS)
REASON = "表格导入 / tabular import"


@dataclass
class Registry:
    """What the registry holds for the ID numbers in the file."""

    by_number: dict[str, Member]
    households: dict[UUID, Household]
    members: dict[UUID, list[Member]]  # of the households the file updates, by position
    head_names: dict[UUID, str]
    villages: Villages
    seen: dict[str, int] = field(default_factory=dict)  # member ID number → first row in file


async def _registry(
    session: AsyncSession, principal: Principal, groups: dict[str, list[SourceRow]]
) -> Registry:
    rows = [row for group in groups.values() for row in group]
    numbers = set(groups) | {normalise(row.values["id_number"]) for row in rows}
    stored = await fetch_in(
        session, lambda chunk: select(Member).where(col(Member.id_number).in_(chunk)), numbers
    )
    by_number = {m.id_number: m for m in stored}
    household_ids = {m.household_id for m in stored}
    households = await fetch_in(
        session, lambda chunk: select(Household).where(col(Household.id).in_(chunk)), household_ids
    )
    members: dict[UUID, list[Member]] = {}
    for member in await fetch_in(
        session,
        lambda chunk: select(Member).where(col(Member.household_id).in_(chunk)),
        household_ids,
    ):
        members.setdefault(member.household_id, []).append(member)
    for listed in members.values():
        listed.sort(key=lambda m: m.position)
    head_names = {
        hid: next((m.name for m in listed if m.relation == Relation.HEAD), "")
        for hid, listed in members.items()
    }
    given_villages = {row.values["village_code"] for row in rows}
    return Registry(
        by_number=by_number,
        households={h.id: h for h in households},
        members=members,
        head_names=head_names,
        villages=await Villages.load(session, principal, given_villages),
    )


async def plan(session: AsyncSession, principal: Principal, rows: list[SourceRow]) -> list[Unit]:
    units: list[Unit] = []
    groups: dict[str, list[SourceRow]] = {}
    for row in rows:
        head = normalise(row.values["head_id_number"])
        if not head:
            unit = Unit(rows=[row.number], key="-", action=Action.ERROR)
            unit.error(row.number, HEADERS["head_id_number"], "必填 / required")
            units.append(unit)
            continue
        groups.setdefault(head, []).append(row)
    registry = await _registry(session, principal, groups)
    # Checking thousands of rows is seconds of CPU: off the event loop (see service.py).
    units.extend(
        await asyncio.to_thread(
            lambda: [
                _plan_household(principal, registry, head, group) for head, group in groups.items()
            ]
        )
    )
    return units


def _holder(registry: Registry, principal: Principal, member: Member) -> str:
    """Where ``member``'s ID number is registered, as the importer may be told: the household
    and its head inside their area, only that it is registered outside it."""
    household_id = member.household_id
    household = registry.households.get(household_id)
    if household is None or not principal.covers(household.village_code):
        return REGISTERED_ELSEWHERE
    head = registry.head_names.get(household_id, "")
    shown = mask_id_number(member.id_number)
    return (
        f"身份证号 {shown} 已登记在农户 {household_id}（户主 {head}）/ "
        f"ID number {shown} is registered in household {household_id} (head {head})"
    )


def _target(
    unit: Unit, principal: Principal, registry: Registry, head: str, first: int
) -> Household | None:
    """The stored household this group updates (its head has the group's head ID number)."""
    holder = registry.by_number.get(head)
    if holder is None:
        return None
    header = HEADERS["head_id_number"]
    household = registry.households[holder.household_id]
    if not principal.covers(household.village_code):
        unit.error(first, header, REGISTERED_ELSEWHERE)  # neither where nor as whom
        return None
    if holder.relation != Relation.HEAD:
        unit.error(
            first,
            header,
            _holder(registry, principal, holder) + "，不是户主；更换户主请在系统中办理 / "
            "not as its head; change a head in the registry",
        )
        return None
    return household


def _household_cells(unit: Unit, group: list[SourceRow]) -> tuple[dict[str, Any], dict[str, int]]:
    """The household's fields, each from the first row that fills it; a different value on a
    later row is an error there."""
    merged: dict[str, Any] = {}
    source: dict[str, int] = {}
    for row in group:
        for name, value in read_cells(unit, row, HOUSEHOLD_COLUMNS[1:], PARSERS).items():
            if name not in merged:
                merged[name], source[name] = value, row.number
            elif merged[name] != value:
                unit.error(
                    row.number,
                    HEADERS[name],
                    f"同一户各行应相同，与第 {source[name]} 行不一致 / "
                    f"differs from row {source[name]} of the same household",
                )
    for column in HOUSEHOLD_COLUMNS[1:]:
        if column.required and column.field not in merged:
            unit.error(group[0].number, column.header, "必填 / required")
    return merged, source


def _members(
    unit: Unit,
    principal: Principal,
    registry: Registry,
    group: list[SourceRow],
    head: str,
    target: Household | None,
) -> list[tuple[SourceRow, dict[str, Any]]]:
    members = []
    head_rows = 0
    for row in group:
        require(unit, row, MEMBER_COLUMNS)
        values = read_cells(unit, row, MEMBER_COLUMNS, PARSERS)
        number = normalise(row.values["id_number"])
        if number:
            if number in registry.seen:
                unit.error(
                    row.number,
                    HEADERS["id_number"],
                    f"与第 {registry.seen[number]} 行的身份证号重复 / "
                    f"repeats the ID number of row {registry.seen[number]}",
                )
                continue
            registry.seen[number] = row.number
            stored = registry.by_number.get(number)
            if stored is not None and (target is None or stored.household_id != target.id):
                if number != head:  # a head registered elsewhere is reported on the head column
                    unit.error(
                        row.number, HEADERS["id_number"], _holder(registry, principal, stored)
                    )
            elif stored is not None:
                values["id"] = stored.id
        is_head_row = number == head
        head_rows += is_head_row
        relation = values.get("relation")
        if is_head_row and relation not in (None, Relation.HEAD):
            unit.error(row.number, HEADERS["relation"], "户主本人一行应填「户主」/ must be 户主")
        if not is_head_row and relation == Relation.HEAD:
            unit.error(
                row.number,
                HEADERS["relation"],
                "身份证号与户主身份证号不同，不能是户主 / only the head's own row is 户主",
            )
        members.append((row, values))
    if not head_rows:
        unit.error(
            group[0].number,
            HEADERS["head_id_number"],
            "本户没有户主本人的成员行 / no member row carries the head's ID number",
        )
    return members


def _plan_household(
    principal: Principal, registry: Registry, head: str, group: list[SourceRow]
) -> Unit:
    unit = Unit(rows=[row.number for row in group], key=mask_id_number(head) or "-")
    target = _target(unit, principal, registry, head, group[0].number)
    merged, source = _household_cells(unit, group)
    if "village_code" in merged:
        try:
            merged["village_code"] = registry.villages.resolve(merged["village_code"])
        except ValueError as exc:
            unit.error(source["village_code"], HEADERS["village_code"], str(exc))
    members = _members(unit, principal, registry, group, head, target)
    body: dict[str, Any] = {"low_income_subtype": None, "category_change_reason": REASON}
    if target is not None:
        body |= {name: getattr(target, name) for name in KEPT}
    body |= merged
    body["members"] = [values for _, values in members]
    validated = _validate(unit, body, target, source, members)
    if unit.errors or validated is None:
        return unit
    unit.body = validated
    if target is not None:
        unit.record_id, unit.version = target.id, target.version
        same = _same(target, registry.members.get(target.id, []), validated)
        unit.action = Action.UNCHANGED if same else Action.UPDATE
    return unit


def _validate(
    unit: Unit,
    body: dict[str, Any],
    target: Household | None,
    source: dict[str, int],
    members: list[tuple[SourceRow, dict[str, Any]]],
) -> HouseholdIn | None:
    """The body through the API's own schema and subtype rule, errors on their rows."""
    first = unit.rows[0]

    def locate(loc: tuple[int | str, ...]) -> tuple[int, str]:
        if loc[0] == "members" and len(loc) > 1 and isinstance(loc[1], int):
            name = str(loc[2]) if len(loc) > 2 else "id_number"
            return members[loc[1]][0].number, HEADERS.get(name, name)
        name = str(loc[0])
        return source.get(name, first), HEADERS.get(name, name)

    checked = Unit(rows=unit.rows, key=unit.key)
    if "category" in source:
        try:
            check_subtype(body["category"], body["low_income_subtype"])
        except Problem as problem:
            problem_error(checked, problem, source.get("low_income_subtype", first), HEADERS)
    schema = HouseholdUpdate if target is not None else HouseholdCreate
    validated: HouseholdIn | None = None
    try:
        validated = schema.model_validate(body)
    except ValidationError as exc:
        schema_errors(checked, exc, locate)
    # A cell already refused is not reported a second time as "required" by the schema.
    reported = {(issue.row, issue.field) for issue in unit.errors}
    unit.errors += [i for i in checked.errors if (i.row, i.field) not in reported]
    return validated


def _same(household: Household, members: list[Member], body: HouseholdIn) -> bool:
    if any(getattr(household, name) != getattr(body, name) for name in COMPARED):
        return False
    given = sorted(body.members, key=lambda m: m.relation != Relation.HEAD)  # as stored: head first
    stored = [tuple(getattr(m, name) for name in MEMBER_COMPARED) for m in members]
    return stored == [tuple(getattr(m, name) for name in MEMBER_COMPARED) for m in given]


async def write(session: AsyncSession, principal: Principal, unit: Unit) -> UUID:
    if unit.action is Action.CREATE:
        created = await create_household(session, principal=principal, data=unit.body)
        return created.id
    assert unit.record_id is not None
    updated = await update_household(
        session,
        principal=principal,
        household_id=unit.record_id,
        data=unit.body,
        if_match=f'"{unit.version}"',
    )
    return updated.id
