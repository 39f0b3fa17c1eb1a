"""Outside platforms' clients: registered by the county admin, secret shown once, revocable."""

import pytest

from kit.auth import Role
from registry.auth.service import ensure_service_clients
from registry.tests.factories import COUNTY, TOWN_A

URL = "/v1/clients"


async def token(client, client_id: str, secret: str):
    return await client.post(
        "/v1/auth/token",
        data={"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret},
    )


async def register(client, admin, **body):
    body = {"name": "浙江省农民增收平台", "scopes": ["households:read", "feeds:read"]} | body
    body.setdefault("area_code", COUNTY)
    response = await client.post(URL, json=body, headers=admin)
    assert response.status_code == 201, response.text
    return response.json()


@pytest.mark.smoke
async def test_a_registered_client_gets_tokens_with_its_scopes_and_its_use_is_recorded(
    client, areas, admin
):
    created = await register(client, admin)
    secret = created.pop("client_secret")
    assert len(secret) >= 40 and created["last_used_at"] is None and created["active"]

    shown = (await client.get(f"{URL}/{created['client_id']}", headers=admin)).json()
    assert "client_secret" not in shown  # shown once, at creation only

    granted = await token(client, created["client_id"], secret)
    assert granted.status_code == 200, granted.text
    assert granted.json()["scope"] == "feeds:read households:read"
    me = await client.get(
        "/v1/auth/me", headers={"Authorization": f"Bearer {granted.json()['access_token']}"}
    )
    assert me.json()["roles"] == ["machine"] and me.json()["area"] == COUNTY

    used = (await client.get(f"{URL}/{created['client_id']}", headers=admin)).json()
    assert used["last_used_at"] is not None


async def test_revoking_stops_new_tokens_and_a_new_secret_replaces_the_old(client, areas, admin):
    created = await register(client, admin)
    old = created["client_secret"]
    renewed = await client.post(f"{URL}/{created['client_id']}/secret", headers=admin)
    assert renewed.status_code == 200
    new = renewed.json()["client_secret"]
    assert new != old
    assert (await token(client, created["client_id"], old)).status_code == 400
    assert (await token(client, created["client_id"], new)).status_code == 200

    revoked = await client.post(f"{URL}/{created['client_id']}/revoke", headers=admin)
    assert revoked.status_code == 200
    assert revoked.json()["active"] is False and revoked.json()["revoked_at"]
    assert (await token(client, created["client_id"], new)).status_code == 400
    again = await client.post(f"{URL}/{created['client_id']}/secret", headers=admin)
    assert again.status_code == 409
    assert again.json()["type"] == "/problems/client-revoked"


async def test_fumin_s_own_service_clients_are_listed_but_not_changed_here(
    app, client, areas, admin
):
    async with app.state.sessionmaker.begin() as session:
        await ensure_service_clients(session, app.state.settings)
    listed = (await client.get(URL, headers=admin)).json()["items"]
    assert {c["client_id"] for c in listed if c["service"]} == {"assistance", "indicators"}
    refused = await client.post(f"{URL}/assistance/revoke", headers=admin)
    assert refused.status_code == 409
    assert refused.json()["type"] == "/problems/service-client"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"scopes": ["households:write"]}, "scopes.0"),
        ({"scopes": []}, "scopes"),
        ({"area_code": "3311"}, "area_code"),  # no such area in the registry
        ({"name": "x"}, "name"),
    ],
)
async def test_bad_registrations_name_the_field(client, areas, admin, body, field):
    body = {"name": "省平台", "scopes": ["feeds:read"], "area_code": COUNTY} | body
    response = await client.post(URL, json=body, headers=admin)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == field


async def test_only_county_admins_manage_clients(client, areas, tokens):
    officer = tokens.headers(Role.TOWNSHIP_OFFICER, area=TOWN_A)
    assert (await client.get(URL, headers=officer)).status_code == 403
    body = {"name": "省平台", "scopes": ["feeds:read"], "area_code": TOWN_A}
    assert (await client.post(URL, json=body, headers=officer)).status_code == 403


async def test_a_client_reads_the_registry_only_with_the_households_scope(client, areas, tokens):
    feeds_only = tokens.headers(Role.MACHINE, area=COUNTY, scopes="feeds:read")
    refused = await client.get("/v1/households", headers=feeds_only)
    assert refused.status_code == 403
    assert refused.json()["scope"] == "households:read"
    feed = await client.get("/v1/feeds/registry", headers=feeds_only)
    assert feed.status_code == 200 and feed.json()["items"] == []  # open, but nothing in it
    reader = tokens.headers(Role.MACHINE, area=COUNTY, scopes="households:read")
    assert (await client.get("/v1/households", headers=reader)).status_code == 200
