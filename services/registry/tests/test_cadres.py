"""/v1/cadres: departments, types, skills and home areas; scope; phones masked unless asked."""

from datetime import date
from uuid import UUID

import pytest

from kit.auth import Role
from registry.models import CadreEntityLink
from registry.tests.factories import COUNTY, TOWN_A, TOWN_B, VILLAGE_A1, add_areas, audit_reads
from registry.tests.link_seeds import add_entity, events

# Reads and other acts: every write has its own entry too (kit.write_audit, test_write_audit).

PHONE = "13812345678"


def admin_headers(tokens, area=COUNTY):
    return tokens.headers(Role.COUNTY_ADMIN, area=area)


def officer_headers(tokens, town=TOWN_A):
    return tokens.headers(Role.TOWNSHIP_OFFICER, area=town)


def field_errors(response):
    return {e["field"]: e["message"] for e in response.json().get("errors", [])}


@pytest.fixture
async def department(app, client, tokens):
    await add_areas(app)
    response = await client.post(
        "/v1/departments",
        json={"name": "县农业农村局", "area_code": COUNTY},
        headers=admin_headers(tokens),
    )
    assert response.status_code == 201
    return response.json()["id"]


def cadre_body(department, **overrides):
    body = {
        "name": "李帮扶",
        "phone": PHONE,
        "department_id": department,
        "type": "agri_technician",
        "skills": ["食用菌栽培", "电商"],
        "home_area_code": TOWN_A,
    }
    return body | overrides


async def add_cadre(client, tokens, department, headers=None, **overrides):
    response = await client.post(
        "/v1/cadres",
        json=cadre_body(department, **overrides),
        headers=headers or admin_headers(tokens),
    )
    assert response.status_code == 201, response.text
    return response.json()


UNMASK = {"unmask": "true", "reason": "联系核实"}


async def test_an_officer_registers_a_cadre_of_their_township(app, client, tokens, department):
    body = cadre_body(department, skills=[" 食用菌栽培 ", "电商", "食用菌栽培", " "])
    created = await client.post("/v1/cadres", json=body, headers=officer_headers(tokens))
    assert created.status_code == 201, created.text
    cadre = created.json()
    assert cadre["skills"] == ["食用菌栽培", "电商"]
    assert cadre["phone"] == "138****5678" and cadre["active"] is True
    assert cadre["linked_entity_id"] is None
    assert created.headers["Location"] == f"/v1/cadres/{cadre['id']}"
    assert created.headers["ETag"] == '"1"'

    [event] = await events(app, "cadre")
    assert event["aggregate_id"] == cadre["id"] and event["area_code"] == TOWN_A
    assert event["data"]["phone"] == PHONE  # events carry the data whole
    assert {**event["data"], "phone": "138****5678"} == {
        k: v for k, v in cadre.items() if k != "linked_entity_id"
    }

    got = await client.get(created.headers["Location"], headers=admin_headers(tokens))
    assert got.json() == cadre and got.headers["ETag"] == '"1"'
    assert await audit_reads(app) == []


