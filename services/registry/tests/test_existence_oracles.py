"""Existence oracles (issue 14, class 4): a refusal or a report tells a writer only what they may
know. An ID number or credit code held in another township is "already registered; ask the
county office", without the holder's household, head, entity or id; the county admin, who sees
the holder, is told who. The roll reconciliation speaks of the caller's area alone."""

import csv
import io
from typing import Any

import pytest

from kit.auth import Role
from registry.tests.factories import (
    COUNTY,
    TOWN_A,
    VILLAGE_A1,
    VILLAGE_B1,
    credit_code,
    household_body,
    id_number,
    member_body,
)
from registry.tests.link_seeds import entity_body

ASK_THE_COUNTY = "请联系县农业农村局"
INCOME_COLUMNS = ("工资性收入", "经营净收入", "财产净收入", "转移净收入")


def officer_headers(tokens):
    return tokens.headers(Role.TOWNSHIP_OFFICER, area=TOWN_A)


def admin_headers(tokens):
    return tokens.headers(Role.COUNTY_ADMIN, area=COUNTY)


async def household_in_b(client, tokens) -> dict[str, Any]:
    """A household of township B whose head 吴隆宫 holds id_number(sequence=101)."""
    body = household_body(VILLAGE_B1)
    body["members"][0]["name"] = "吴隆宫"
    made = await client.post("/v1/households", json=body, headers=admin_headers(tokens))
    assert made.status_code == 201, made.text
    return made.json()


def tells_nothing_of(response_text: str, holder: dict[str, Any]) -> None:
    assert holder["id"] not in response_text
    assert "吴隆宫" not in response_text
    assert VILLAGE_B1 not in response_text


@pytest.mark.smoke
async def test_a_household_write_does_not_name_another_townships_holder(client, tokens, areas):
    holder = await household_in_b(client, tokens)
    mine = household_body(VILLAGE_A1, first_sequence=201)
    mine["members"][1] = member_body("spouse", 102, name="叶秀英")  # B's spouse's number

    refused = await client.post("/v1/households", json=mine, headers=officer_headers(tokens))
    assert refused.status_code == 409, refused.text
    problem = refused.json()
    assert problem["type"] == "/problems/duplicate-id-number"
    assert problem["field"] == "members.1.id_number"
    assert ASK_THE_COUNTY in problem["detail"]
    assert "holder_household_id" not in problem and "holder_head_name" not in problem
    tells_nothing_of(refused.text, holder)

    # An edit of an own household adding the number says the same.
    own = household_body(VILLAGE_A1, first_sequence=301)
    made = await client.post("/v1/households", json=own, headers=officer_headers(tokens))
    assert made.status_code == 201, made.text
    own["members"][0]["id"] = made.json()["members"][0]["id"]
    own["members"][1] = member_body("spouse", 102, name="叶秀英")
    headers = officer_headers(tokens) | {"If-Match": '"1"'}
    refused = await client.put(f"/v1/households/{made.json()['id']}", json=own, headers=headers)
    assert refused.status_code == 409, refused.text
    tells_nothing_of(refused.text, holder)

    # The county admin sees the holder, and is told who it is.
    named = await client.post("/v1/households", json=mine, headers=admin_headers(tokens))
    assert named.status_code == 409
    assert named.json()["holder_household_id"] == holder["id"]
    assert named.json()["holder_head_name"] == "吴隆宫"


def import_rows(head: str, member: str) -> bytes:
    rows = [
        {
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
        }
        for name, number, relation in (("吴黄田", head, "户主"), ("叶黄田", member, "配偶"))
    ]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


async def dry_run(client, headers, content: bytes) -> Any:
    files = {"file": ("农户.csv", content, "text/csv")}
    response = await client.post(
        "/v1/imports/households", files=files, params={"dry_run": "true"}, headers=headers
    )
    return response


async def test_an_import_dry_run_does_not_name_another_townships_holder(client, tokens, areas):
    holder = await household_in_b(client, tokens)
    b_head, b_spouse = id_number(sequence=101), id_number(sequence=102)
    fresh = id_number(sequence=501)
    for content in (import_rows(fresh, b_spouse), import_rows(b_head, fresh)):
        report = await dry_run(client, officer_headers(tokens), content)
        assert report.status_code in (200, 422), report.text
        messages = [e["message"] for row in report.json()["rows"] for e in row["errors"]]
        assert messages and all(ASK_THE_COUNTY in m for m in messages), messages
        tells_nothing_of(report.text, holder)

    named = await dry_run(client, admin_headers(tokens), import_rows(fresh, b_spouse))
    assert holder["id"] in named.text and "吴隆宫" in named.text


