"""Trust class 7: the rate limit is keyed on what the gateway can verify, never on what the
client says. Unsigned or forged tokens, made-up forwarding headers and a login's bearer header
buy no bucket of their own; a verified token's subject is one bucket wherever it calls from;
logins are limited per address and per address and name; with Redis, every replica takes from
the same buckets; the merged OpenAPI declares the 429 on every operation.
"""

import os
import uuid
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import parse_qs

import httpx
import pytest
from jose import jwt
from redis.asyncio import Redis

from gateway.app import create_app
from gateway.settings import GatewaySettings
from gateway.tests.conftest import gateway_settings
from gateway.tests.live_server import closed_port_url
from kit.auth import Role
from kit.testing import KeyFiles, TokenFactory
from kit.tokens import generate_private_pem, signing_key_from_pem

# A real Redis for the shared-store tests, e.g. redis://127.0.0.1:6379/15 (the Makefile sets it).
REDIS_URL = os.environ.get("FUMIN_TEST_REDIS_URL", "")
needs_redis = pytest.mark.skipif(not REDIS_URL, reason="FUMIN_TEST_REDIS_URL is not set")


def an_address() -> str:
    """A client address of the test's own, so buckets kept in a shared Redis never meet."""
    return f"10.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}"


def client_of(app: Any, address: str) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, client=(address, 40000))
    return httpx.AsyncClient(transport=transport, base_url="http://gateway")


@pytest.fixture
def limited(upstreams: dict[str, str], test_keys: KeyFiles) -> GatewaySettings:
    """Tight limits: people 3 at once (one more every 2 s), logins 6 an address, 2 a name."""
    return gateway_settings(
        upstreams,
        trusted_jwks_file=test_keys.jwks,
        rate_limit_per_second=0.5,
        rate_limit_burst=3,
        login_rate_limit_per_second=0.1,
        login_rate_limit_burst=6,
        login_name_rate_limit_per_second=0.1,
        login_name_rate_limit_burst=2,
    )


@pytest.fixture
async def gateway_app(limited: GatewaySettings) -> AsyncIterator[Any]:
    app = create_app(limited)
    yield app
    await app.state.http.aclose()


def forged(subject: str) -> str:
    """A well-formed token for ``subject`` signed with a key nobody trusts."""
    key = signing_key_from_pem(generate_private_pem())
    claims = {"sub": subject, "iss": "fumin-registry", "aud": "fumin", "exp": 4102444800}
    return jwt.encode(claims, key.private_pem, algorithm="RS256", headers={"kid": key.kid})


def unsigned(subject: str) -> str:
    return jwt.encode({"sub": subject}, "not-a-key", algorithm="HS256")


async def statuses(client: httpx.AsyncClient, count: int, **kwargs: Any) -> list[int]:
    return [(await client.get("/api/v1/areas", **kwargs)).status_code for _ in range(count)]


@pytest.mark.parametrize("make_token", [forged, unsigned], ids=["forged", "unsigned"])
async def test_made_up_tokens_share_the_address_bucket(gateway_app: Any, make_token: Any) -> None:
    made_up = [make_token(f"user-{n}") for n in range(5)]  # made first: keys take a while
    async with client_of(gateway_app, an_address()) as client:
        answers = [
            await client.get("/api/v1/areas", headers={"Authorization": f"Bearer {token}"})
            for token in made_up
        ]

    assert [a.status_code for a in answers] == [200, 200, 200, 429, 429]
    assert answers[3].headers["retry-after"] == "2"


async def test_forwarding_headers_a_client_sends_are_not_its_address(gateway_app: Any) -> None:
    async with client_of(gateway_app, an_address()) as client:
        answers = [
            (
                await client.get(
                    "/api/v1/areas",
                    headers={"X-Forwarded-For": f"192.0.2.{n}", "X-Real-IP": f"192.0.2.{n}"},
                )
            ).status_code
            for n in range(5)
        ]

    assert answers == [200, 200, 200, 429, 429]


async def test_a_verified_subject_is_one_bucket_from_any_address(
    gateway_app: Any, tokens: TokenFactory
) -> None:
    officer = {"Authorization": f"Bearer {tokens.token(Role.TOWNSHIP_OFFICER, subject='o-1')}"}
    async with (
        client_of(gateway_app, an_address()) as office,
        client_of(gateway_app, an_address()) as phone,
    ):
        from_office = await statuses(office, 2, headers=officer)
        from_phone = await statuses(phone, 2, headers=officer)
        anonymous_at_the_office = await statuses(office, 1)

    assert from_office + from_phone == [200, 200, 200, 429]
    assert anonymous_at_the_office == [200]  # the address's own bucket was not touched


