import pytest

from registry.demo import DEMO_PASSWORD, load_demo
from registry.tests.factories import bearer

pytestmark = pytest.mark.smoke


async def login(client, username: str) -> dict[str, str]:
    response = await client.post(
        "/v1/auth/token",
        data={"grant_type": "password", "username": username, "password": DEMO_PASSWORD},
    )
    assert response.status_code == 200, response.text
    return bearer(response.json()["access_token"])


async def test_demo_county_loads_once_and_each_demo_login_sees_its_part(app, client):
    assert await load_demo(app) is True
    assert await load_demo(app) is False  # a second run changes nothing

    admin = await login(client, "admin")
    everything = (await client.get("/v1/households?limit=500", headers=admin)).json()["items"]
    assert len(everything) == 24

    officer = await login(client, "huangtian")
    township = (await client.get("/v1/households?limit=500", headers=officer)).json()["items"]
    assert township and all(h["village_code"].startswith("331126101") for h in township)

    cadre = await login(client, "cadre")
    paired = (await client.get("/v1/households?limit=500", headers=cadre)).json()["items"]
    assert paired and len(paired) < len(township)
    assert all(h["category"] == "low_income" for h in paired)

    leader = await login(client, "leader")
    assert (await client.get("/v1/households?limit=500", headers=leader)).status_code == 200
