"""Ending access is real (issue 14, class 2): a token that worked is refused by every service
within seconds after what ended it — logout, a password change or reset, deactivation, a change
of roles or area, a client revoked or given a new secret — while a token issued after it works.

The real processes (tests/conftest.py's system) on a fresh database, each service asked on its own
port, as the services poll the registry's revocations as they do in production.
"""

import secrets
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from tests.processes import ADMIN_PASSWORD, System

SERVICES = ("registry", "assistance", "indicators")
# Each service's read that any person's token may make (and a client's with its scope).
PROBES = {
    "registry": "/v1/auth/me",
    "assistance": "/v1/measure-types",
    "indicators": "/v1/indicators",
}
# Generous against a loaded machine; docs/security.md states the bound (about 2 s polling).
WITHIN_SECONDS = 20.0
COUNTY, TOWNSHIP = "331126", "331126101"
PASSWORD = "Revoke-test-2026!"

pytestmark = [pytest.mark.system]


@pytest.fixture(scope="module")
def http(system: System) -> Iterator[dict[str, httpx.Client]]:
    """A client of each service's own port (the system of tests/conftest.py)."""
    clients = {
        name: httpx.Client(base_url=system.urls[name], timeout=30, trust_env=False)
        for name in SERVICES
    }
    yield clients
    for client in clients.values():
        client.close()


def grant(registry: httpx.Client, **form: str) -> dict[str, Any]:
    answer = registry.post("/v1/auth/token", data=form)
    assert answer.status_code == 200, answer.text
    body: dict[str, Any] = answer.json()
    return body


