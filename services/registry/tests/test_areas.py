"""/v1/areas: derived level, parent and kind; size classes; scope; versions; events."""

import pytest

from kit.auth import Role
from registry.tests.factories import COUNTY, TOWN_A, TOWN_B, VILLAGE_A1, VILLAGE_B1, add_areas
from registry.tests.link_seeds import events


def admin_headers(tokens, area=COUNTY):
    return tokens.headers(Role.COUNTY_ADMIN, area=area)


def officer_headers(tokens, town=TOWN_A):
    return tokens.headers(Role.TOWNSHIP_OFFICER, area=town)


def field_errors(response):
    return {e["field"]: e["message"] for e in response.json().get("errors", [])}


async def post_area(client, tokens, code, name="某地", size_class=None, headers=None):
    body = {"code": code, "name": name, "edition": 2023}
    if size_class:
        body["size_class"] = size_class
    return await client.post(
        "/v1/areas", json=body, headers=headers or admin_headers(tokens, area="")
    )


@pytest.mark.smoke
async def test_a_tree_built_top_down_derives_level_parent_and_kind(app, client, tokens):
    county = await post_area(client, tokens, COUNTY, "庆元县")
    assert county.status_code == 201, county.text
    assert county.json()["level"] == "county" and county.json()["parent_code"] is None
    assert county.json()["kind"] is None
    assert county.headers["Location"] == f"/v1/areas/{COUNTY}"
    assert county.headers["ETag"] == '"1"'

    expected = {
        "331126001": ("township", COUNTY, "subdistrict"),
        "331126101": ("township", COUNTY, "town"),
        "331126201": ("township", COUNTY, "township"),
        "331126400": ("township", COUNTY, "other"),
        "331126101001": ("village", "331126101", "community"),
        "331126101201": ("village", "331126101", "administrative_village"),
    }
    for code in expected:
        size = "medium" if code == "331126101201" else None
        response = await post_area(client, tokens, code, size_class=size)
        assert response.status_code == 201, response.text
    for code, (level, parent, kind) in expected.items():
        got = (await client.get(f"/v1/areas/{code}", headers=admin_headers(tokens))).json()
        assert (got["level"], got["parent_code"], got["kind"]) == (level, parent, kind), code

    children = await client.get(
        "/v1/areas", params={"parent": "331126101"}, headers=admin_headers(tokens)
    )
    assert [a["code"] for a in children.json()["items"]] == ["331126101001", "331126101201"]


@pytest.mark.parametrize("code", ["3", "331", "33112", "3311261", "3311261012", "33112610120a"])
async def test_a_code_of_the_wrong_length_is_refused_on_code(client, tokens, code):
    response = await post_area(client, tokens, code)
    assert response.status_code == 422
    assert "code" in field_errors(response)


async def test_a_missing_parent_is_refused(app, client, tokens):
    await add_areas(app)
    # Township 331126301 does not exist, so its village cannot hang anywhere.
    response = await post_area(client, tokens, "331126301201", size_class="small")
    assert response.status_code == 422
    assert "331126301" in field_errors(response)["code"]


async def test_an_existing_code_is_a_conflict(app, client, tokens):
    await add_areas(app)
    response = await post_area(client, tokens, TOWN_A)
    assert response.status_code == 409
    assert response.json()["type"] == "/problems/duplicate-code"
    assert "黄田镇" in response.json()["detail"]


async def test_size_class_only_for_villages_and_required_for_administrative_ones(
    app, client, tokens
):
    await add_areas(app)
    town = await post_area(client, tokens, "331126102", size_class="small")
    assert town.status_code == 422 and "size_class" in field_errors(town)

    village = await post_area(client, tokens, "331126101203")
    assert village.status_code == 422 and "size_class" in field_errors(village)

    # A community (居委会) may go without one.
    community = await post_area(client, tokens, "331126101002")
    assert community.status_code == 201 and community.json()["size_class"] is None

    bad = await post_area(client, tokens, "331126101204", size_class="huge")
    assert bad.status_code == 422 and "size_class" in field_errors(bad)


async def test_update_needs_the_current_version_and_is_one_event(app, client, tokens):
    await post_area(client, tokens, COUNTY, "庆元县")
    created = await post_area(client, tokens, TOWN_A, "黄田镇")
    assert created.status_code == 201
    body = {"name": "黄田镇（新）", "edition": 2024}

    missing = await client.put(f"/v1/areas/{TOWN_A}", json=body, headers=admin_headers(tokens))
    assert missing.status_code == 428
    stale = await client.put(
        f"/v1/areas/{TOWN_A}", json=body, headers={**admin_headers(tokens), "If-Match": '"7"'}
    )
    assert stale.status_code == 412

    updated = await client.put(
        f"/v1/areas/{TOWN_A}", json=body, headers={**admin_headers(tokens), "If-Match": '"1"'}
    )
    assert updated.status_code == 200, updated.text
    assert updated.headers["ETag"] == '"2"'
    assert updated.json()["name"] == "黄田镇（新）" and updated.json()["edition"] == 2024
    assert updated.json()["kind"] == "town" and updated.json()["parent_code"] == COUNTY

    town_events = [e for e in await events(app, "area") if e["aggregate_id"] == TOWN_A]
    assert [e["version"] for e in town_events] == [1, 2]
    assert town_events[-1]["data"] == updated.json()
    assert town_events[-1]["area_code"] == TOWN_A and town_events[-1]["type"] == "area.upserted"


