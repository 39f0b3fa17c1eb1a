"""Targets: the catalogue's default until the county admin sets one; If-Match on replace;
imported from a CSV/XLSX with a dry run and all-or-nothing."""

import io

import pytest
from openpyxl import Workbook

from indicators.tests.events import COUNTY, TOWN_A, TOWN_B, county, sync

PER_CAPITA = "/v1/targets/I01_rural_income/per_capita"


async def _targets(client, tokens, **params):
    response = await client.get("/v1/targets", params=params, headers=tokens.headers("leader"))
    assert response.status_code == 200, response.text
    return {(t["area_code"], t["indicator"], t["measure"]): t for t in response.json()["items"]}


async def test_catalogue_default_until_set_then_if_match(app, client, tokens):
    await sync(app, county())
    found = await _targets(
        client, tokens, area=COUNTY, period="2026Q2", indicator="I01_rural_income"
    )
    assert set(found) == {
        (code, "I01_rural_income", m)
        for code in (COUNTY, TOWN_A, TOWN_B)
        for m in ("per_capita", "growth")
    }
    default = found[(TOWN_A, "I01_rural_income", "per_capita")]
    assert (default["value"], default["source"], default["version"]) == ("38517", "catalogue", None)
    assert found[(TOWN_A, "I01_rural_income", "growth")]["value"] == "11"

    admin = tokens.headers("county_admin")
    url = f"{PER_CAPITA}/{TOWN_A}/2026Q2"
    created = await client.put(url, json={"value": "17500.50"}, headers=admin)
    assert created.status_code == 201, created.text
    assert created.headers["ETag"] == '"1"'
    assert created.json()["source"] == "set"
    assert (await client.put(url, json={"value": "17600"}, headers=admin)).status_code == 428
    stale = await client.put(url, json={"value": "17600"}, headers=admin | {"If-Match": '"7"'})
    assert stale.status_code == 412
    same = await client.put(url, json={"value": "17500.5"}, headers=admin)
    assert (same.status_code, same.json()["version"]) == (200, 1)
    changed = await client.put(url, json={"value": "17600"}, headers=admin | {"If-Match": '"1"'})
    assert (changed.status_code, changed.json()["version"]) == (200, 2)

    found = await _targets(
        client, tokens, area=COUNTY, period="2026Q2", indicator="I01_rural_income"
    )
    assert found[(TOWN_A, "I01_rural_income", "per_capita")]["value"] == "17600"
    assert found[(TOWN_B, "I01_rural_income", "per_capita")]["source"] == "catalogue"
    # Another period keeps the default.
    other = await _targets(
        client, tokens, area=TOWN_A, period="2026Q3", indicator="I01_rural_income"
    )
    assert other[(TOWN_A, "I01_rural_income", "per_capita")]["value"] == "38517"


async def test_only_the_county_admin_sets_targets(app, client, tokens):
    await sync(app, county())
    url = f"{PER_CAPITA}/{TOWN_A}/2026Q2"
    for role in ("township_officer", "leader", "cadre"):
        response = await client.put(url, json={"value": "1"}, headers=tokens.headers(role))
        assert response.status_code == 403
    bad = await client.put(
        "/v1/targets/I04_below_13000/count/331126101/2026",
        json={"value": "1.5"},
        headers=tokens.headers("county_admin"),
    )
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "value"
    unknown = await client.put(
        f"{PER_CAPITA}/331126999/2026", json={"value": "1"}, headers=tokens.headers("county_admin")
    )
    assert unknown.status_code == 404


def _csv(*lines: str) -> bytes:
    return ("\r\n".join(["指标代码,指标项,区划代码,期间,目标值", *lines]) + "\r\n").encode(
        "utf-8-sig"
    )


async def _import(client, tokens, content: bytes, name: str, dry_run: bool):
    return await client.post(
        "/v1/targets/imports",
        params={"dry_run": str(dry_run).lower()},
        files={"file": (name, content)},
        headers=tokens.headers("county_admin"),
    )


async def test_import_dry_run_lists_row_errors_and_writes_nothing(app, client, tokens):
    await sync(app, county())
    content = _csv(
        f"I01_rural_income,per_capita,{TOWN_A},2026Q1,9000",
        f"I01_rural_income,per_capita,{TOWN_A},2026Q1,9100",  # the same target again
        f"I99,per_capita,{TOWN_A},2026Q1,1",
        "I01_rural_income,per_capita,331126999,2026Q1,1",
        f"I01_rural_income,growth,{TOWN_B},2026Q5,11",
        f"I04_below_13000,count,{TOWN_B},2026,abc",
    )
    dry = await _import(client, tokens, content, "t.csv", dry_run=True)
    assert dry.status_code == 200, dry.text
    report = dry.json()
    assert (report["applied"], report["totals"]["error"], report["totals"]["create"]) == (
        False,
        5,
        1,
    )
    fields = {row["row"]: row["errors"][0]["field"] for row in report["rows"] if row["errors"]}
    assert fields == {3: "期间", 4: "指标代码", 5: "区划代码", 6: "期间", 7: "目标值"}

    refused = await _import(client, tokens, content, "t.csv", dry_run=False)
    assert refused.status_code == 422
    assert refused.json()["report"]["applied"] is False
    found = await _targets(
        client, tokens, area=TOWN_A, period="2026Q1", indicator="I01_rural_income"
    )
    assert found[(TOWN_A, "I01_rural_income", "per_capita")]["source"] == "catalogue"


async def test_import_xlsx_writes_all_then_is_unchanged(app, client, tokens):
    await sync(app, county())
    book = Workbook()
    sheet = book.active
    sheet.append(["指标代码", "指标项", "区划代码", "期间", "目标值"])
    sheet.append(["I01_rural_income", "per_capita", TOWN_A, "2026Q1", 9000])
    sheet.append(["I01_rural_income", "growth", TOWN_A, "2026Q1", "12.5"])
    sheet.append(["I04_below_13000", "count", TOWN_B, "2026", 0])
    out = io.BytesIO()
    book.save(out)
    applied = await _import(client, tokens, out.getvalue(), "t.xlsx", dry_run=False)
    assert applied.status_code == 200, applied.text
    assert applied.json()["totals"] | {} == {
        "rows": 3,
        "create": 3,
        "update": 0,
        "unchanged": 0,
        "error": 0,
    }
    found = await _targets(
        client, tokens, area=TOWN_A, period="2026Q1", indicator="I01_rural_income"
    )
    assert found[(TOWN_A, "I01_rural_income", "growth")]["value"] == "12.5"
    again = await _import(client, tokens, out.getvalue(), "t.xlsx", dry_run=False)
    assert again.json()["totals"]["unchanged"] == 3


@pytest.mark.smoke
async def test_template_has_the_chinese_headers(app, client, tokens):
    response = await client.get("/v1/targets/template.csv", headers=tokens.headers("county_admin"))
    assert response.status_code == 200
    assert (
        response.content.decode("utf-8-sig").splitlines()[0]
        == "指标代码,指标项,区划代码,期间,目标值"
    )
