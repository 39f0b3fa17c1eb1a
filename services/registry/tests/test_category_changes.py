"""认定/退出: moving a household in or out of the low-income roll with a date and a reason."""

from datetime import timedelta

import pytest

from kit.auth import Role
from kit.clock import local_today
from registry.tests.factories import COUNTY, TOWN_B, household_body

from .test_households import create, events


async def change(client, headers, household_id, version, **body):
    return await client.post(
        f"/v1/households/{household_id}/category-changes",
        json=body,
        headers={**headers, "If-Match": f'"{version}"'},
    )


async def history(client, headers, household_id):
    response = await client.get(f"/v1/households/{household_id}/category-changes", headers=headers)
    assert response.status_code == 200
    return [
        (c["kind"], c["category"], c["low_income_subtype"], c["changed_on"], c["reason"])
        for c in response.json()["items"]
    ]


@pytest.mark.smoke
async def test_exit_then_recognise_again_keeps_dated_reasoned_history(app, client, areas, tokens):
    admin = tokens.headers(Role.COUNTY_ADMIN, area=COUNTY)
    household = await create(client, admin, category_changed_on="2023-04-01")
    exit_on = local_today() - timedelta(days=30)

    response = await change(
        client,
        admin,
        household["id"],
        1,
        category="small_farmer",
        changed_on=str(exit_on),
        reason="2025年收入超过认定标准，经村评议退出",
    )
    assert response.status_code == 200, response.text
    assert response.json()["category"] == "small_farmer"
    assert response.json()["low_income_subtype"] is None
    assert response.headers["ETag"] == '"2"'

    again = await change(
        client,
        admin,
        household["id"],
        2,
        category="low_income",
        low_income_subtype="expenditure_hardship",
        changed_on=str(local_today()),
        reason="大病支出，民政认定支出型困难",
    )
    assert again.status_code == 200, again.text

    assert await history(client, admin, household["id"]) == [
        ("recognised", "low_income", "subsistence", "2023-04-01", ""),
        (
            "exited",
            "low_income",
            "subsistence",
            str(exit_on),
            "2025年收入超过认定标准，经村评议退出",
        ),
        ("recognised", "small_farmer", None, str(exit_on), "2025年收入超过认定标准，经村评议退出"),
        ("exited", "small_farmer", None, str(local_today()), "大病支出，民政认定支出型困难"),
        (
            "recognised",
            "low_income",
            "expenditure_hardship",
            str(local_today()),
            "大病支出，民政认定支出型困难",
        ),
    ]
    # Each change is one new version of the household on the feed, whole.
    emitted = await events(app, household["id"])
    assert [e["version"] for e in emitted] == [1, 2, 3]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"category": "small_farmer", "changed_on": "2026-01-01"}, "reason"),
        ({"category": "small_farmer", "changed_on": "2026-01-01", "reason": "x"}, "reason"),
        (
            {"category": "low_income", "changed_on": "2026-01-01", "reason": "认定"},
            "low_income_subtype",
        ),
        (
            {
                "category": "small_farmer",
                "low_income_subtype": "subsistence",
                "changed_on": "2026-01-01",
                "reason": "退出",
            },
            "low_income_subtype",
        ),
        ({"category": "small_farmer", "changed_on": "2099-01-01", "reason": "退出"}, "changed_on"),
        ({"category": "small_farmer", "changed_on": "2020-01-01", "reason": "退出"}, "changed_on"),
    ],
)
async def test_bad_changes_name_the_field_and_change_nothing(
    app, client, areas, tokens, body, field
):
    admin = tokens.headers(Role.COUNTY_ADMIN, area=COUNTY)
    household = await create(client, admin, category_changed_on="2023-04-01")
    response = await client.post(
        f"/v1/households/{household['id']}/category-changes",
        json=body,
        headers={**admin, "If-Match": '"1"'},
    )
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["field"].endswith(field)
    assert len(await history(client, admin, household["id"])) == 1
    assert len(await events(app, household["id"])) == 1


async def test_same_category_is_a_conflict_and_stale_version_is_refused(client, areas, tokens):
    admin = tokens.headers(Role.COUNTY_ADMIN, area=COUNTY)
    household = await create(client, admin, category_changed_on="2023-04-01")
    same = await change(
        client,
        admin,
        household["id"],
        1,
        category="low_income",
        low_income_subtype="subsistence",
        changed_on="2026-01-01",
        reason="重复认定",
    )
    assert same.status_code == 409
    assert same.json()["type"] == "/problems/category-unchanged"
    stale = await change(
        client,
        admin,
        household["id"],
        7,
        category="small_farmer",
        changed_on="2026-01-01",
        reason="退出",
    )
    assert stale.status_code == 412


async def test_outside_the_officers_township_is_not_found(client, areas, tokens):
    admin = tokens.headers(Role.COUNTY_ADMIN, area=COUNTY)
    other = tokens.headers(Role.TOWNSHIP_OFFICER, area=TOWN_B)
    household = await create(client, admin, body=household_body())
    response = await change(
        client,
        other,
        household["id"],
        1,
        category="small_farmer",
        changed_on="2026-01-01",
        reason="退出",
    )
    assert response.status_code == 404
