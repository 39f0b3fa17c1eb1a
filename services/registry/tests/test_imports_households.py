"""Importing households from XLSX/CSV through HTTP: templates, dry runs, all-or-nothing,
idempotent re-imports, members held elsewhere, township scope and Chinese Excel's GBK CSV."""

import csv
import io
from collections import Counter
from typing import Any
from urllib.parse import unquote

import pytest
import sqlalchemy as sa
from openpyxl import Workbook, load_workbook
from sqlmodel import col

from kit.auth import Role
from registry.models import Household, Member, outbox
from registry.tests.factories import (
    COUNTY,
    VILLAGE_A1,
    VILLAGE_A2,
    VILLAGE_B1,
    household_body,
    id_number,
    member_body,
)

HEAD_1, WIFE_1 = id_number(sequence=101), id_number(sequence=102)
HEAD_2, SON_2 = id_number(sequence=111), id_number(sequence=113)


def member_row(head: str, number: str, name: str, relation: str, **cells: str) -> dict[str, str]:
    return {
        "户主身份证号": head,
        "村代码": VILLAGE_A1,
        "农户类别": "低收入农户",
        "低收入类型": "低保",
        "家庭住址": "黄田村1号",
        "成员姓名": name,
        "成员身份证号": number,
        "与户主关系": relation,
        "是否常住": "是",
        "劳动能力": "有劳动能力",
        "健康状况": "健康",
        "从业状况": "自家务农",
        **cells,
    }


def two_households() -> list[dict[str, str]]:
    return [
        member_row(HEAD_1, HEAD_1, "吴建国", "户主"),
        member_row(HEAD_1, WIFE_1, "叶秀英", "配偶"),
        member_row(
            HEAD_2, HEAD_2, "周大山", "户主", 村代码=VILLAGE_A2, 农户类别="小农户", 低收入类型=""
        ),
        member_row(
            HEAD_2, SON_2, "周小山", "子女", 村代码=VILLAGE_A2, 农户类别="小农户", 低收入类型=""
        ),
    ]


def xlsx(rows: list[dict[str, str]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    headers = list(rows[0])
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(h, "") for h in headers])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_text(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


async def upload(
    client, headers, content: bytes, *, name: str = "农户.xlsx", dry_run: bool, kind="households"
):
    files = {"file": (name, content, "application/octet-stream")}
    params = {"dry_run": str(dry_run).lower()}
    return await client.post(f"/v1/imports/{kind}", files=files, params=params, headers=headers)


async def counts(app) -> dict[str, int]:
    async with app.state.sessionmaker() as session:
        return {
            "households": await session.scalar(sa.select(sa.func.count()).select_from(Household)),
            "members": await session.scalar(sa.select(sa.func.count()).select_from(Member)),
            "events": await session.scalar(sa.select(sa.func.count()).select_from(outbox)),
        }


async def versions(app) -> dict[str, int]:
    async with app.state.sessionmaker() as session:
        rows = await session.execute(sa.select(col(Household.id), col(Household.version)))
        return {str(hid): version for hid, version in rows}


def errors_of(report: dict[str, Any]) -> list[tuple[int, str]]:
    return [(e["row"], e["field"]) for row in report["rows"] for e in row["errors"]]


@pytest.mark.smoke
@pytest.mark.parametrize("kind", ["households", "entities", "cadres", "income"])
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
async def test_templates_download_with_headers_and_notes(client, admin, kind, fmt):
    response = await client.get(f"/v1/imports/{kind}/template.{fmt}", headers=admin)

    assert response.status_code == 200, response.text
    disposition = response.headers["content-disposition"]
    assert f"导入模板.{fmt}" in unquote(disposition.split("filename*=UTF-8''")[1])
    if fmt == "csv":
        header = response.content.decode("utf-8-sig").splitlines()[0].split(",")
    else:
        book = load_workbook(io.BytesIO(response.content))
        header = [c.value for c in book.worksheets[0][1]]
        assert book.sheetnames[1] == "说明"
    assert len(header) >= 5
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in h) for h in header)  # Chinese headers


