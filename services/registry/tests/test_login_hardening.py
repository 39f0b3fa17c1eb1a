"""Login hardening: slowed and locked failures, refresh-token rotation, password changes."""

import uuid
from datetime import timedelta
from types import SimpleNamespace

import pytest
from argon2 import PasswordHasher
from sqlmodel import col, select

from kit.auth import Role
from kit.db import utcnow
from registry.auth.lockout import UnknownNames
from registry.models import RefreshToken, User
from registry.passwords import hash_secret, needs_rehash, verify_secret
from registry.tests.factories import COUNTY, bearer

PASSWORD = "s3cret-pass"


@pytest.fixture(autouse=True)
def quick_failures(app, monkeypatch):
    """No delay on failures (the delay test sets its own), and no unknown names remembered."""
    monkeypatch.setattr(app.state.settings, "login_delay_step_seconds", 0.0)
    app.state.unknown_login_names = UnknownNames()


async def add_user(app, username="wang", **fields) -> User:
    async with app.state.sessionmaker.begin() as session:
        user = User(
            username=username,
            display_name=fields.get("display_name", "王干部"),
            password_hash=fields.get("password_hash") or hash_secret(PASSWORD),
            roles=fields.get("roles", [Role.TOWNSHIP_OFFICER]),
            area_code=fields.get("area_code", "331126101"),
        )
        session.add(user)
    return user


async def stored(app, user_id) -> User:
    async with app.state.sessionmaker() as session:
        user = await session.get(User, user_id)
        assert user is not None
        return user


async def change(app, user_id, **fields) -> None:
    async with app.state.sessionmaker.begin() as session:
        user = await session.get(User, user_id)
        assert user is not None
        for name, value in fields.items():
            setattr(user, name, value)


async def login(client, username="wang", password=PASSWORD):
    return await client.post(
        "/v1/auth/token",
        data={"grant_type": "password", "username": username, "password": password},
    )


async def use_refresh(client, token):
    return await client.post(
        "/v1/auth/token", data={"grant_type": "refresh_token", "refresh_token": token}
    )


async def me(client, access_token):
    return await client.get("/v1/auth/me", headers=bearer(access_token))


def problem_text(response) -> tuple[str, str, str]:
    body = response.json()
    return body["type"], body["title"], body.get("detail", "")


# --- failures: locked, then unlocked -----------------------------------------------------------


@pytest.mark.smoke
async def test_five_failures_lock_the_account_even_against_the_right_password(app, client):
    user = await add_user(app)
    for _ in range(4):
        response = await login(client, password="wrong-pass")
        assert response.status_code == 400
        assert response.json()["type"] == "/problems/invalid-grant"

    fifth = await login(client, password="wrong-pass")
    assert fifth.status_code == 423
    assert fifth.json()["type"] == "/problems/account-locked"

    right = await login(client)
    assert right.status_code == 423
    assert "access_token" not in right.text
    assert 14 * 60 < int(right.headers["retry-after"]) <= 15 * 60
    assert right.json()["retry_after"] == int(right.headers["retry-after"])
    # The answer is the same whether the password was right or wrong.
    wrong = await login(client, password="wrong-pass")
    assert wrong.status_code == 423 and problem_text(wrong) == problem_text(right)

    row = await stored(app, user.id)
    assert row.failed_logins == 5
    assert row.locked_until is not None and row.locked_until > utcnow() + timedelta(minutes=14)


async def test_the_lock_ends_after_its_time_and_a_success_clears_it(app, client):
    user = await add_user(app)
    for _ in range(5):
        await login(client, password="wrong-pass")
    assert (await login(client)).status_code == 423

    await change(app, user.id, locked_until=utcnow() - timedelta(seconds=1))
    response = await login(client)
    assert response.status_code == 200, response.text
    row = await stored(app, user.id)
    assert (row.failed_logins, row.locked_until) == (0, None)


async def test_a_success_resets_the_count_of_failures(app, client):
    user = await add_user(app)
    for _ in range(4):
        await login(client, password="wrong-pass")
    assert (await login(client)).status_code == 200
    assert (await stored(app, user.id)).failed_logins == 0
    for _ in range(4):
        assert (await login(client, password="wrong-pass")).status_code == 400
    assert (await login(client)).status_code == 200


