"""/v1/departments: unique names, existing areas, county admins write, readers see up and down."""

from uuid import UUID

import pytest

from kit.auth import Role
from registry.models import Cadre
from registry.tests.factories import COUNTY, TOWN_A, TOWN_B
from registry.tests.link_seeds import events


def admin_headers(tokens, area=COUNTY):
    return tokens.headers(Role.COUNTY_ADMIN, area=area)


def field_errors(response):
    return {e["field"]: e["message"] for e in response.json().get("errors", [])}


async def add_department(client, tokens, name="县农业农村局", area_code=COUNTY):
    response = await client.post(
        "/v1/departments",
        json={"name": name, "area_code": area_code},
        headers=admin_headers(tokens),
    )
    assert response.status_code == 201, response.text
    return response.json()


@pytest.mark.smoke
async def test_create_read_update_delete_with_one_event_each(app, client, tokens, areas):
    created = await client.post(
        "/v1/departments",
        json={"name": "县农业农村局", "area_code": COUNTY},
        headers=admin_headers(tokens),
    )
    assert created.status_code == 201, created.text
    department = created.json()
    assert created.headers["Location"] == f"/v1/departments/{department['id']}"
    assert created.headers["ETag"] == '"1"'

    got = await client.get(created.headers["Location"], headers=admin_headers(tokens))
    assert got.json() == department and got.headers["ETag"] == '"1"'

    url, body = (
        created.headers["Location"],
        {"name": "县农业农村局（县委农办）", "area_code": COUNTY},
    )
    assert (await client.put(url, json=body, headers=admin_headers(tokens))).status_code == 428
    stale = await client.put(url, json=body, headers={**admin_headers(tokens), "If-Match": '"2"'})
    assert stale.status_code == 412
    updated = await client.put(url, json=body, headers={**admin_headers(tokens), "If-Match": '"1"'})
    assert updated.status_code == 200 and updated.headers["ETag"] == '"2"'
    assert updated.json()["name"] == body["name"]

    assert (await client.delete(url, headers=admin_headers(tokens))).status_code == 428
    deleted = await client.delete(url, headers={**admin_headers(tokens), "If-Match": '"2"'})
    assert deleted.status_code == 204
    assert (await client.get(url, headers=admin_headers(tokens))).status_code == 404

    recorded = await events(app, "department")
    assert [(e["type"], e["version"]) for e in recorded] == [
        ("department.upserted", 1),
        ("department.upserted", 2),
        ("department.deleted", 3),
    ]
    assert recorded[0]["data"] == department and recorded[1]["data"] == updated.json()
    assert all(e["area_code"] == COUNTY for e in recorded)


async def test_a_name_already_held_is_a_conflict(client, tokens, areas):
    first = await add_department(client, tokens)
    again = await client.post(
        "/v1/departments",
        json={"name": "县农业农村局", "area_code": TOWN_A},
        headers=admin_headers(tokens),
    )
    assert again.status_code == 409
    assert again.json()["type"] == "/problems/duplicate-name"
    assert first["id"] in again.json()["detail"]

    other = await add_department(client, tokens, "县林业局")
    renamed = await client.put(
        f"/v1/departments/{other['id']}",
        json={"name": "县农业农村局", "area_code": COUNTY},
        headers={**admin_headers(tokens), "If-Match": '"1"'},
    )
    assert renamed.status_code == 409
    assert renamed.json()["type"] == "/problems/duplicate-name"


async def test_the_area_must_exist_and_be_the_admins(client, tokens, areas):
    missing = await client.post(
        "/v1/departments",
        json={"name": "某局", "area_code": "331126999"},
        headers=admin_headers(tokens),
    )
    assert missing.status_code == 422 and "area_code" in field_errors(missing)
    outside = await client.post(
        "/v1/departments",
        json={"name": "隆宫乡农办", "area_code": TOWN_B},
        headers=admin_headers(tokens, area=TOWN_A),
    )
    assert outside.status_code == 422 and "area_code" in field_errors(outside)


async def test_only_county_admins_write(client, tokens, areas):
    department = await add_department(client, tokens)
    body = {"name": "黄田镇农办", "area_code": TOWN_A}
    for role in (Role.TOWNSHIP_OFFICER, Role.LEADER, Role.CADRE):
        headers = tokens.headers(role, area=TOWN_A)
        assert (await client.post("/v1/departments", json=body, headers=headers)).status_code == 403
        put = await client.put(
            f"/v1/departments/{department['id']}",
            json=body,
            headers={**headers, "If-Match": '"1"'},
        )
        assert put.status_code == 403


async def test_a_township_sees_county_departments_and_its_own_not_another_townships(
    client, tokens, areas
):
    county = await add_department(client, tokens, "县农业农村局", COUNTY)
    own = await add_department(client, tokens, "黄田镇农办", TOWN_A)
    other = await add_department(client, tokens, "隆宫乡农办", TOWN_B)
    officer = tokens.headers(Role.TOWNSHIP_OFFICER, area=TOWN_A)

    listed = await client.get("/v1/departments", headers=officer)
    assert {d["name"] for d in listed.json()["items"]} == {county["name"], own["name"]}
    assert (await client.get(f"/v1/departments/{other['id']}", headers=officer)).status_code == 404
    assert (await client.get(f"/v1/departments/{county['id']}", headers=officer)).status_code == 200

    # A township's admin sees the county bureau but may not change it.
    township_admin = admin_headers(tokens, area=TOWN_A)
    refused = await client.put(
        f"/v1/departments/{county['id']}",
        json={"name": "县农业农村局", "area_code": COUNTY},
        headers={**township_admin, "If-Match": '"1"'},
    )
    assert refused.status_code == 403

    filtered = await client.get(
        "/v1/departments", params={"q": "农办", "area": TOWN_A}, headers=admin_headers(tokens)
    )
    assert [d["name"] for d in filtered.json()["items"]] == ["黄田镇农办"]


async def test_a_department_with_cadres_is_not_deleted(app, client, tokens, areas):
    department = await add_department(client, tokens)
    async with app.state.sessionmaker.begin() as session:
        cadre = Cadre(
            name="李帮扶",
            type="agri_technician",
            home_area_code=TOWN_A,
            department_id=UUID(department["id"]),
            skills=[],
        )
        session.add(cadre)
    response = await client.delete(
        f"/v1/departments/{department['id']}", headers={**admin_headers(tokens), "If-Match": '"1"'}
    )
    assert response.status_code == 409
    assert response.json()["type"] == "/problems/department-in-use"
    assert str(cadre.id) in response.json()["detail"]
    assert [e["type"] for e in await events(app, "department")] == ["department.upserted"]
