"""Passwords and lockout (issue 14, class 10): a common or plain password is refused wherever a
password is set; an admin sees and clears locks; an operator unlocks from the command line."""

from datetime import timedelta

import pytest

import registry.__main__ as cli
from kit.auth import Role
from kit.db import utcnow
from registry.demo.logins import DEMO_PASSWORD
from registry.models import User
from registry.passwords import hash_secret
from registry.tests.factories import COUNTY, TOWN_A, TOWN_B, bearer
from registry.users.schemas import UserCreate

PASSWORD = "s3cret-pass"

# Length was the only rule: each of these was accepted.
WEAK = [
    "12345678",  # digits only, and the most common of all
    "123456789",
    "woaini1314",  # the Chinese lists' favourites
    "qq123456",
    "a1234567",
    "5201314520",
    "Password2026!",  # a common word with digits and symbols around it
    "P@ssw0rd",
    "abcdefgh",  # one kind of character
    "Abcdefgh",  # two kinds, short
]


def user_body(**overrides):
    body = {
        "username": "zhaoliu",
        "display_name": "赵六",
        "roles": ["township_officer"],
        "area_code": TOWN_A,
        "password": PASSWORD,
    }
    return body | overrides


def field_errors(response):
    return {e["field"]: e["message"] for e in response.json().get("errors", [])}


async def add_user(app, username="wang", area_code=TOWN_A, **fields) -> User:
    async with app.state.sessionmaker.begin() as session:
        user = User(
            username=username,
            display_name="王干部",
            password_hash=hash_secret(PASSWORD),
            roles=[Role.TOWNSHIP_OFFICER],
            area_code=area_code,
            **fields,
        )
        session.add(user)
    return user


async def login(client, username="wang", password=PASSWORD):
    return await client.post(
        "/v1/auth/token",
        data={"grant_type": "password", "username": username, "password": password},
    )


# --- the rule, wherever a password is set ---------------------------------------------------


@pytest.mark.smoke
@pytest.mark.parametrize("password", WEAK)
async def test_a_new_user_with_a_common_or_plain_password_is_refused(
    client, admin, areas, password
):
    response = await client.post("/v1/users", json=user_body(password=password), headers=admin)
    assert response.status_code == 422, response.text
    assert "password" in field_errors(response)


async def test_the_username_is_no_password(client, admin, areas):
    body = user_body(username="zhaoliu2026", password="Zhaoliu2026")
    response = await client.post("/v1/users", json=body, headers=admin)
    assert response.status_code == 422, response.text
    assert "用户名" in field_errors(response)["password"]


@pytest.mark.parametrize("password", ["fumin-demo-2026", "Xk9#mPq2", "correct horse battery"])
async def test_varied_uncommon_passwords_are_taken(client, admin, areas, password):
    username = f"u{abs(hash(password)) % 10**8}"
    body = user_body(username=username, password=password)
    created = await client.post("/v1/users", json=body, headers=admin)
    assert created.status_code == 201, created.text
    assert (await login(client, username, password)).status_code == 200


def test_the_demo_password_passes_the_rule():
    # Every demo login is made through the users domain with it (registry/demo/logins.py).
    body = user_body(username="admin", password=DEMO_PASSWORD)
    assert UserCreate.model_validate(body).password == DEMO_PASSWORD


async def test_an_admin_reset_to_a_common_password_is_refused(app, client, admin, areas):
    user = await add_user(app)
    for password in ("12345678", "woaini1314", "wang-2026"):
        response = await client.post(
            f"/v1/users/{user.id}/password", json={"password": password}, headers=admin
        )
        assert response.status_code == 422, (password, response.text)
        assert "password" in field_errors(response)
    assert (await login(client)).status_code == 200  # the old one still holds


