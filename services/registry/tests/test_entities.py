from datetime import date

import pytest

from kit.auth import Role
from kit.clock import local_today
from registry.credit_code import credit_code_error
from registry.models import CadreEntityLink
from registry.tests.factories import (
    COUNTY,
    TOWN_A,
    TOWN_B,
    VILLAGE_A1,
    VILLAGE_A2,
    VILLAGE_B1,
    credit_code,
)
from registry.tests.link_seeds import add_cadre, add_entity, entity_body, events


def admin_headers(tokens):
    return tokens.headers(Role.COUNTY_ADMIN, area=COUNTY)


def officer_headers(tokens, town=TOWN_A):
    return tokens.headers(Role.TOWNSHIP_OFFICER, area=town)


def field_errors(response):
    return {e["field"]: e["message"] for e in response.json().get("errors", [])}


def with_wrong_check(code: str) -> str:
    wrong = "0" if code[-1] != "0" else "1"
    return code[:-1] + wrong


@pytest.mark.smoke
def test_credit_code_check_character_length_and_charset():
    good = credit_code()
    assert credit_code_error(good) is None
    assert credit_code_error("91350100M000100Y43") is None  # a published, real code
    assert "校验位" in str(credit_code_error(with_wrong_check(good)))
    assert "18" in str(credit_code_error(good[:17]))
    # I, O, S, V and Z are not in the GB 32100 charset; the message says which character.
    assert "第 3 位「I」" in str(credit_code_error(good[:2] + "I" + good[3:]))


@pytest.mark.smoke
async def test_register_an_entity_with_its_credit_code(app, client, tokens, areas):
    code = credit_code()
    response = await client.post(
        "/v1/entities", json=entity_body(credit_code=code.lower()), headers=officer_headers(tokens)
    )
    assert response.status_code == 201, response.text
    entity = response.json()
    assert entity["credit_code"] == code  # normalised to upper case
    assert entity["quality_grade"] == "none" and entity["high_quality"] is False
    assert response.headers["ETag"] == '"1"'
    assert response.headers["Location"] == f"/v1/entities/{entity['id']}"

    got = await client.get(response.headers["Location"], headers=admin_headers(tokens))
    assert got.status_code == 200 and got.json() == entity

    [event] = await events(app, "entity")
    assert event["aggregate_id"] == entity["id"] and event["area_code"] == VILLAGE_A1
    assert event["data"]["credit_code"] == code and event["version"] == 1


async def test_a_wrong_check_character_is_refused_on_credit_code(client, tokens, areas):
    response = await client.post(
        "/v1/entities",
        json=entity_body(credit_code=with_wrong_check(credit_code())),
        headers=admin_headers(tokens),
    )
    assert response.status_code == 422
    assert "校验位" in field_errors(response)["credit_code"]


async def test_a_credit_code_belongs_to_one_entity(client, tokens, areas):
    code = credit_code()
    first = await add_entity(
        client, tokens, name="锥栗专业合作社", type="cooperative", credit_code=code
    )
    response = await client.post(
        "/v1/entities", json=entity_body(credit_code=code), headers=admin_headers(tokens)
    )
    assert response.status_code == 409
    assert response.json()["type"] == "/problems/duplicate-credit-code"
    assert "锥栗专业合作社" in response.json()["detail"]
    assert response.json()["holder_id"] == first["id"]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"type": "leading_enterprise"}, "enterprise_level"),
        ({"type": "cooperative", "enterprise_level": "county"}, "enterprise_level"),
        ({"type": "cooperative", "quality_grade": "county"}, "quality_grade"),
        ({"cultivated_year": 1999}, "cultivated_year"),
        ({"cultivated_year": local_today().year + 1}, "cultivated_year"),
        ({"village_code": TOWN_A + "999"}, "village_code"),
        ({"village_code": VILLAGE_B1}, "village_code"),  # outside the officer's township
    ],
)
async def test_field_rules_are_refused_on_the_field(client, tokens, areas, overrides, field):
    response = await client.post(
        "/v1/entities", json=entity_body(**overrides), headers=officer_headers(tokens)
    )
    assert response.status_code == 422, response.text
    assert field in field_errors(response)