async def test_collective_income_is_part_of_the_village(app, client, tokens):
    await add_areas(app)
    url = f"/v1/areas/{VILLAGE_A1}/collective-income/2025"
    response = await client.put(
        url, json={"operating_income": "230000.50"}, headers=officer_headers(tokens)
    )
    assert response.status_code == 200, response.text
    assert response.json()["collective_income"] == [{"year": 2025, "operating_income": "230000.50"}]
    assert response.headers["ETag"] == '"2"'

    again = await client.put(
        url,
        json={"operating_income": "240000"},
        headers={**admin_headers(tokens), "If-Match": '"1"'},
    )
    assert again.status_code == 412
    again = await client.put(
        url,
        json={"operating_income": "240000"},
        headers={**admin_headers(tokens), "If-Match": '"2"'},
    )
    assert again.json()["collective_income"][0]["operating_income"] == "240000.00"

    got = await client.get(f"/v1/areas/{VILLAGE_A1}", headers=officer_headers(tokens))
    assert got.json()["collective_income"] == [{"year": 2025, "operating_income": "240000.00"}]
    assert got.headers["ETag"] == '"3"'

    [first, second] = await events(app, "area")
    assert first["aggregate_id"] == VILLAGE_A1 and first["version"] == 2
    assert second["data"]["collective_income"] == got.json()["collective_income"]


async def test_collective_income_refusals(app, client, tokens):
    await add_areas(app)
    body = {"operating_income": "1000.00"}
    # Another township's village does not exist for this officer.
    other = await client.put(
        f"/v1/areas/{VILLAGE_B1}/collective-income/2025", json=body, headers=officer_headers(tokens)
    )
    assert other.status_code == 404
    township = await client.put(
        f"/v1/areas/{TOWN_A}/collective-income/2025", json=body, headers=admin_headers(tokens)
    )
    assert township.status_code == 422 and "code" in field_errors(township)
    floats = await client.put(
        f"/v1/areas/{VILLAGE_A1}/collective-income/2025",
        json={"operating_income": 1000.5},
        headers=admin_headers(tokens),
    )
    assert floats.status_code == 422 and "operating_income" in field_errors(floats)
    future = await client.put(
        f"/v1/areas/{VILLAGE_A1}/collective-income/2999", json=body, headers=admin_headers(tokens)
    )
    assert future.status_code == 422 and "year" in field_errors(future)
    leader = await client.put(
        f"/v1/areas/{VILLAGE_A1}/collective-income/2025",
        json=body,
        headers=tokens.headers(Role.LEADER, area=COUNTY),
    )
    assert leader.status_code == 403
    assert await events(app, "area") == []


async def test_scope_hides_other_townships_and_only_admins_write(app, client, tokens):
    await add_areas(app)
    listed = await client.get("/v1/areas", headers=officer_headers(tokens))
    assert {a["code"] for a in listed.json()["items"]} == {TOWN_A, VILLAGE_A1, "331126101202"}
    assert (
        await client.get(f"/v1/areas/{TOWN_B}", headers=officer_headers(tokens))
    ).status_code == 404
    assert (
        await client.get(f"/v1/areas/{COUNTY}", headers=officer_headers(tokens))
    ).status_code == 404

    body = {"name": "黄田镇", "edition": 2024}
    for headers in (officer_headers(tokens), tokens.headers(Role.LEADER, area=COUNTY)):
        put = await client.put(
            f"/v1/areas/{TOWN_A}", json=body, headers={**headers, "If-Match": '"1"'}
        )
        assert put.status_code == 403
        post = await post_area(client, tokens, "331126102", headers=headers)
        assert post.status_code == 403
    outside = await post_area(client, tokens, "331127", headers=admin_headers(tokens))
    assert outside.status_code == 422 and "code" in field_errors(outside)


async def test_list_filters_and_pages_by_code(app, client, tokens):
    await add_areas(app)
    villages = await client.get(
        "/v1/areas", params={"level": "village"}, headers=admin_headers(tokens)
    )
    assert [a["code"] for a in villages.json()["items"]] == [
        VILLAGE_A1,
        "331126101202",
        VILLAGE_B1,
    ]
    named = await client.get("/v1/areas", params={"q": "隆宫"}, headers=admin_headers(tokens))
    assert {a["code"] for a in named.json()["items"]} == {TOWN_B, VILLAGE_B1}

    seen, cursor = [], None
    while True:
        params = {"limit": 4, **({"cursor": cursor} if cursor else {})}
        page = (await client.get("/v1/areas", params=params, headers=admin_headers(tokens))).json()
        seen += [a["code"] for a in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == sorted(seen) and len(seen) == 6


async def test_names_of_many_areas_in_one_read_as_far_as_the_scope_reaches(app, client, tokens):
    """Lists show areas by name: one read answers every code a page of a list names."""
    await add_areas(app)
    codes = [VILLAGE_A1, TOWN_A, VILLAGE_B1, "331126999999"]
    admin = await client.get("/v1/areas", params={"code": codes}, headers=admin_headers(tokens))
    officer = await client.get("/v1/areas", params={"code": codes}, headers=officer_headers(tokens))
    too_many = await client.get(
        "/v1/areas", params={"code": ["331126"] * 201}, headers=admin_headers(tokens)
    )

    assert [a["code"] for a in admin.json()["items"]] == [TOWN_A, VILLAGE_A1, VILLAGE_B1]
    assert [a["code"] for a in officer.json()["items"]] == [TOWN_A, VILLAGE_A1]
    assert too_many.status_code == 422
    assert list(field_errors(too_many)) == ["code"]
