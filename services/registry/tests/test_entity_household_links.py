from datetime import date

import pytest

from kit.auth import Role
from registry.models import Pairing
from registry.tests.factories import COUNTY, TOWN_A, TOWN_B, VILLAGE_A2, VILLAGE_B1
from registry.tests.link_seeds import add_cadre, add_entity, add_household, events

URL = "/v1/entity-household-links"


def officer_headers(tokens, town=TOWN_A):
    return tokens.headers(Role.TOWNSHIP_OFFICER, area=town)


async def drive(client, tokens, entity_id, household_id, mode="cooperative", **extra):
    body = {
        "entity_id": entity_id,
        "household_id": str(household_id),
        "mode": mode,
        "started_on": extra.pop("started_on", "2024-05-01"),
        **extra,
    }
    return await client.post(URL, json=body, headers=officer_headers(tokens))


@pytest.mark.smoke
async def test_one_active_link_per_pair_and_many_entities_per_household(app, client, tokens, areas):
    household_id = await add_household(app, village=VILLAGE_A2, low_income=False)
    coop = await add_entity(client, tokens, name="锥栗合作社", type="cooperative")
    shop = await add_entity(client, tokens, name="电商服务站", type="e_commerce")

    first = await drive(client, tokens, coop["id"], household_id)
    assert first.status_code == 201, first.text
    assert first.json()["mode"] == "cooperative" and first.json()["active"] is True
    second_entity = await drive(client, tokens, shop["id"], household_id, mode="e_commerce")
    assert second_entity.status_code == 201

    again = await drive(client, tokens, coop["id"], household_id, mode="employment")
    assert again.status_code == 409 and "锥栗合作社" in again.json()["detail"]
    assert again.json()["type"] == "/problems/active-link-exists"
    replaced = await drive(
        client,
        tokens,
        coop["id"],
        household_id,
        mode="employment",
        started_on="2025-01-01",
        replace_active=True,
    )
    assert replaced.status_code == 201, replaced.text

    active = await client.get(
        URL,
        params={"household_id": str(household_id), "active": "true"},
        headers=officer_headers(tokens),
    )
    assert sorted(i["mode"] for i in active.json()["items"]) == ["e_commerce", "employment"]
    ended = await client.get(URL, params={"active": "false"}, headers=officer_headers(tokens))
    assert [i["id"] for i in ended.json()["items"]] == [first.json()["id"]]
    assert ended.json()["items"][0]["ended_on"] == "2025-01-01"

    link_events = await events(app, "entity_household_link")
    assert len(link_events) == 4  # three created, one ended by the replacement
    assert {e["area_code"] for e in link_events} == {VILLAGE_A2}


async def test_both_ends_must_be_in_the_writers_area(app, client, tokens, areas):
    near = await add_household(app)
    far = await add_household(app, village=VILLAGE_B1)
    farm = await add_entity(client, tokens)
    far_farm = await add_entity(client, tokens, name="隆宫农场", village_code=VILLAGE_B1)

    response = await drive(client, tokens, farm["id"], far)
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "household_id"
    response = await drive(client, tokens, far_farm["id"], near)
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "entity_id"
    assert await events(app, "entity_household_link") == []

    created = (await drive(client, tokens, farm["id"], near)).json()
    town_b = officer_headers(tokens, TOWN_B)
    assert (await client.get(f"{URL}/{created['id']}", headers=town_b)).status_code == 404
    leader = tokens.headers(Role.LEADER, area=COUNTY)
    assert (await client.get(f"{URL}/{created['id']}", headers=leader)).status_code == 200
    body = {
        "entity_id": farm["id"],
        "household_id": str(near),
        "mode": "employment",
        "started_on": "2024-01-01",
    }
    assert (await client.post(URL, json=body, headers=leader)).status_code == 403


async def test_a_cadre_sees_links_of_the_households_paired_to_them(app, client, tokens, areas):
    paired = await add_household(app)
    unpaired = await add_household(app)
    cadre_id = await add_cadre(app)
    async with app.state.sessionmaker.begin() as session:
        session.add(Pairing(cadre_id=cadre_id, household_id=paired, started_on=date(2024, 1, 1)))
    farm = await add_entity(client, tokens)
    seen = (await drive(client, tokens, farm["id"], paired)).json()
    hidden = (await drive(client, tokens, farm["id"], unpaired)).json()

    cadre = tokens.headers(Role.CADRE, area=COUNTY, cadre_id=cadre_id)
    listed = await client.get(URL, headers=cadre)
    assert [i["id"] for i in listed.json()["items"]] == [seen["id"]]
    assert (await client.get(f"{URL}/{hidden['id']}", headers=cadre)).status_code == 404


async def test_end_once_with_the_version(app, client, tokens, areas):
    household_id = await add_household(app)
    farm = await add_entity(client, tokens)
    created = (await drive(client, tokens, farm["id"], household_id)).json()
    end = f"{URL}/{created['id']}/end"
    headers = {**officer_headers(tokens), "If-Match": '"1"'}
    assert (
        await client.post(end, json={"ended_on": "2024-12-31"}, headers=officer_headers(tokens))
    ).status_code == 428
    ok = await client.post(end, json={"ended_on": "2024-12-31"}, headers=headers)
    assert ok.status_code == 200 and ok.json()["active"] is False
    twice = await client.post(
        end, json={"ended_on": "2025-01-31"}, headers={**headers, "If-Match": '"2"'}
    )
    assert twice.status_code == 409
    assert twice.json()["type"] == "/problems/link-ended"
    assert [e["version"] for e in await events(app, "entity_household_link")] == [1, 2]
