"""Importing entities, cadres and income records: keys, warnings, scope and re-imports."""

import csv
import io

import pytest
import sqlalchemy as sa

from registry.models import Department, outbox
from registry.tests.factories import (
    TOWN_A,
    TOWN_B,
    VILLAGE_A1,
    VILLAGE_B1,
    credit_code,
    household_body,
    id_number,
)


def csv_bytes(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


async def upload(client, headers, kind: str, rows: list[dict[str, str]], *, dry_run: bool):
    files = {"file": (f"{kind}.csv", csv_bytes(rows), "text/csv")}
    params = {"dry_run": str(dry_run).lower()}
    return await client.post(f"/v1/imports/{kind}", files=files, params=params, headers=headers)


async def event_count(app, aggregate: str) -> int:
    async with app.state.sessionmaker() as session:
        query = (
            sa.select(sa.func.count()).select_from(outbox).where(outbox.c.aggregate == aggregate)
        )
        return int(await session.scalar(query) or 0)


GOOD_CODE = credit_code()
BAD_CODE = GOOD_CODE[:-1] + ("0" if GOOD_CODE[-1] != "0" else "1")


def entity_row(
    name: str, code: str = "", village: str = VILLAGE_A1, **cells: str
) -> dict[str, str]:
    return {
        "主体名称": name,
        "主体类型": "家庭农场",
        "统一社会信用代码": code,
        "村代码": village,
        "产业": "食用菌",
        "新培育年份": "2024",
        **cells,
    }


@pytest.mark.smoke
async def test_entities_bad_credit_code_is_a_warning_and_the_row_is_imported(
    app, client, areas, admin
):
    rows = [entity_row("黄田香菇农场", GOOD_CODE), entity_row("桥头茶场", BAD_CODE)]

    response = await upload(client, admin, "entities", rows, dry_run=False)

    assert response.status_code == 200, response.text
    report = response.json()
    assert [r["action"] for r in report["rows"]] == ["create", "create"]
    [warning] = report["rows"][1]["warnings"]
    assert warning["field"] == "统一社会信用代码"
    assert "不带该代码" in warning["message"]
    tea = await client.get(f"/v1/entities/{report['rows'][1]['record_id']}", headers=admin)
    assert tea.json()["credit_code"] is None

    # Again: matched by code, and (the bad code's row) by name and village; nothing changes.
    events = await event_count(app, "entity")
    again = await upload(client, admin, "entities", rows, dry_run=False)
    assert [r["action"] for r in again.json()["rows"]] == ["unchanged", "unchanged"]
    assert [r["record_id"] for r in again.json()["rows"]] == [
        r["record_id"] for r in report["rows"]
    ]
    assert await event_count(app, "entity") == events

    # Blank optional cells keep the stored values; a changed cell updates that entity alone.
    rows[0] |= {"新培育年份": "", "产业": "茶叶"}
    changed = await upload(client, admin, "entities", rows, dry_run=False)
    assert [r["action"] for r in changed.json()["rows"]] == ["update", "unchanged"]
    farm = await client.get(f"/v1/entities/{report['rows'][0]['record_id']}", headers=admin)
    assert farm.json()["cultivated_year"] == 2024
    assert farm.json()["version"] == 2


async def test_entities_report_rule_errors_and_repeats(client, areas, admin):
    rows = [
        entity_row("龙头公司", 主体类型="农业龙头企业"),  # a level is required
        entity_row("黄田香菇农场", GOOD_CODE),
        entity_row("另一个名字", GOOD_CODE),  # the same code again
        entity_row("隆宫农场", village=VILLAGE_B1, 产业="水稻"),
    ]

    response = await upload(client, admin, "entities", rows, dry_run=True)

    errors = [(e["row"], e["field"]) for r in response.json()["rows"] for e in r["errors"]]
    assert errors == [(2, "龙头企业级别"), (4, "统一社会信用代码"), (5, "产业")]


async def test_entities_township_officer_only_in_their_township(client, areas, officer):
    rows = [entity_row("黄田香菇农场"), entity_row("隆宫农场", village=VILLAGE_B1)]

    response = await upload(client, officer, "entities", rows, dry_run=True)

    assert [r["action"] for r in response.json()["rows"]] == ["create", "error"]
    assert response.json()["rows"][1]["errors"][0]["field"] == "村代码"


async def add_department(app, name: str, area: str) -> None:
    async with app.state.sessionmaker.begin() as session:
        session.add(Department(name=name, area_code=area))


def cadre_row(name: str, phone: str, **cells: str) -> dict[str, str]:
    return {
        "姓名": name,
        "手机号": phone,
        "单位": "黄田镇人民政府",
        "干部类型": "乡镇干部",
        "技能": "食用菌、电商",
        "所属区划代码": TOWN_A,
        **cells,
    }


async def test_cadres_match_by_phone_and_department_by_name(app, client, areas, officer):
    await add_department(app, "黄田镇人民政府", TOWN_A)
    await add_department(app, "隆宫乡人民政府", TOWN_B)
    rows = [cadre_row("周明", "139 1234 5678"), cadre_row("王芳", "13912340000")]

    created = await upload(client, officer, "cadres", rows, dry_run=False)

    assert created.status_code == 200, created.text
    assert [r["key"] for r in created.json()["rows"]] == ["139****5678", "139****0000"]
    cadre = await client.get(
        f"/v1/cadres/{created.json()['rows'][0]['record_id']}", headers=officer
    )
    assert cadre.json()["skills"] == ["食用菌", "电商"]

    rows[1] |= {"干部类型": "科技特派员", "技能": ""}
    rows.append(cadre_row("李四", "13700000000", 单位="隆宫乡人民政府", 所属区划代码=TOWN_B))
    again = await upload(client, officer, "cadres", rows, dry_run=True)

    assert [r["action"] for r in again.json()["rows"]] == ["unchanged", "update", "error"]
    fields = {e["field"] for e in again.json()["rows"][2]["errors"]}
    assert fields == {"单位", "所属区划代码"}  # neither is the officer's


async def test_income_records_by_head_and_period(app, client, areas, admin, officer):
    head = id_number(sequence=101)
    body = household_body()
    household = (await client.post("/v1/households", json=body, headers=admin)).json()
    other = household_body(VILLAGE_B1, first_sequence=201)
    await client.post("/v1/households", json=other, headers=admin)
    row = {
        "户主身份证号": head,
        "期间": "2026Q1",
        "工资性收入": "8,000.00",
        "经营净收入": "-200.5",
        "财产净收入": "0",
        "转移净收入": "1500",
        "常住人口数": "2",
    }
    rows = [row, row | {"期间": "2026Q2", "工资性收入": "16000"}]

    created = await upload(client, admin, "income", rows, dry_run=False)

    assert created.status_code == 200, created.text
    assert created.json()["totals"]["create"] == 2
    record = await client.get(
        f"/v1/households/{household['id']}/income-records/2026Q1", headers=admin
    )
    assert record.json()["operating_income"] == "-200.50"
    assert record.json()["wage_income"] == "8000.00"

    events = await event_count(app, "income_record")
    rows[1]["转移净收入"] = "1600"
    rows.append(row | {"户主身份证号": id_number(sequence=201)})  # B's household
    rows.append(row | {"期间": "2026Q5"})
    again = await upload(client, officer, "income", rows, dry_run=False)

    assert again.status_code == 422
    report = again.json()["report"]
    assert [r["action"] for r in report["rows"]] == ["unchanged", "update", "error", "error"]
    assert [e["field"] for e in report["rows"][2]["errors"]] == ["户主身份证号"]
    assert [e["field"] for e in report["rows"][3]["errors"]] == ["期间"]
    assert await event_count(app, "income_record") == events

    fixed = await upload(client, officer, "income", rows[:2], dry_run=False)
    assert [r["action"] for r in fixed.json()["rows"]] == ["unchanged", "update"]
    assert await event_count(app, "income_record") == events + 1