async def test_template_needs_a_writer(client, tokens):
    leader = tokens.headers(Role.LEADER, area=COUNTY)
    response = await client.get("/v1/imports/households/template.xlsx", headers=leader)
    assert response.status_code == 403


@pytest.mark.smoke
async def test_filled_template_imports_households_with_events(app, client, areas, admin):
    template = await client.get("/v1/imports/households/template.xlsx", headers=admin)
    book = load_workbook(io.BytesIO(template.content))
    sheet = book.worksheets[0]
    headers = [c.value for c in sheet[1]]
    sheet.delete_rows(2)  # the example row
    for row in two_households():
        sheet.append([row.get(h, "") for h in headers])
    out = io.BytesIO()
    book.save(out)

    dry = await upload(client, admin, out.getvalue(), dry_run=True)
    assert dry.status_code == 200, dry.text
    assert dry.json()["totals"] == {
        "rows": 4,
        "records": 2,
        "create": 4,  # rows, as the report marks them (two households of two members)
        "update": 0,
        "unchanged": 0,
        "error": 0,
    }
    assert (await counts(app))["households"] == 0

    done = await upload(client, admin, out.getvalue(), dry_run=False)
    assert done.status_code == 200, done.text
    report = done.json()
    assert report["applied"] is True
    assert {r["action"] for r in report["rows"]} == {"create"}
    assert report["rows"][0]["key"] == "3311**********" + HEAD_1[-4:]
    assert await counts(app) == {"households": 2, "members": 4, "events": 2}
    household = await client.get(f"/v1/households/{report['rows'][0]['record_id']}", headers=admin)
    assert household.json()["head_name"] == "吴建国"
    assert household.json()["category"] == "low_income"


async def test_dry_run_reports_every_bad_field_and_writes_nothing(app, client, areas, admin):
    rows = two_households()
    rows[0]["农户类别"] = "贫困户"  # not a category
    rows[1]["成员身份证号"] = WIFE_1[:-1] + ("0" if WIFE_1[-1] != "0" else "1")  # bad check
    rows[2]["村代码"] = rows[3]["村代码"] = "331126999999"  # no such village
    rows[3]["健康状况"] = ""  # required
    rows.append(member_row(HEAD_2, SON_2, "周小山", "子女"))  # member repeated
    before = await counts(app)

    response = await upload(client, admin, xlsx(rows), dry_run=True)

    assert response.status_code == 200, response.text
    report = response.json()
    assert sorted(errors_of(report)) == [
        (2, "农户类别"),
        (3, "成员身份证号"),
        (4, "村代码"),
        (5, "健康状况"),
        (6, "低收入类型"),  # a small farmer has no subtype
        (6, "农户类别"),  # differs from the household's first row
        (6, "成员身份证号"),  # repeats row 5
        (6, "村代码"),
    ]
    assert report["totals"]["error"] == 5  # every row of the two refused households
    [repeat] = [e for e in report["rows"][4]["errors"] if e["field"] == "成员身份证号"]
    assert "第 5 行" in repeat["message"]
    assert await counts(app) == before


async def test_dry_run_totals_count_the_rows_as_the_report_marks_them(client, areas, admin):
    rows = two_households()
    rows[1]["健康状况"] = "很好"  # one bad member row: the whole first household is refused

    response = await upload(client, admin, xlsx(rows), dry_run=True)

    assert response.status_code == 200, response.text
    report = response.json()
    marked = Counter(row["action"] for row in report["rows"])
    assert marked == {"error": 2, "create": 2}
    totals = report["totals"]
    assert {action: totals[action] for action in marked} == marked
    assert sum(totals[a] for a in ("create", "update", "unchanged", "error")) == totals["rows"]
    assert (totals["rows"], totals["records"]) == (4, 2)


async def test_a_bad_row_in_a_real_run_writes_nothing(app, client, areas, admin):
    rows = two_households()
    rows[3]["是否常住"] = "也许"

    response = await upload(client, admin, xlsx(rows), dry_run=False)

    assert response.status_code == 422
    problem = response.json()
    assert problem["report"]["applied"] is False
    assert errors_of(problem["report"]) == [(5, "是否常住")]
    assert problem["report"]["totals"]["create"] == 2  # the good household's rows, not written
    assert await counts(app) == {"households": 0, "members": 0, "events": 0}