async def test_leading_enterprise_with_level_and_quality_family_farm(client, tokens, areas):
    enterprise = await add_entity(
        client, tokens, type="leading_enterprise", enterprise_level="national"
    )
    assert enterprise["enterprise_level"] == "national"
    farm = await add_entity(client, tokens, quality_grade="provincial")
    assert farm["high_quality"] is True


async def test_figures_are_money_strings_and_move_the_entity_on(app, client, tokens, areas):
    entity = await add_entity(client, tokens)
    url = f"/v1/entities/{entity['id']}/figures/2025"
    response = await client.put(
        url,
        json={"jobs_created": 12, "online_sales": "123456.7", "processing_fees": "0.05"},
        headers=officer_headers(tokens),
    )
    assert response.status_code == 200, response.text
    assert response.headers["ETag"] == '"2"'
    got = (await client.get(f"/v1/entities/{entity['id']}", headers=admin_headers(tokens))).json()
    assert got["version"] == 2
    assert got["figures"] == [
        {
            "year": 2025,
            "jobs_created": 12,
            "online_sales": "123456.70",
            "processing_fees": "0.05",
            "processing_workforce": None,
            "members": None,
            "farmers_linked": None,
        }
    ]
    # A year's figures are replaced whole; a stale If-Match is refused.
    again = await client.put(url, json={"members": 30}, headers=officer_headers(tokens))
    assert again.json()["figures"][0]["online_sales"] is None
    stale = await client.put(url, json={}, headers={**officer_headers(tokens), "If-Match": '"1"'})
    assert stale.status_code == 412

    entity_events = await events(app, "entity")
    assert [e["version"] for e in entity_events] == [1, 2, 3]
    assert entity_events[1]["data"]["figures"][0]["online_sales"] == "123456.70"


@pytest.mark.smoke
async def test_a_large_enterprises_sales_are_kept_to_the_fen(client, tokens, areas):
    # 3.5 billion yuan of online sales: far past what a 32-bit column of fen holds.
    entity = await add_entity(client, tokens)
    url = f"/v1/entities/{entity['id']}/figures/2026"
    body = {"online_sales": "3500000000.01", "processing_fees": "98765432.10"}
    response = await client.put(url, json=body, headers=admin_headers(tokens))
    assert response.status_code == 200, response.text
    got = (await client.get(f"/v1/entities/{entity['id']}", headers=admin_headers(tokens))).json()
    assert got["figures"][0]["online_sales"] == "3500000000.01"
    assert got["figures"][0]["processing_fees"] == "98765432.10"


@pytest.mark.parametrize(
    "figures",
    [{"jobs_created": -1}, {"online_sales": "-0.01"}, {"online_sales": 12.5}, {"members": "x"}],
)
async def test_figures_must_be_non_negative_and_money_a_string(client, tokens, areas, figures):
    entity = await add_entity(client, tokens)
    response = await client.put(
        f"/v1/entities/{entity['id']}/figures/2025", json=figures, headers=admin_headers(tokens)
    )
    assert response.status_code == 422
    assert next(iter(figures)) in field_errors(response)


async def test_update_needs_the_version_read(app, client, tokens, areas):
    entity = await add_entity(client, tokens)
    url = f"/v1/entities/{entity['id']}"
    body = entity_body(name="黄田香菇示范家庭农场", quality_grade="county")
    assert (await client.put(url, json=body, headers=admin_headers(tokens))).status_code == 428
    stale = await client.put(url, json=body, headers={**admin_headers(tokens), "If-Match": '"7"'})
    assert stale.status_code == 412
    response = await client.put(
        url, json=body, headers={**admin_headers(tokens), "If-Match": '"1"'}
    )
    assert response.status_code == 200, response.text
    assert response.headers["ETag"] == '"2"'
    assert response.json()["high_quality"] is True
    assert [e["version"] for e in await events(app, "entity")] == [1, 2]