async def test_changing_ones_own_password_to_a_common_one_is_refused(app, client, areas):
    await add_user(app)
    access = (await login(client)).json()["access_token"]
    for new in ("123456789", "qq123456", "Qwerty123!"):
        response = await client.post(
            "/v1/auth/password",
            json={"current_password": PASSWORD, "new_password": new},
            headers=bearer(access),
        )
        assert response.status_code == 422, (new, response.text)
        assert "new_password" in field_errors(response)


# --- locks: seen and cleared by an admin -----------------------------------------------------


async def test_an_admin_lists_locked_accounts_and_clears_a_lock(app, client, admin, areas):
    locked = await add_user(app, failed_logins=5, locked_until=utcnow() + timedelta(minutes=15))
    await add_user(app, username="lisi", failed_logins=2)
    await add_user(  # a lock that has run out is no lock
        app, username="zhou", failed_logins=5, locked_until=utcnow() - timedelta(minutes=1)
    )
    assert (await login(client)).status_code == 423

    listed = await client.get("/v1/users", params={"locked": "true"}, headers=admin)
    assert listed.status_code == 200, listed.text
    assert [u["username"] for u in listed.json()["items"]] == ["wang"]
    assert listed.json()["items"][0]["locked_until"] is not None
    others = await client.get("/v1/users", params={"locked": "false"}, headers=admin)
    assert {u["username"] for u in others.json()["items"]} == {"lisi", "zhou"}
    assert all(u["locked_until"] is None for u in others.json()["items"])

    unlocked = await client.post(f"/v1/users/{locked.id}/unlock", headers=admin)
    assert unlocked.status_code == 200, unlocked.text
    assert unlocked.json()["locked_until"] is None
    assert (await login(client)).status_code == 200


async def test_only_an_admin_of_the_area_clears_a_lock(app, client, tokens, areas):
    user = await add_user(app, failed_logins=5, locked_until=utcnow() + timedelta(minutes=15))
    url = f"/v1/users/{user.id}/unlock"
    officer = tokens.headers(Role.TOWNSHIP_OFFICER, area=TOWN_A)
    other_admin = tokens.headers(Role.COUNTY_ADMIN, area=TOWN_B)
    assert (await client.post(url, headers=officer)).status_code == 403
    assert (await client.post(url, headers=other_admin)).status_code == 404
    assert (await login(client)).status_code == 423
    own_admin = tokens.headers(Role.COUNTY_ADMIN, area=COUNTY)
    assert (await client.post(url, headers=own_admin)).status_code == 200


async def test_an_operator_unlocks_the_county_admin_from_the_command_line(
    app, client, capsys, monkeypatch
):
    await add_user(
        app,
        username="admin",
        area_code="",
        failed_logins=5,
        locked_until=utcnow() + timedelta(minutes=15),
    )
    assert (await login(client, "admin")).status_code == 423
    # ``python -m registry unlock admin`` against this test's database
    monkeypatch.setattr(cli, "RegistrySettings", lambda: app.state.settings)
    await cli.main(["unlock", "admin"])
    assert "admin" in capsys.readouterr().out
    assert (await login(client, "admin")).status_code == 200
    with pytest.raises(SystemExit):
        await cli.main(["unlock", "nobody"])


async def test_the_operator_made_admin_lists_every_user_themselves_included(app, client, tokens):
    # ``python -m registry create-admin`` makes an admin of no area (everything): listing the users
    # as them (the app's 账号 screen) answered 500, their own row failing the area pattern.
    await add_user(app, username="admin", area_code="")
    await add_user(app, username="wang", locked_until=utcnow() + timedelta(minutes=15))
    headers = tokens.headers(Role.COUNTY_ADMIN, area="")
    listed = await client.get("/v1/users", headers=headers)
    assert listed.status_code == 200, listed.text
    assert {u["username"]: u["area_code"] for u in listed.json()["items"]} == {
        "admin": "",
        "wang": TOWN_A,
    }
    locked = await client.get("/v1/users", params={"locked": "true"}, headers=headers)
    assert [u["username"] for u in locked.json()["items"]] == ["wang"]