async def test_an_unknown_name_answers_like_a_known_one_and_reveals_nothing(app, client, set_clock):
    set_clock("2026-06-01T09:00:00+08:00")  # both locks counted from the same instant
    await add_user(app)
    known = [await login(client, "wang", "wrong-pass") for _ in range(6)]
    unknown = [await login(client, "nobody", "wrong-pass") for _ in range(6)]
    assert [r.status_code for r in known] == [r.status_code for r in unknown]
    assert [r.status_code for r in unknown] == [400, 400, 400, 400, 423, 423]
    assert [problem_text(r) for r in known] == [problem_text(r) for r in unknown]
    assert unknown[-1].headers["retry-after"] == known[-1].headers["retry-after"]


async def test_each_failure_answers_more_slowly_up_to_a_cap(app, client, monkeypatch):
    monkeypatch.setattr(app.state.settings, "login_delay_step_seconds", 0.25)
    monkeypatch.setattr(app.state.settings, "login_delay_max_seconds", 0.5)
    # The pauses the service takes, recorded rather than timed: timing a loaded machine is noise.
    pauses: list[float] = []

    async def pause(seconds: float) -> None:
        pauses.append(seconds)

    monkeypatch.setattr("registry.auth.service.asyncio", SimpleNamespace(sleep=pause))
    await add_user(app)
    for _ in range(3):
        assert (await login(client, password="wrong-pass")).status_code == 400
    assert pauses == [0.25, 0.5, 0.5]  # growing with each failure, then capped
    assert (await login(client)).status_code == 200
    assert pauses == [0.25, 0.5, 0.5]  # a success is not slowed


async def test_a_hash_made_with_older_parameters_is_renewed_at_login(app, client):
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(PASSWORD)
    user = await add_user(app, password_hash=weak)
    assert needs_rehash(weak)

    assert (await login(client)).status_code == 200
    renewed = (await stored(app, user.id)).password_hash
    assert renewed != weak and not needs_rehash(renewed)
    assert verify_secret(renewed, PASSWORD)
    assert (await login(client)).status_code == 200


# --- refresh tokens ------------------------------------------------------------------------------


@pytest.mark.smoke
async def test_a_refresh_token_gives_new_tokens_once_and_is_replaced(app, client):
    user = await add_user(app)
    first = (await login(client)).json()
    assert first["refresh_token"] and first["token_type"] == "bearer"

    second = await use_refresh(client, first["refresh_token"])
    assert second.status_code == 200, second.text
    body = second.json()
    assert body["refresh_token"] != first["refresh_token"]
    assert (await me(client, body["access_token"])).json()["subject"] == str(user.id)

    third = await use_refresh(client, body["refresh_token"])
    assert third.status_code == 200
    async with app.state.sessionmaker() as session:
        rows = (await session.execute(select(RefreshToken))).scalars().all()
    # Only hashes are kept; all three of one family; the two used ones are marked.
    assert len({r.family_id for r in rows}) == 1 and len(rows) == 3
    assert first["refresh_token"] not in {r.token_hash for r in rows}
    assert sum(r.used_at is not None for r in rows) == 2


async def test_a_reused_refresh_token_revokes_its_whole_family(app, client):
    await add_user(app)
    stolen = (await login(client)).json()["refresh_token"]
    other_login = (await login(client)).json()["refresh_token"]
    rotated = (await use_refresh(client, stolen)).json()["refresh_token"]

    reuse = await use_refresh(client, stolen)
    assert reuse.status_code == 400
    assert reuse.json()["type"] == "/problems/invalid-grant"
    # The rightful holder's newer token is revoked too; the other login is untouched.
    assert (await use_refresh(client, rotated)).status_code == 400
    assert (await use_refresh(client, other_login)).status_code == 200


async def test_an_expired_or_unknown_refresh_token_is_refused(app, client):
    await add_user(app)
    token = (await login(client)).json()["refresh_token"]
    async with app.state.sessionmaker.begin() as session:
        row = (await session.execute(select(RefreshToken))).scalars().one()
        row.expires_at = utcnow() - timedelta(seconds=1)
    assert (await use_refresh(client, token)).status_code == 400
    assert (await use_refresh(client, "not-a-token")).status_code == 400


async def test_a_refreshed_token_carries_the_users_current_roles_and_area(app, client):
    user = await add_user(app, roles=[Role.TOWNSHIP_OFFICER], area_code="331126101")
    token = (await login(client)).json()["refresh_token"]
    await change(app, user.id, roles=[Role.LEADER], area_code=COUNTY, display_name="王领导")

    body = (await use_refresh(client, token)).json()
    who = (await me(client, body["access_token"])).json()
    assert (who["roles"], who["area"], who["name"]) == (["leader"], COUNTY, "王领导")