def bearer(access_token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {access_token}"}


@pytest.fixture(scope="module")
def admin_headers(system: System, http: dict[str, httpx.Client]) -> dict[str, str]:
    registry = http["registry"]
    admin = bearer(
        grant(registry, grant_type="password", username="admin", password=ADMIN_PASSWORD)[
            "access_token"
        ]
    )
    for code, name in ((COUNTY, "庆元县"), (TOWNSHIP, "黄田镇")):
        area = {"code": code, "name": name, "edition": 2023, "size_class": None}
        made = registry.post("/v1/areas", json=area, headers=admin)
        assert made.status_code in (201, 409), made.text
    return admin


def statuses(http: dict[str, httpx.Client], headers: dict[str, str]) -> dict[str, int]:
    return {name: http[name].get(PROBES[name], headers=headers).status_code for name in SERVICES}


def assert_works(http: dict[str, httpx.Client], headers: dict[str, str]) -> None:
    assert statuses(http, headers) == dict.fromkeys(SERVICES, 200)


def assert_refused_soon(http: dict[str, httpx.Client], headers: dict[str, str]) -> None:
    """Every service answers 401 to ``headers`` within the bound (and keeps doing so)."""
    deadline = time.monotonic() + WITHIN_SECONDS
    seen = statuses(http, headers)
    while seen != dict.fromkeys(SERVICES, 401) and time.monotonic() < deadline:
        time.sleep(0.25)
        seen = statuses(http, headers)
    assert seen == dict.fromkeys(SERVICES, 401), f"still accepted after the trigger: {seen}"


def new_user(http: dict[str, httpx.Client], admin: dict[str, str], **fields: Any) -> dict[str, Any]:
    body = {
        "username": f"u{secrets.token_hex(4)}",
        "display_name": "吴试验",
        "roles": ["township_officer"],
        "area_code": TOWNSHIP,
        "password": PASSWORD,
    } | fields
    made = http["registry"].post("/v1/users", json=body, headers=admin)
    assert made.status_code == 201, made.text
    user: dict[str, Any] = made.json()
    return user


def login(http: dict[str, httpx.Client], user: dict[str, Any], password: str = PASSWORD) -> Any:
    return grant(
        http["registry"], grant_type="password", username=user["username"], password=password
    )


def edit_user(
    http: dict[str, httpx.Client], admin: dict[str, str], user: dict[str, Any], **change: Any
) -> None:
    fields = ("username", "display_name", "roles", "area_code", "cadre_id", "active")
    body = {name: user[name] for name in fields} | change
    headers = admin | {"If-Match": f'"{user["version"]}"'}
    edited = http["registry"].put(f"/v1/users/{user['id']}", json=body, headers=headers)
    assert edited.status_code == 200, edited.text


def refreshed(http: dict[str, httpx.Client], refresh_token: str) -> httpx.Response:
    return http["registry"].post(
        "/v1/auth/token", data={"grant_type": "refresh_token", "refresh_token": refresh_token}
    )


def test_logout_ends_the_access_token_everywhere(
    http: dict[str, httpx.Client], admin_headers: dict[str, str]
) -> None:
    session = login(http, new_user(http, admin_headers))
    headers = bearer(session["access_token"])
    assert_works(http, headers)

    out = http["registry"].post("/v1/auth/logout", json={"refresh_token": session["refresh_token"]})
    assert out.status_code == 204, out.text

    assert_refused_soon(http, headers)
    assert refreshed(http, session["refresh_token"]).status_code == 400


def test_a_password_change_ends_the_old_tokens_and_the_new_login_works_at_once(
    http: dict[str, httpx.Client], admin_headers: dict[str, str]
) -> None:
    user = new_user(http, admin_headers)
    old = bearer(login(http, user)["access_token"])
    assert_works(http, old)

    change = {"current_password": PASSWORD, "new_password": "Another-pass-2026!"}
    assert http["registry"].post("/v1/auth/password", json=change, headers=old).status_code == 204
    fresh = bearer(login(http, user, "Another-pass-2026!")["access_token"])  # same second, too

    assert_refused_soon(http, old)
    assert_works(http, fresh)


def test_an_admin_password_reset_ends_the_old_tokens(
    http: dict[str, httpx.Client], admin_headers: dict[str, str]
) -> None:
    user = new_user(http, admin_headers)
    old = bearer(login(http, user)["access_token"])
    assert_works(http, old)

    reset = http["registry"].post(
        f"/v1/users/{user['id']}/password",
        json={"password": "Reset-by-admin-2026!"},
        headers=admin_headers,
    )
    assert reset.status_code == 200, reset.text

    assert_refused_soon(http, old)


def test_deactivation_ends_the_tokens_and_the_refresh(
    http: dict[str, httpx.Client], admin_headers: dict[str, str]
) -> None:
    user = new_user(http, admin_headers)
    session = login(http, user)
    headers = bearer(session["access_token"])
    assert_works(http, headers)

    edit_user(http, admin_headers, user, active=False)

    assert_refused_soon(http, headers)
    refused = refreshed(http, session["refresh_token"])
    assert refused.status_code == 400
    assert refused.json()["type"] == "/problems/account-deactivated"


@pytest.mark.parametrize(
    "change",
    [
        pytest.param({"roles": ["leader"]}, id="role"),
        pytest.param({"area_code": COUNTY}, id="area"),
    ],
)
def test_a_change_of_role_or_area_ends_the_old_token_and_a_refresh_carries_the_new(
    http: dict[str, httpx.Client], admin_headers: dict[str, str], change: dict[str, Any]
) -> None:
    user = new_user(http, admin_headers)
    session = login(http, user)
    old = bearer(session["access_token"])
    assert_works(http, old)

    edit_user(http, admin_headers, user, **change)

    assert_refused_soon(http, old)
    renewed = refreshed(http, session["refresh_token"])
    assert renewed.status_code == 200, renewed.text
    fresh = bearer(renewed.json()["access_token"])
    assert_works(http, fresh)
    me = http["registry"].get("/v1/auth/me", headers=fresh).json()
    assert me["roles"] == change.get("roles", user["roles"])
    assert me["area"] == change.get("area_code", user["area_code"])


def new_client(http: dict[str, httpx.Client], admin: dict[str, str]) -> dict[str, Any]:
    body = {
        "name": f"省级平台 {secrets.token_hex(3)}",
        "scopes": ["indicators:read", "visits:read", "households:read"],
        "area_code": COUNTY,
    }
    made = http["registry"].post("/v1/clients", json=body, headers=admin)
    assert made.status_code == 201, made.text
    client: dict[str, Any] = made.json()
    return client


def client_token(http: dict[str, httpx.Client], client_id: str, secret: str) -> dict[str, str]:
    answer = grant(
        http["registry"],
        grant_type="client_credentials",
        client_id=client_id,
        client_secret=secret,
    )
    return bearer(answer["access_token"])


ClientAction = Callable[[httpx.Client, str, dict[str, str]], httpx.Response]


@pytest.mark.parametrize(
    "action",
    [
        pytest.param(
            lambda r, cid, h: r.post(f"/v1/clients/{cid}/revoke", headers=h), id="revoked"
        ),
        pytest.param(
            lambda r, cid, h: r.post(f"/v1/clients/{cid}/secret", headers=h), id="new-secret"
        ),
    ],
)
def test_a_client_revoked_or_given_a_new_secret_loses_its_tokens(
    http: dict[str, httpx.Client], admin_headers: dict[str, str], action: ClientAction
) -> None:
    client = new_client(http, admin_headers)
    headers = client_token(http, client["client_id"], client["client_secret"])
    assert_works(http, headers)

    done = action(http["registry"], client["client_id"], admin_headers)
    assert done.status_code == 200, done.text

    assert_refused_soon(http, headers)
    if "client_secret" in done.json():  # a new secret: tokens got with it work at once
        assert_works(http, client_token(http, client["client_id"], done.json()["client_secret"]))
