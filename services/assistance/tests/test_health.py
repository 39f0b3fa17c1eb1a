import pytest

pytestmark = pytest.mark.smoke


async def test_health_and_readiness(client):
    assert (await client.get("/healthz")).json() == {"status": "ok"}
    ready = await client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["status"] == "ready"


async def test_feed_needs_a_token(client):
    response = await client.get("/v1/feeds/assistance")
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"
