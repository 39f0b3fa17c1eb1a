"""Security headers on everything the gateway answers: proxied, its own problems, the web app."""

import httpx
import pytest

from gateway.tests.conftest import gateway_client, gateway_settings


def assert_secured(response: httpx.Response) -> None:
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp.split("script-src", 1)[1].split(";", 1)[0]
    permissions = response.headers["permissions-policy"]
    assert "geolocation=(self)" in permissions and "camera=(self)" in permissions


@pytest.mark.smoke
async def test_every_kind_of_response_carries_the_security_headers(
    gateway: httpx.AsyncClient,
) -> None:
    responses = [
        await gateway.get("/api/v1/households/h-1"),  # proxied
        await gateway.get("/api/v1/nonsense"),  # the gateway's own problem
        await gateway.get("/api/v1/indicators"),  # a service that is down
        await gateway.get("/"),  # the web app's page
    ]

    assert [r.status_code for r in responses] == [200, 404, 502, 200]
    for response in responses:
        assert_secured(response)
        assert "strict-transport-security" not in response.headers


async def test_hsts_only_when_the_deployment_is_behind_https(upstreams: dict[str, str]) -> None:
    async with gateway_client(gateway_settings(upstreams, behind_https=True)) as gateway:
        response = await gateway.get("/api/v1/households/h-1")

    assert response.headers["strict-transport-security"].startswith("max-age=31536000")
