"""Reconciling the low-income roll: compare an uploaded roll, see every difference, then apply."""

from typing import Any

import pytest

from kit.auth import Role
from kit.clock import local_today
from registry.tests.factories import (
    TOWN_A,
    VILLAGE_A1,
    VILLAGE_B1,
    household_body,
    id_number,
)

from .test_households import create, events

URL = "/v1/reconciliations/low-income"
HEADER = "户主姓名,身份证号,低收入类型,村代码\n"


def roll(*lines: str) -> dict[str, Any]:
    content = (HEADER + "\n".join(lines) + "\n").encode("utf-8-sig")
    return {"file": ("民政低收入名册.csv", content, "text/csv")}


@pytest.fixture
async def county(client, areas, admin) -> dict[str, dict[str, Any]]:
    """Four households: same on both sides, missing, different subtype, and extra."""
    same = await create(client, admin, first_sequence=101)
    missing = await create(
        client,
        admin,
        first_sequence=111,
        category="small_farmer",
        low_income_subtype=None,
        category_changed_on="2023-01-01",
    )
    different = await create(client, admin, first_sequence=121, category_changed_on="2023-01-01")
    extra = await create(
        client,
        admin,
        body=household_body(VILLAGE_B1, first_sequence=131, category_changed_on="2023-01-01"),
    )
    return {"same": same, "missing": missing, "different": different, "extra": extra}


def the_roll() -> dict[str, Any]:
    return roll(
        f"吴建国,{id_number(sequence=101)},低保,",
        f"吴建国,{id_number(sequence=112)},低保,",  # the spouse's number finds the household
        f"吴建国,{id_number(sequence=121)},低保边缘,",
        f"陈新人,{id_number(sequence=901)},特困供养,{VILLAGE_A1}",
    )


async def all_events(app, households) -> int:
    return sum([len(await events(app, h["id"])) for h in households.values()])


async def test_compare_lists_every_difference_and_changes_nothing(app, client, county, admin):
    before = await all_events(app, county)
    response = await client.post(URL, files=the_roll(), headers=admin)
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["roll_rows"] == 4 and report["matched"] == 1 and report["errors"] == []
    found = {(d["finding"], d["household_id"]) for d in report["differences"]}
    assert found == {
        ("missing", county["missing"]["id"]),
        ("different", county["different"]["id"]),
        ("extra", county["extra"]["id"]),
        ("unregistered", None),
    }
    unregistered = next(d for d in report["differences"] if d["finding"] == "unregistered")
    assert unregistered["row"] == 5 and not unregistered["applicable"]
    assert "*" in unregistered["id_number"]  # masked
    assert await all_events(app, county) == before


async def test_apply_recognises_exits_and_retypes_with_the_reason(app, client, county, admin):
    report = (await client.post(URL, files=the_roll(), headers=admin)).json()
    today = str(local_today())
    response = await client.post(
        URL + "/apply",
        files=the_roll(),
        data={
            "fingerprint": report["fingerprint"],
            "changed_on": today,
            "reason": "2026年11月民政名册",
        },
        headers=admin,
    )
    assert response.status_code == 200, response.text
    assert response.json()["changed"] == 3

    async def state(name):
        body = (await client.get(f"/v1/households/{county[name]['id']}", headers=admin)).json()
        return body["category"], body["low_income_subtype"]

    assert await state("missing") == ("low_income", "subsistence")
    assert await state("different") == ("low_income", "near_subsistence")
    assert await state("extra") == ("small_farmer", None)
    assert await state("same") == ("low_income", "subsistence")
    history = await client.get(
        f"/v1/households/{county['extra']['id']}/category-changes", headers=admin
    )
    assert history.json()["items"][-1]["reason"] == "2026年11月民政名册"

    again = (await client.post(URL, files=the_roll(), headers=admin)).json()
    assert again["matched"] == 3
    assert [d["finding"] for d in again["differences"]] == ["unregistered"]


async def test_apply_is_refused_when_the_registry_moved_since_the_report(
    app, client, county, admin
):
    report = (await client.post(URL, files=the_roll(), headers=admin)).json()
    moved = await client.post(
        f"/v1/households/{county['extra']['id']}/category-changes",
        json={"category": "small_farmer", "changed_on": str(local_today()), "reason": "已退出"},
        headers={**admin, "If-Match": '"1"'},
    )
    assert moved.status_code == 200
    before = await all_events(app, county)
    response = await client.post(
        URL + "/apply",
        files=the_roll(),
        data={
            "fingerprint": report["fingerprint"],
            "changed_on": str(local_today()),
            "reason": "名册",
        },
        headers=admin,
    )
    assert response.status_code == 409
    assert response.json()["type"] == "/problems/report-outdated"
    assert await all_events(app, county) == before


async def test_bad_rows_are_listed_and_block_the_apply(client, county, admin):
    bad = roll(
        f"吴建国,{id_number(sequence=101)},低保,",
        "王错号,331126198001011235,低保,",
        f"吴建国,{id_number(sequence=102)},低保,",  # the same household as row 2
        f"叶秀英,{id_number(sequence=121)},困难户,",
    )
    report = (await client.post(URL, files=bad, headers=admin)).json()
    assert [(e["row"], e["field"]) for e in report["errors"]] == [
        (3, "身份证号"),
        (4, "身份证号"),
        (5, "低收入类型"),
    ]
    response = await client.post(
        URL + "/apply",
        files=bad,
        data={
            "fingerprint": report["fingerprint"],
            "changed_on": str(local_today()),
            "reason": "名册",
        },
        headers=admin,
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "file"


async def test_only_chosen_findings_are_applied(client, county, admin):
    report = (await client.post(URL, files=the_roll(), headers=admin)).json()
    response = await client.post(
        URL + "/apply",
        files=the_roll(),
        data={
            "fingerprint": report["fingerprint"],
            "changed_on": str(local_today()),
            "reason": "只认定新增",
            "findings": ["missing"],
        },
        headers=admin,
    )
    assert response.status_code == 200, response.text
    assert response.json()["household_ids"] == [county["missing"]["id"]]
    extra = (await client.get(f"/v1/households/{county['extra']['id']}", headers=admin)).json()
    assert extra["category"] == "low_income"


async def test_a_township_officer_reconciles_only_their_township(client, county, tokens):
    officer = tokens.headers(Role.TOWNSHIP_OFFICER, area=TOWN_A)
    report = (await client.post(URL, files=the_roll(), headers=officer)).json()
    findings = sorted(d["finding"] for d in report["differences"])
    # The 隆宫乡 household is not theirs: not listed as extra.
    assert findings == ["different", "missing", "unregistered"]
    cadre = tokens.headers(Role.CADRE, area=TOWN_A)
    assert (await client.post(URL, files=the_roll(), headers=cadre)).status_code == 403


@pytest.mark.smoke
async def test_template_lists_the_roll_columns(client, areas, admin):
    response = await client.get(URL + "/template.csv", headers=admin)
    assert response.status_code == 200
    assert response.content.decode("utf-8-sig").splitlines()[0].startswith("户主姓名,身份证号")
