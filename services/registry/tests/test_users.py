"""/v1/users: county admins manage logins in their area; a hash never leaves the service."""

import uuid

import pytest

from kit.auth import Role
from registry.models import User, outbox
from registry.tests.factories import COUNTY, TOWN_A, TOWN_B, bearer
from registry.tests.link_seeds import add_cadre

PASSWORD = "s3cret-pass"


def admin_headers(tokens, area=COUNTY):
    return tokens.headers(Role.COUNTY_ADMIN, area=area)


def field_errors(response):
    return {e["field"]: e["message"] for e in response.json().get("errors", [])}


def user_body(**overrides):
    body = {
        "username": "huangtian",
        "display_name": "黄田镇干部",
        "roles": ["township_officer"],
        "area_code": TOWN_A,
        "password": PASSWORD,
    }
    return body | overrides


async def login(client, username, password=PASSWORD):
    return await client.post(
        "/v1/auth/token",
        data={"grant_type": "password", "username": username, "password": password},
    )


def no_secrets(text: str) -> bool:
    return "password" not in text and "argon2" not in text and PASSWORD not in text


@pytest.mark.smoke
async def test_a_created_user_logs_in_and_no_password_comes_back(app, client, tokens, areas):
    created = await client.post("/v1/users", json=user_body(), headers=admin_headers(tokens))
    assert created.status_code == 201, created.text
    user = created.json()
    assert user["roles"] == ["township_officer"] and user["active"] is True
    assert user["cadre_id"] is None and created.headers["ETag"] == '"1"'
    assert created.headers["Location"] == f"/v1/users/{user['id']}"
    got = await client.get(created.headers["Location"], headers=admin_headers(tokens))
    listed = await client.get("/v1/users", headers=admin_headers(tokens))
    for response in (created, got, listed):
        assert no_secrets(response.text), response.text

    token = await login(client, "huangtian")
    assert token.status_code == 200
    me = (await client.get("/v1/auth/me", headers=bearer(token.json()["access_token"]))).json()
    assert me["area"] == TOWN_A and me["roles"] == ["township_officer"]
    # Users are not shared with other services: no events.
    async with app.state.engine.connect() as conn:
        assert (await conn.execute(outbox.select())).first() is None


async def test_a_deactivated_user_cannot_log_in(client, tokens, areas):
    user = (await client.post("/v1/users", json=user_body(), headers=admin_headers(tokens))).json()
    body = user_body() | {"active": False}
    del body["password"]
    response = await client.put(
        f"/v1/users/{user['id']}", json=body, headers={**admin_headers(tokens), "If-Match": '"1"'}
    )
    assert response.status_code == 200 and response.json()["active"] is False
    assert (await login(client, "huangtian")).status_code == 400


async def test_password_reset_changes_the_login_and_validates_length(client, tokens, areas):
    user = (await client.post("/v1/users", json=user_body(), headers=admin_headers(tokens))).json()
    url = f"/v1/users/{user['id']}/password"
    short = await client.post(url, json={"password": "short"}, headers=admin_headers(tokens))
    assert short.status_code == 422 and "password" in field_errors(short)
    stale = await client.post(
        url,
        json={"password": "new-pass-2026"},
        headers={**admin_headers(tokens), "If-Match": '"9"'},
    )
    assert stale.status_code == 412
    reset = await client.post(
        url, json={"password": "new-pass-2026"}, headers=admin_headers(tokens)
    )
    assert reset.status_code == 200 and reset.headers["ETag"] == '"2"'
    assert "new-pass-2026" not in reset.text and "argon2" not in reset.text
    assert (await login(client, "huangtian")).status_code == 400
    assert (await login(client, "huangtian", "new-pass-2026")).status_code == 200


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"roles": []}, "roles"),
        ({"roles": ["service"]}, "roles"),
        ({"roles": ["machine", "leader"]}, "roles"),
        ({"roles": ["mayor"]}, "roles.0"),
        ({"username": "ab"}, "username"),
        ({"username": "Wang Wei"}, "username"),
        ({"username": "a" * 41}, "username"),
        ({"password": "1234567"}, "password"),
        ({"area_code": "331126999"}, "area_code"),
        ({"area_code": "3311261"}, "area_code"),
        ({"roles": ["cadre"]}, "cadre_id"),
        ({"cadre_id": str(uuid.uuid4())}, "cadre_id"),
        ({"roles": ["cadre"], "cadre_id": str(uuid.uuid4())}, "cadre_id"),
    ],
)
async def test_invalid_users_are_refused_on_the_field(client, tokens, areas, overrides, field):
    response = await client.post(
        "/v1/users", json=user_body(**overrides), headers=admin_headers(tokens)
    )
    assert response.status_code == 422, response.text
    assert field in field_errors(response)


