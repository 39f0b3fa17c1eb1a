"""Per-client rate limit: a burst is allowed, then 429 with Retry-After, per IP and user."""

import httpx

from gateway.tests.conftest import gateway_client, gateway_settings
from kit.auth import Role
from kit.problems import PROBLEM_JSON
from kit.testing import KeyFiles, TokenFactory


async def test_a_client_past_its_burst_gets_429_with_retry_after(
    upstreams: dict[str, str], tokens: TokenFactory, test_keys: KeyFiles
) -> None:
    settings = gateway_settings(
        upstreams, rate_limit_per_second=0.5, rate_limit_burst=3, trusted_jwks_file=test_keys.jwks
    )
    cadre = {"Authorization": f"Bearer {tokens.token(Role.CADRE, subject='cadre-1')}"}
    other = {"Authorization": f"Bearer {tokens.token(Role.CADRE, subject='cadre-2')}"}
    async with gateway_client(settings) as gateway:
        allowed = [await gateway.get("/api/v1/areas", headers=cadre) for _ in range(3)]
        limited = await gateway.get("/api/v1/areas", headers=cadre)
        other_user = await gateway.get("/api/v1/areas", headers=other)
        web_app = await gateway.get("/households/1", headers=cadre)

    assert [r.status_code for r in allowed] == [200, 200, 200]
    assert limited.status_code == 429
    assert limited.headers["content-type"] == PROBLEM_JSON
    assert limited.json()["type"] == "/problems/rate-limited"
    assert limited.headers["retry-after"] == "2"  # one request's worth at 0.5 a second
    assert limited.headers["x-request-id"]
    # Another user behind the same address has their own bucket; the web app is not counted.
    assert other_user.status_code == 200
    assert web_app.status_code == 200


async def test_without_a_token_the_address_is_the_client(upstreams: dict[str, str]) -> None:
    settings = gateway_settings(upstreams, rate_limit_per_second=0.5, rate_limit_burst=2)
    async with gateway_client(settings) as gateway:
        statuses = [(await gateway.get("/api/v1/nonsense")).status_code for _ in range(3)]
        garbage_token = await gateway.get(
            "/api/v1/nonsense", headers={"Authorization": "Bearer not-a-jwt"}
        )

    assert statuses == [404, 404, 429]
    assert garbage_token.status_code == 429  # an unreadable token buys no bucket of its own


async def test_the_limit_can_be_turned_off(gateway: httpx.AsyncClient) -> None:
    statuses = {(await gateway.get("/api/v1/nonsense")).status_code for _ in range(100)}

    assert statuses == {404}


async def test_each_outside_client_has_its_own_bucket_at_the_clients_rate(
    upstreams: dict[str, str], tokens: TokenFactory, test_keys: KeyFiles
) -> None:
    settings = gateway_settings(
        upstreams,
        trusted_jwks_file=test_keys.jwks,
        rate_limit_per_second=0.5,
        rate_limit_burst=2,
        client_rate_limit_per_second=0.25,
        client_rate_limit_burst=5,
    )
    province = {"Authorization": f"Bearer {tokens.token(Role.MACHINE, subject='client:prov')}"}
    city = {"Authorization": f"Bearer {tokens.token(Role.MACHINE, subject='client:city')}"}
    person = {"Authorization": f"Bearer {tokens.token(Role.LEADER, subject='leader-1')}"}
    async with gateway_client(settings) as gateway:
        allowed = [await gateway.get("/api/v1/areas", headers=province) for _ in range(5)]
        limited = await gateway.get("/api/v1/areas", headers=province)
        other_client = await gateway.get("/api/v1/areas", headers=city)
        people = [
            (await gateway.get("/api/v1/areas", headers=person)).status_code for _ in range(3)
        ]

    assert [r.status_code for r in allowed] == [200] * 5  # past the people's burst of 2
    assert limited.status_code == 429 and limited.headers["retry-after"] == "4"
    assert limited.json()["type"] == "/problems/rate-limited"
    assert limited.headers["x-request-id"] and allowed[0].headers["x-request-id"]
    assert other_client.status_code == 200
    assert people == [200, 200, 429]  # people keep their own rate