async def test_scope_other_township_is_404_and_leader_may_not_write(client, tokens, areas):
    entity = await add_entity(client, tokens, village_code=VILLAGE_A2)
    url = f"/v1/entities/{entity['id']}"
    assert (await client.get(url, headers=officer_headers(tokens, TOWN_B))).status_code == 404
    put = await client.put(
        url, json=entity_body(), headers={**officer_headers(tokens, TOWN_B), "If-Match": '"1"'}
    )
    assert put.status_code == 404
    listed = await client.get("/v1/entities", headers=officer_headers(tokens, TOWN_B))
    assert listed.json()["items"] == []

    leader = tokens.headers(Role.LEADER, area=COUNTY)
    assert (await client.get(url, headers=leader)).status_code == 200
    assert (
        await client.post("/v1/entities", json=entity_body(), headers=leader)
    ).status_code == 403
    figures = await client.put(f"{url}/figures/2025", json={}, headers=leader)
    assert figures.status_code == 403


async def test_a_cadre_sees_only_the_entity_they_are_linked_to(app, client, tokens, areas):
    linked = await add_entity(client, tokens, name="甲农场")
    other = await add_entity(client, tokens, name="乙农场")
    cadre_id = await add_cadre(app)
    async with app.state.sessionmaker.begin() as session:
        session.add(
            CadreEntityLink(cadre_id=cadre_id, entity_id=linked["id"], started_on=date(2024, 1, 1))
        )
    cadre = tokens.headers(Role.CADRE, area=COUNTY, cadre_id=cadre_id)
    listed = await client.get("/v1/entities", headers=cadre)
    assert [e["name"] for e in listed.json()["items"]] == ["甲农场"]
    assert (await client.get(f"/v1/entities/{other['id']}", headers=cadre)).status_code == 404


async def test_list_filters(client, tokens, areas):
    await add_entity(client, tokens, name="甲香菇农场", cultivated_year=2021)
    await add_entity(
        client,
        tokens,
        name="乙茶叶合作社",
        type="cooperative",
        industry="tea",
        village_code=VILLAGE_A2,
        cultivated_year=2024,
    )
    await add_entity(
        client,
        tokens,
        name="丙民宿",
        type="farm_stay",
        industry="other",
        village_code=VILLAGE_B1,
        cultivated_year=None,
        status="deregistered",
    )

    async def names(**params):
        response = await client.get("/v1/entities", params=params, headers=admin_headers(tokens))
        assert response.status_code == 200, response.text
        return sorted(e["name"] for e in response.json()["items"])

    assert await names() == sorted(["甲香菇农场", "乙茶叶合作社", "丙民宿"])
    assert await names(type="cooperative") == ["乙茶叶合作社"]
    assert await names(industry="tea") == ["乙茶叶合作社"]
    assert await names(village=TOWN_A) == sorted(["甲香菇农场", "乙茶叶合作社"])
    assert await names(status="deregistered") == ["丙民宿"]
    assert await names(q="香菇") == ["甲香菇农场"]
    assert await names(cultivated_from=2022, cultivated_to=2025) == ["乙茶叶合作社"]


async def test_list_pages_with_a_cursor(client, tokens, areas):
    for n in range(3):
        await add_entity(client, tokens, name=f"农场{n}")
    first = (await client.get("/v1/entities?limit=2", headers=admin_headers(tokens))).json()
    assert len(first["items"]) == 2 and first["next_cursor"]
    rest = await client.get(
        "/v1/entities",
        params={"limit": 2, "cursor": first["next_cursor"]},
        headers=admin_headers(tokens),
    )
    assert [e["name"] for e in rest.json()["items"]] == ["农场2"]
    assert rest.json()["next_cursor"] is None