async def login(client: httpx.AsyncClient, username: str, **headers: str) -> int:
    form = {"grant_type": "password", "username": username, "password": "guess"}
    response = await client.post("/api/v1/auth/token", data=form, headers=headers)
    return response.status_code


async def test_logins_are_limited_per_address_and_name_whatever_the_headers_say(
    limited: GatewaySettings,
) -> None:
    only_logins = limited.model_copy(update={"rate_limit_per_second": 0})
    app = create_app(only_logins)
    made_up = [forged(f"u-{n}") for n in range(3)]
    async with client_of(app, an_address()) as client:
        same_name = [
            await login(
                client,
                "zhang.san",
                Authorization=f"Bearer {token}",
                **{"X-Forwarded-For": f"198.51.100.{n}"},
            )
            for n, token in enumerate(made_up)
        ]
        # A name written otherwise is the same name.
        same_again = await login(client, " Zhang.San ")
        other_name = await login(client, "li.si")
        # Spraying: every name new, the address's login bucket (6) runs dry.
        spraying = [await login(client, f"name-{n}") for n in range(3)]
    await app.state.http.aclose()

    # The stub answers the form (200): what matters is which attempts reached it.
    assert same_name == [200, 200, 429]
    assert same_again == 429
    assert other_name == 200
    assert spraying == [200, 429, 429]


async def test_the_login_form_still_reaches_the_service_whole(gateway_app: Any) -> None:
    async with client_of(gateway_app, an_address()) as client:
        form = {"grant_type": "password", "username": "王五", "password": "p&ss=word"}
        response = await client.post("/api/v1/auth/token", data=form)

    assert response.status_code == 200
    assert parse_qs(response.json()["body"]) == {name: [value] for name, value in form.items()}


async def test_refreshing_a_session_is_not_a_login_attempt(gateway_app: Any) -> None:
    async with client_of(gateway_app, an_address()) as client:
        answers = [
            (
                await client.post(
                    "/api/v1/auth/token", data={"grant_type": "refresh_token", "refresh_token": "x"}
                )
            ).status_code
            for _ in range(3)
        ]

    assert answers == [200, 200, 200]  # within the address's 3; the login buckets untouched


@needs_redis
async def test_two_gateways_sharing_redis_see_one_limit(limited: GatewaySettings) -> None:
    redis = Redis.from_url(REDIS_URL)
    try:
        assert await redis.ping(), f"no Redis answers at {REDIS_URL}"
    finally:
        await redis.aclose()
    shared = limited.model_copy(update={"rate_limit_redis_url": REDIS_URL})
    first, second = create_app(shared), create_app(shared)
    address = an_address()
    try:
        async with client_of(first, address) as one, client_of(second, address) as two:
            answers = [
                *await statuses(one, 2),
                *await statuses(two, 1),
                *await statuses(one, 1),
                *await statuses(two, 1),
            ]
    finally:
        for app in (first, second):
            await app.state.http.aclose()
            await app.state.rate_limit_store.aclose()

    assert answers == [200, 200, 200, 429, 429]


async def test_each_gateway_counts_alone_in_memory(limited: GatewaySettings) -> None:
    first, second = create_app(limited), create_app(limited)
    address = an_address()
    async with client_of(first, address) as one, client_of(second, address) as two:
        answers = [*await statuses(one, 3), *await statuses(two, 3)]
    for app in (first, second):
        await app.state.http.aclose()

    assert answers == [200] * 6


async def test_without_redis_each_gateway_limits_on_its_own(limited: GatewaySettings) -> None:
    away = limited.model_copy(
        update={"rate_limit_redis_url": closed_port_url().replace("http", "redis")}
    )
    app = create_app(away)
    try:
        async with client_of(app, an_address()) as client:
            answers = await statuses(client, 4)
    finally:
        await app.state.http.aclose()
        await app.state.rate_limit_store.aclose()

    assert answers == [200, 200, 200, 429]


async def test_the_merged_document_declares_the_429_on_every_operation(
    gateway: httpx.AsyncClient,
) -> None:
    document = (await gateway.get("/api/openapi.json")).json()

    operations = [
        operation
        for item in document["paths"].values()
        for method, operation in item.items()
        if method in {"get", "put", "post", "patch", "delete"}
    ]
    assert operations
    for operation in operations:
        declared = operation["responses"]["429"]
        assert declared["content"] == {"application/problem+json": {}}
        assert declared["headers"]["Retry-After"]["schema"] == {"type": "integer", "minimum": 1}