async def test_phone_whole_only_on_request_by_a_role_that_may_and_audited(
    app, client, tokens, department
):
    cadre = await add_cadre(client, tokens, department)
    url = f"/v1/cadres/{cadre['id']}"
    whole = await client.get(url, params=UNMASK, headers=officer_headers(tokens))
    assert whole.json()["phone"] == PHONE
    listed = await client.get("/v1/cadres", params=UNMASK, headers=admin_headers(tokens))
    assert listed.json()["items"][0]["phone"] == PHONE
    entries = await audit_reads(app)
    assert len(entries) == 2
    assert {(e.resource, e.resource_id, tuple(e.fields)) for e in entries} == {
        ("cadre", cadre["id"], ("phone",))
    }
    # A leader, or a platform without pii:read, still gets the masked phone and no audit entry.
    for headers in (
        tokens.headers(Role.LEADER, area=COUNTY),
        tokens.headers(Role.MACHINE, area=COUNTY, scopes="feeds:read households:read"),
    ):
        masked = await client.get(url, params={"unmask": "true"}, headers=headers)
        assert masked.status_code == 200 and masked.json()["phone"] == "138****5678"
    assert len(await audit_reads(app)) == 2


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"phone": "12345"}, "phone"),
        ({"type": "mayor"}, "type"),
        ({"name": ""}, "name"),
        ({"home_area_code": "331126999"}, "home_area_code"),
        ({"home_area_code": TOWN_B}, "home_area_code"),  # another township
        ({"home_area_code": "3311261"}, "home_area_code"),
        ({"department_id": "7f0c7d1e-0000-4000-8000-000000000000"}, "department_id"),
        ({"skills": ["x" * 41]}, "skills"),
    ],
)
async def test_invalid_cadres_are_refused_on_the_field(
    client, tokens, department, overrides, field
):
    response = await client.post(
        "/v1/cadres", json=cadre_body(department, **overrides), headers=officer_headers(tokens)
    )
    assert response.status_code == 422, response.text
    assert field in field_errors(response)


async def test_another_townships_cadre_does_not_exist_for_an_officer(
    app, client, tokens, department
):
    own = await add_cadre(client, tokens, department, name="黄田干部")
    other = await add_cadre(client, tokens, department, name="隆宫干部", home_area_code=TOWN_B)
    listed = await client.get("/v1/cadres", headers=officer_headers(tokens))
    assert [c["id"] for c in listed.json()["items"]] == [own["id"]]
    assert (
        await client.get(f"/v1/cadres/{other['id']}", headers=officer_headers(tokens))
    ).status_code == 404
    put = await client.put(
        f"/v1/cadres/{other['id']}",
        json=cadre_body(department, home_area_code=TOWN_B),
        headers={**officer_headers(tokens), "If-Match": '"1"'},
    )
    assert put.status_code == 404


async def test_leaders_and_cadres_read_but_never_write(client, tokens, department):
    cadre = await add_cadre(client, tokens, department)
    leader = tokens.headers(Role.LEADER, area=COUNTY)
    assert (await client.get(f"/v1/cadres/{cadre['id']}", headers=leader)).status_code == 200
    for headers in (leader, tokens.headers(Role.CADRE, area=COUNTY, cadre_id=UUID(cadre["id"]))):
        post = await client.post("/v1/cadres", json=cadre_body(department), headers=headers)
        assert post.status_code == 403
        put = await client.put(
            f"/v1/cadres/{cadre['id']}",
            json=cadre_body(department),
            headers={**headers, "If-Match": '"1"'},
        )
        assert put.status_code == 403


async def test_a_cadre_sees_only_themselves(client, tokens, department):
    me = await add_cadre(client, tokens, department, name="李帮扶")
    other = await add_cadre(client, tokens, department, name="王帮扶")
    headers = tokens.headers(Role.CADRE, area=COUNTY, cadre_id=UUID(me["id"]))
    listed = await client.get("/v1/cadres", headers=headers)
    assert [c["id"] for c in listed.json()["items"]] == [me["id"]]
    assert (await client.get(f"/v1/cadres/{me['id']}", headers=headers)).status_code == 200
    assert (await client.get(f"/v1/cadres/{other['id']}", headers=headers)).status_code == 404
    # A township officer who is also a cadre sees their whole township.
    both = tokens.headers(Role.CADRE, Role.TOWNSHIP_OFFICER, area=TOWN_A, cadre_id=UUID(me["id"]))
    assert len((await client.get("/v1/cadres", headers=both)).json()["items"]) == 2


