import pytest

from kit.auth import Role
from registry.tests.factories import COUNTY, TOWN_A, TOWN_B, VILLAGE_B1
from registry.tests.link_seeds import add_cadre, add_entity, events

URL = "/v1/cadre-entity-links"


def officer_headers(tokens, town=TOWN_A):
    return tokens.headers(Role.TOWNSHIP_OFFICER, area=town)


async def link(client, tokens, cadre_id, entity_id, started_on="2024-03-01", **extra):
    return await client.post(
        URL,
        json={"cadre_id": str(cadre_id), "entity_id": entity_id, "started_on": started_on, **extra},
        headers=officer_headers(tokens),
    )


@pytest.mark.smoke
async def test_one_entity_per_cadre_unless_replaced(app, client, tokens, areas):
    cadre_id = await add_cadre(app, name="张联系")
    farm = await add_entity(client, tokens, name="香菇家庭农场")
    coop = await add_entity(client, tokens, name="锥栗合作社", type="cooperative")

    first = await link(client, tokens, cadre_id, farm["id"])
    assert first.status_code == 201, first.text
    assert first.json()["active"] is True and first.headers["ETag"] == '"1"'
    assert first.headers["Location"] == f"{URL}/{first.json()['id']}"

    refused = await link(client, tokens, cadre_id, coop["id"], "2025-01-01")
    assert refused.status_code == 409
    assert refused.json()["type"] == "/problems/active-link-exists"
    assert "香菇家庭农场" in refused.json()["detail"]
    assert refused.json()["current_id"] == first.json()["id"]

    replaced = await link(client, tokens, cadre_id, coop["id"], "2025-01-01", replace_active=True)
    assert replaced.status_code == 201, replaced.text

    old = (await client.get(f"{URL}/{first.json()['id']}", headers=officer_headers(tokens))).json()
    assert old["ended_on"] == "2025-01-01" and old["active"] is False and old["version"] == 2
    link_events = await events(app, "cadre_entity_link")
    assert [(e["aggregate_id"], e["version"]) for e in link_events] == [
        (first.json()["id"], 1),
        (first.json()["id"], 2),
        (replaced.json()["id"], 1),
    ]
    assert link_events[1]["data"]["ended_on"] == "2025-01-01"
    assert {e["area_code"] for e in link_events} == {farm["village_code"]}


async def test_a_replacement_cannot_start_before_the_current_link(app, client, tokens, areas):
    cadre_id = await add_cadre(app)
    farm = await add_entity(client, tokens, name="甲")
    coop = await add_entity(client, tokens, name="乙")
    await link(client, tokens, cadre_id, farm["id"], "2024-03-01")
    response = await link(client, tokens, cadre_id, coop["id"], "2024-01-01", replace_active=True)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "started_on"


async def test_ending_needs_the_version_happens_once_and_the_link_is_kept(
    app, client, tokens, areas
):
    cadre_id = await add_cadre(app)
    farm = await add_entity(client, tokens)
    created = (await link(client, tokens, cadre_id, farm["id"], "2024-03-01")).json()
    end = f"{URL}/{created['id']}/end"
    headers = officer_headers(tokens)

    assert (
        await client.post(end, json={"ended_on": "2025-01-01"}, headers=headers)
    ).status_code == 428
    stale = await client.post(
        end, json={"ended_on": "2025-01-01"}, headers={**headers, "If-Match": '"5"'}
    )
    assert stale.status_code == 412
    early = await client.post(
        end, json={"ended_on": "2024-02-01"}, headers={**headers, "If-Match": '"1"'}
    )
    assert early.status_code == 422 and early.json()["errors"][0]["field"] == "ended_on"
    ended = await client.post(
        end, json={"ended_on": "2025-01-01"}, headers={**headers, "If-Match": '"1"'}
    )
    assert ended.status_code == 200, ended.text
    assert ended.json()["ended_on"] == "2025-01-01" and ended.headers["ETag"] == '"2"'
    again = await client.post(
        end, json={"ended_on": "2025-02-01"}, headers={**headers, "If-Match": '"2"'}
    )
    assert again.status_code == 409
    assert again.json()["type"] == "/problems/link-ended"

    async def listed(**params):
        response = await client.get(URL, params=params, headers=headers)
        return [item["id"] for item in response.json()["items"]]

    assert await listed(active="false") == [created["id"]]
    assert await listed(active="true") == []
    assert await listed(cadre_id=str(cadre_id)) == [created["id"]]
    # Ended, the cadre is free to link again without replacing anything.
    assert (await link(client, tokens, cadre_id, farm["id"], "2025-02-01")).status_code == 201
    assert [e["version"] for e in await events(app, "cadre_entity_link")] == [1, 2, 1]


async def test_scope_roles_and_a_cadre_sees_only_their_own(app, client, tokens, areas):
    cadre_id = await add_cadre(app)
    someone_else = await add_cadre(app, name="王另一位")
    farm = await add_entity(client, tokens)
    far_farm = await add_entity(client, tokens, name="隆宫农场", village_code=VILLAGE_B1)
    mine = (await link(client, tokens, cadre_id, farm["id"])).json()
    theirs = (await link(client, tokens, someone_else, farm["id"])).json()

    # An entity outside the officer's township cannot be linked, nor its links seen.
    outside = await link(client, tokens, cadre_id, far_farm["id"], replace_active=True)
    assert outside.status_code == 422 and outside.json()["errors"][0]["field"] == "entity_id"
    town_b = officer_headers(tokens, TOWN_B)
    assert (await client.get(f"{URL}/{mine['id']}", headers=town_b)).status_code == 404
    assert (await client.get(URL, headers=town_b)).json()["items"] == []

    leader = tokens.headers(Role.LEADER, area=COUNTY)
    assert (await client.get(f"{URL}/{mine['id']}", headers=leader)).status_code == 200
    body = {"cadre_id": str(cadre_id), "entity_id": farm["id"], "started_on": "2024-03-01"}
    assert (await client.post(URL, json=body, headers=leader)).status_code == 403

    cadre = tokens.headers(Role.CADRE, area=COUNTY, cadre_id=cadre_id)
    listed = await client.get(URL, headers=cadre)
    assert [item["id"] for item in listed.json()["items"]] == [mine["id"]]
    assert (await client.get(f"{URL}/{theirs['id']}", headers=cadre)).status_code == 404
    end = await client.post(
        f"{URL}/{mine['id']}/end",
        json={"ended_on": "2025-01-01"},
        headers={**cadre, "If-Match": '"1"'},
    )
    assert end.status_code == 403


async def test_an_inactive_cadre_or_deregistered_entity_is_refused(app, client, tokens, areas):
    retired = await add_cadre(app, active=False)
    cadre_id = await add_cadre(app)
    farm = await add_entity(client, tokens)
    closed = await add_entity(client, tokens, name="已注销", status="deregistered")
    response = await link(client, tokens, retired, farm["id"])
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "cadre_id"
    response = await link(client, tokens, cadre_id, closed["id"])
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "entity_id"
    assert await events(app, "cadre_entity_link") == []