@pytest.mark.parametrize("block", ["deactivated", "locked"])
async def test_a_deactivated_or_locked_user_cannot_refresh(app, client, block):
    user = await add_user(app)
    token = (await login(client)).json()["refresh_token"]
    if block == "deactivated":
        await change(app, user.id, active=False)
    else:
        await change(app, user.id, locked_until=utcnow() + timedelta(minutes=5))
    response = await use_refresh(client, token)
    assert response.status_code == 400
    assert "access_token" not in response.text


async def test_logout_revokes_the_family_of_the_token(app, client):
    await add_user(app)
    first = (await login(client)).json()["refresh_token"]
    current = (await use_refresh(client, first)).json()["refresh_token"]

    response = await client.post("/v1/auth/logout", json={"refresh_token": current})
    assert response.status_code == 204
    assert (await use_refresh(client, current)).status_code == 400
    # An unknown token logs out quietly too (nothing to tell a guesser).
    unknown = await client.post("/v1/auth/logout", json={"refresh_token": "whatever"})
    assert unknown.status_code == 204


# --- password change and reset -------------------------------------------------------------------


async def test_a_user_changes_their_password_and_old_sessions_end(app, client):
    user = await add_user(app)
    first = (await login(client)).json()
    response = await client.post(
        "/v1/auth/password",
        json={"current_password": PASSWORD, "new_password": "a-new-pass-9"},
        headers=bearer(first["access_token"]),
    )
    assert response.status_code == 204, response.text
    assert (await login(client)).status_code == 400
    assert (await login(client, password="a-new-pass-9")).status_code == 200
    assert (await use_refresh(client, first["refresh_token"])).status_code == 400
    assert (await stored(app, user.id)).version == 2


async def test_a_wrong_current_password_is_refused_and_counts_toward_the_lock(app, client):
    user = await add_user(app)
    access = (await login(client)).json()["access_token"]
    for _ in range(4):
        await login(client, password="wrong-pass")
    response = await client.post(
        "/v1/auth/password",
        json={"current_password": "wrong-pass", "new_password": "a-new-pass-9"},
        headers=bearer(access),
    )
    assert response.status_code == 423  # the fifth failure in a row
    assert (await stored(app, user.id)).failed_logins == 5
    assert (await login(client)).status_code == 423


async def test_a_wrong_current_password_answers_400(app, client):
    user = await add_user(app)
    access = (await login(client)).json()["access_token"]
    response = await client.post(
        "/v1/auth/password",
        json={"current_password": "wrong-pass", "new_password": "a-new-pass-9"},
        headers=bearer(access),
    )
    assert response.status_code == 400
    assert response.json()["type"] == "/problems/wrong-password"
    assert (await stored(app, user.id)).failed_logins == 1
    assert (await login(client)).status_code == 200


@pytest.mark.parametrize("new_password", ["short", "wangwang", PASSWORD])
async def test_a_new_password_must_be_long_and_differ_from_name_and_current(
    app, client, new_password
):
    await add_user(app, username="wangwang")
    access = (await login(client, "wangwang")).json()["access_token"]
    response = await client.post(
        "/v1/auth/password",
        json={"current_password": PASSWORD, "new_password": new_password},
        headers=bearer(access),
    )
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["new_password"]
    assert (await login(client, "wangwang")).status_code == 200


async def test_only_a_user_may_change_a_password(client, tokens):
    body = {"current_password": PASSWORD, "new_password": "a-new-pass-9"}
    machine = tokens.headers(Role.MACHINE, subject="client:province")
    stranger = tokens.headers(Role.LEADER, subject=str(uuid.uuid4()))
    assert (await client.post("/v1/auth/password", json=body, headers=machine)).status_code == 403
    assert (await client.post("/v1/auth/password", json=body, headers=stranger)).status_code == 403
    assert (await client.post("/v1/auth/password", json=body)).status_code == 401


async def test_an_admin_reset_unlocks_and_ends_sessions(app, client, tokens):
    user = await add_user(app)
    token = (await login(client)).json()["refresh_token"]
    for _ in range(5):
        await login(client, password="wrong-pass")

    response = await client.post(
        f"/v1/users/{user.id}/password",
        json={"password": "reset-pass-1"},
        headers=tokens.headers(Role.COUNTY_ADMIN, area=COUNTY),
    )
    assert response.status_code == 200, response.text
    row = await stored(app, user.id)
    assert (row.failed_logins, row.locked_until) == (0, None)
    assert (await use_refresh(client, token)).status_code == 400
    assert (await login(client, password="reset-pass-1")).status_code == 200
    async with app.state.sessionmaker() as session:
        live = await session.execute(
            select(RefreshToken).where(col(RefreshToken.revoked_at).is_(None))
        )
    assert len(live.scalars().all()) == 1  # only the login just now