async def test_a_credit_code_held_elsewhere_is_not_named(client, tokens, areas):
    code = credit_code()
    theirs = entity_body(name="隆宫香菇合作社", village_code=VILLAGE_B1, credit_code=code)
    made = await client.post("/v1/entities", json=theirs, headers=admin_headers(tokens))
    assert made.status_code == 201, made.text

    mine = entity_body(name="黄田香菇合作社", credit_code=code)
    refused = await client.post("/v1/entities", json=mine, headers=officer_headers(tokens))
    assert refused.status_code == 409, refused.text
    assert refused.json()["type"] == "/problems/duplicate-credit-code"
    assert ASK_THE_COUNTY in refused.json()["detail"]
    assert "隆宫" not in refused.text and made.json()["id"] not in refused.text

    named = await client.post("/v1/entities", json=mine, headers=admin_headers(tokens))
    assert named.status_code == 409 and named.json()["holder_id"] == made.json()["id"]


async def test_the_roll_reconciliation_speaks_of_the_callers_area_alone(client, tokens, areas):
    """A roll of ID numbers held in another township reads, for the officer, exactly like a roll
    of numbers nobody holds: no count betrays that another township holds them."""
    await household_in_b(client, tokens)
    held_elsewhere, nobody = id_number(sequence=101), id_number(sequence=777)

    async def report(number: str) -> dict[str, Any]:
        roll = f"户主姓名,身份证号,低收入类型,村代码\n某人,{number},低保,\n".encode("utf-8-sig")
        files = {"file": ("名册.csv", roll, "text/csv")}
        response = await client.post(
            "/v1/reconciliations/low-income", files=files, headers=officer_headers(tokens)
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    def shape(body: dict[str, Any]) -> Any:
        return (
            body["outside_scope"],
            body["matched"],
            body["counts"],
            [(d["finding"], d["household_id"]) for d in body["differences"]],
        )

    assert shape(await report(held_elsewhere)) == shape(await report(nobody))


def table(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


async def import_dry_run(client, headers, kind: str, rows: list[dict[str, str]]) -> Any:
    answer = await client.post(
        f"/v1/imports/{kind}",
        files={"file": (f"{kind}.csv", table(rows), "text/csv")},
        headers=headers,
    )
    assert answer.status_code == 200, answer.text
    return answer.json()["rows"][0]["errors"]


async def test_an_income_import_reads_another_townships_head_as_unknown(client, tokens, areas):
    """A head registered in another township and a head registered nowhere answer alike."""
    await household_in_b(client, tokens)
    income = {"期间": "2026Q1", "常住人口数": "2"} | dict.fromkeys(INCOME_COLUMNS, "0")
    held = await import_dry_run(
        client,
        officer_headers(tokens),
        "income",
        [{"户主身份证号": id_number(sequence=101), **income}],
    )
    nobody = await import_dry_run(
        client,
        officer_headers(tokens),
        "income",
        [{"户主身份证号": id_number(sequence=909), **income}],
    )
    assert [e["field"] for e in held] == [e["field"] for e in nobody] == ["户主身份证号"]
    assert held[0]["message"].startswith("没有户主身份证号为")
    assert nobody[0]["message"].startswith("没有户主身份证号为")


async def test_an_entity_import_does_not_tell_where_a_credit_code_is_held(client, tokens, areas):
    code = credit_code()
    theirs = entity_body(name="隆宫香菇合作社", village_code=VILLAGE_B1, credit_code=code)
    assert (
        await client.post("/v1/entities", json=theirs, headers=admin_headers(tokens))
    ).is_success
    row = {
        "主体名称": "黄田香菇合作社",
        "主体类型": "家庭农场",
        "统一社会信用代码": code,
        "村代码": VILLAGE_A1,
        "产业": "食用菌",
        "新培育年份": "2024",
    }
    errors = await import_dry_run(client, officer_headers(tokens), "entities", [row])
    assert [e["field"] for e in errors] == ["统一社会信用代码"]
    assert ASK_THE_COUNTY in errors[0]["message"]
    assert "管辖范围" not in errors[0]["message"] and "隆宫" not in errors[0]["message"]
