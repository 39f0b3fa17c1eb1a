import time

import httpx
import pytest

from kit.auth import Role
from kit.tokens import TokenVerifier
from registry.auth.service import ensure_service_clients
from registry.models import User
from registry.passwords import hash_secret

pytestmark = pytest.mark.smoke


async def add_user(app, **fields) -> User:
    async with app.state.sessionmaker.begin() as session:
        user = User(
            username=fields.get("username", "wang"),
            display_name=fields.get("display_name", "王干部"),
            password_hash=hash_secret(fields.get("password", "s3cret-pass")),
            roles=fields.get("roles", [Role.TOWNSHIP_OFFICER]),
            area_code=fields.get("area_code", "331126101"),
            active=fields.get("active", True),
        )
        session.add(user)
    return user


async def test_password_login_gives_a_token_that_says_who_and_where(app, client):
    await add_user(app, roles=[Role.TOWNSHIP_OFFICER, Role.CADRE], area_code="331126101")
    response = await client.post(
        "/v1/auth/token",
        data={"grant_type": "password", "username": "wang", "password": "s3cret-pass"},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["token_type"] == "bearer" and body["expires_in"] > 0

    me = await client.get(
        "/v1/auth/me", headers={"Authorization": f"Bearer {body['access_token']}"}
    )
    assert me.status_code == 200
    assert me.json()["roles"] == ["cadre", "township_officer"]
    assert me.json()["area"] == "331126101"
    assert me.json()["name"] == "王干部"


@pytest.mark.parametrize(
    ("username", "password", "active"),
    [("wang", "wrong", True), ("nobody", "s3cret-pass", True), ("wang", "s3cret-pass", False)],
)
async def test_wrong_name_password_or_disabled_user_gets_no_token(
    app, client, username, password, active
):
    await add_user(app, active=active)
    response = await client.post(
        "/v1/auth/token",
        data={"grant_type": "password", "username": username, "password": password},
    )
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"] == "/problems/invalid-grant"
    assert "access_token" not in response.text


async def test_service_client_credentials_and_the_published_keys_verify_it(app, client):
    async with app.state.sessionmaker.begin() as session:
        await ensure_service_clients(session, app.state.settings)
    response = await client.post(
        "/v1/auth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": "assistance",
            "client_secret": "dev-assistance-secret",
        },
    )
    assert response.status_code == 200, response.text
    token = response.json()["access_token"]

    # A verifier that knows nothing but the JWKS address fetches the key and accepts the token.
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        verifier = TokenVerifier(
            issuer="fumin-registry",
            audience="fumin",
            jwks_url="http://test/.well-known/jwks.json",
            http=http,
        )
        claims = await verifier.verify(token)
    assert claims["roles"] == ["service"]
    assert claims["exp"] > time.time()


async def test_unknown_grant_type_is_refused_with_a_problem(client):
    response = await client.post("/v1/auth/token", data={"grant_type": "implicit"})
    assert response.status_code == 400
    assert response.json()["type"] == "/problems/unsupported-grant-type"


async def test_me_without_a_token_is_401(client):
    response = await client.get("/v1/auth/me")
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


async def test_health_and_readiness(client):
    assert (await client.get("/healthz")).json() == {"status": "ok"}
    ready = await client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["status"] == "ready"