async def test_cadre_users_name_one_cadre_each_and_get_it_in_their_token(
    app, client, tokens, areas
):
    cadre_id = await add_cadre(app)
    body = user_body(username="liwei", roles=["cadre", "township_officer"], cadre_id=str(cadre_id))
    created = await client.post("/v1/users", json=body, headers=admin_headers(tokens))
    assert created.status_code == 201, created.text
    assert created.json()["roles"] == ["cadre", "township_officer"]
    token = (await login(client, "liwei")).json()["access_token"]
    me = (await client.get("/v1/auth/me", headers=bearer(token))).json()
    assert me["cadre_id"] == str(cadre_id)

    again = await client.post(
        "/v1/users", json=body | {"username": "liwei2"}, headers=admin_headers(tokens)
    )
    assert again.status_code == 409 and "liwei" in again.json()["detail"]
    assert again.json()["type"] == "/problems/cadre-has-user"


async def test_usernames_are_unique(client, tokens, areas):
    first = await client.post("/v1/users", json=user_body(), headers=admin_headers(tokens))
    again = await client.post("/v1/users", json=user_body(), headers=admin_headers(tokens))
    assert again.status_code == 409 and first.json()["id"] in again.json()["detail"]
    assert again.json()["type"] == "/problems/duplicate-username"


async def test_only_county_admins_and_only_in_their_area(app, client, tokens, areas):
    inside = (
        await client.post("/v1/users", json=user_body(), headers=admin_headers(tokens))
    ).json()
    outsider = (
        await client.post(
            "/v1/users",
            json=user_body(username="longgong", area_code=TOWN_B),
            headers=admin_headers(tokens),
        )
    ).json()
    for role in (Role.TOWNSHIP_OFFICER, Role.LEADER, Role.CADRE, Role.MACHINE):
        headers = tokens.headers(role, area=COUNTY)
        assert (await client.get("/v1/users", headers=headers)).status_code == 403
        assert (await client.get(f"/v1/users/{inside['id']}", headers=headers)).status_code == 403
        post = await client.post("/v1/users", json=user_body(username="x1"), headers=headers)
        assert post.status_code == 403

    town_admin = admin_headers(tokens, area=TOWN_A)
    listed = await client.get("/v1/users", headers=town_admin)
    assert [u["username"] for u in listed.json()["items"]] == ["huangtian"]
    hidden = await client.get(f"/v1/users/{outsider['id']}", headers=town_admin)
    assert hidden.status_code == 404
    # Nor may they hand out a wider scope than their own.
    wider = await client.post(
        "/v1/users", json=user_body(username="county", area_code=COUNTY), headers=town_admin
    )
    assert wider.status_code == 422 and "area_code" in field_errors(wider)


async def test_update_needs_if_match_and_filters_work(app, client, tokens, areas):
    user = (await client.post("/v1/users", json=user_body(), headers=admin_headers(tokens))).json()
    await client.post(
        "/v1/users",
        json=user_body(username="leader", roles=["leader"], area_code=COUNTY),
        headers=admin_headers(tokens),
    )
    body = user_body(display_name="黄田镇干部甲")
    del body["password"]
    url = f"/v1/users/{user['id']}"
    assert (await client.put(url, json=body, headers=admin_headers(tokens))).status_code == 428
    updated = await client.put(url, json=body, headers={**admin_headers(tokens), "If-Match": '"1"'})
    assert updated.json()["display_name"] == "黄田镇干部甲" and updated.headers["ETag"] == '"2"'

    by_role = await client.get(
        "/v1/users", params={"role": "leader"}, headers=admin_headers(tokens)
    )
    assert [u["username"] for u in by_role.json()["items"]] == ["leader"]
    by_area = await client.get("/v1/users", params={"area": TOWN_A}, headers=admin_headers(tokens))
    assert [u["username"] for u in by_area.json()["items"]] == ["huangtian"]
    async with app.state.sessionmaker() as session:
        stored = await session.get(User, uuid.UUID(user["id"]))
        assert stored is not None and stored.password_hash.startswith("$argon2")