async def test_same_file_twice_changes_nothing_and_a_changed_cell_updates_one(
    app, client, areas, admin
):
    content = xlsx(two_households())
    assert (await upload(client, admin, content, dry_run=False)).status_code == 200
    before, stored = await counts(app), await versions(app)

    again = await upload(client, admin, content, dry_run=False)

    assert again.status_code == 200, again.text
    assert {r["action"] for r in again.json()["rows"]} == {"unchanged"}
    assert await counts(app) == before
    assert await versions(app) == stored

    rows = two_households()
    rows[3]["从业状况"] = "务工"
    changed = await upload(client, admin, xlsx(rows), dry_run=False)

    assert changed.status_code == 200, changed.text
    actions = [r["action"] for r in changed.json()["rows"]]
    assert actions == ["unchanged", "unchanged", "update", "update"]
    updated = changed.json()["rows"][3]["record_id"]
    assert await versions(app) == stored | {updated: 2}
    assert (await counts(app))["events"] == before["events"] + 1


async def test_a_households_rows_are_its_whole_member_list(app, client, areas, admin):
    await upload(client, admin, xlsx(two_households()), dry_run=False)
    rows = [r for r in two_households() if r["成员身份证号"] != SON_2]

    response = await upload(client, admin, xlsx(rows), dry_run=False)

    assert response.status_code == 200, response.text
    household = await client.get(
        f"/v1/households/{response.json()['rows'][2]['record_id']}", headers=admin
    )
    assert [m["name"] for m in household.json()["members"]] == ["周大山"]


async def test_member_registered_in_another_household_names_it(app, client, areas, admin):
    son_2 = member_body("child", 113)
    assert son_2["id_number"] == SON_2
    body = household_body(members=[member_body("head", 121, name="李老汉"), son_2])
    other = (await client.post("/v1/households", json=body, headers=admin)).json()

    response = await upload(client, admin, xlsx(two_households()), dry_run=True)

    assert response.status_code == 200
    [bad] = [r for r in response.json()["rows"] if r["errors"]]
    assert bad["row"] == 5
    message = bad["errors"][0]["message"]
    assert other["id"] in message
    assert "李老汉" in message
    assert SON_2 not in message  # masked
    assert SON_2[-4:] in message


async def test_township_officer_imports_only_their_township(app, client, areas, officer, tokens):
    rows = two_households()
    rows[2]["村代码"] = rows[3]["村代码"] = VILLAGE_B1

    response = await upload(client, officer, xlsx(rows), dry_run=True)

    assert response.status_code == 200
    assert errors_of(response.json()) == [(4, "村代码")]
    assert "管辖范围" in response.json()["rows"][2]["errors"][0]["message"]
    assert response.json()["totals"]["create"] == 2  # the first household's two rows

    cadre = tokens.headers(Role.CADRE, area=COUNTY)
    refused = await upload(client, cadre, xlsx(rows), dry_run=True)
    assert refused.status_code == 403


async def test_gbk_csv_from_chinese_excel_is_accepted(app, client, areas, admin):
    content = csv_text(two_households()).encode("gbk")

    response = await upload(client, admin, content, name="农户.csv", dry_run=False)

    assert response.status_code == 200, response.text
    assert response.json()["totals"]["create"] == 4  # rows
    assert (await counts(app))["members"] == 4


async def test_unusable_files_are_refused_on_file(client, areas, admin):
    missing = await upload(client, admin, "户主身份证号\n1\n".encode(), name="a.csv", dry_run=True)
    assert missing.status_code == 422
    assert missing.json()["errors"][0]["field"] == "file"
    assert "成员身份证号" in missing.json()["errors"][0]["message"]

    wrong = await upload(client, admin, b"x", name="a.pdf", dry_run=True)
    assert wrong.status_code == 422