async def test_update_and_deactivate_need_the_version_and_emit_each_once(
    app, client, tokens, department
):
    cadre = await add_cadre(client, tokens, department)
    url = f"/v1/cadres/{cadre['id']}"
    body = cadre_body(department, active=False, type="science_envoy", phone=None)
    assert (await client.put(url, json=body, headers=officer_headers(tokens))).status_code == 428
    stale = await client.put(url, json=body, headers={**officer_headers(tokens), "If-Match": '"2"'})
    assert stale.status_code == 412
    updated = await client.put(
        url, json=body, headers={**officer_headers(tokens), "If-Match": '"1"'}
    )
    assert updated.status_code == 200, updated.text
    assert updated.headers["ETag"] == '"2"'
    assert updated.json()["active"] is False and updated.json()["type"] == "science_envoy"
    assert updated.json()["phone"] is None

    recorded = await events(app, "cadre")
    assert [e["version"] for e in recorded] == [1, 2]
    assert recorded[1]["data"]["active"] is False and recorded[1]["data"]["version"] == 2

    inactive = await client.get(
        "/v1/cadres", params={"active": "false"}, headers=admin_headers(tokens)
    )
    assert [c["id"] for c in inactive.json()["items"]] == [cadre["id"]]
    active = await client.get(
        "/v1/cadres", params={"active": "true"}, headers=admin_headers(tokens)
    )
    assert active.json()["items"] == []


@pytest.mark.smoke
async def test_list_filters(client, tokens, department):
    other_department = (
        await client.post(
            "/v1/departments",
            json={"name": "县林业局", "area_code": COUNTY},
            headers=admin_headers(tokens),
        )
    ).json()["id"]
    fungi = await add_cadre(client, tokens, department, name="李食用菌", skills=["食用菌栽培"])
    tea = await add_cadre(
        client,
        tokens,
        other_department,
        name="王茶叶",
        skills=["茶叶", "电商"],
        type="science_envoy",
        home_area_code=TOWN_B,
    )

    async def names(**params):
        response = await client.get("/v1/cadres", params=params, headers=admin_headers(tokens))
        assert response.status_code == 200, response.text
        return [c["name"] for c in response.json()["items"]]

    assert await names(department_id=other_department) == [tea["name"]]
    assert await names(type="agri_technician") == [fungi["name"]]
    assert await names(home_area=TOWN_B) == [tea["name"]]
    assert await names(skill="茶叶") == [tea["name"]]
    assert await names(skill="电商") == [tea["name"]]
    assert await names(skill="茶") == []  # a tag, not a substring
    assert await names(q="食用菌") == [fungi["name"]]


async def test_the_active_linked_entity_is_shown_read_only(app, client, tokens, department):
    cadre = await add_cadre(client, tokens, department)
    old = await add_entity(client, tokens, name="旧主体家庭农场", village_code=VILLAGE_A1)
    new = await add_entity(client, tokens, name="新主体家庭农场", village_code=VILLAGE_A1)
    async with app.state.sessionmaker.begin() as session:
        cadre_id = UUID(cadre["id"])
        session.add(
            CadreEntityLink(
                cadre_id=cadre_id,
                entity_id=UUID(old["id"]),
                started_on=date(2022, 1, 1),
                ended_on=date(2023, 1, 1),
            )
        )
        session.add(
            CadreEntityLink(
                cadre_id=cadre_id, entity_id=UUID(new["id"]), started_on=date(2023, 1, 2)
            )
        )
    got = await client.get(f"/v1/cadres/{cadre['id']}", headers=admin_headers(tokens))
    assert got.json()["linked_entity_id"] == new["id"]
    listed = await client.get("/v1/cadres", headers=admin_headers(tokens))
    assert listed.json()["items"][0]["linked_entity_id"] == new["id"]

    # Not writable through the cadre: a body naming one is ignored, the link stays.
    body = cadre_body(department) | {"linked_entity_id": old["id"]}
    updated = await client.put(
        f"/v1/cadres/{cadre['id']}", json=body, headers={**admin_headers(tokens), "If-Match": '"1"'}
    )
    assert updated.json()["linked_entity_id"] == new["id"]
