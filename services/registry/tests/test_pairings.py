import asyncio

import pytest
from sqlmodel import col, select

from kit.auth import Role
from registry.models import Pairing
from registry.tests.factories import COUNTY, TOWN_A, TOWN_B, VILLAGE_B1
from registry.tests.link_seeds import add_cadre, add_household, events

URL = "/v1/pairings"


def officer_headers(tokens, town=TOWN_A):
    return tokens.headers(Role.TOWNSHIP_OFFICER, area=town)


async def pair(client, tokens, cadre_id, household_id, started_on="2024-04-01", **extra):
    body = {
        "cadre_id": str(cadre_id),
        "household_id": str(household_id),
        "started_on": started_on,
        **extra,
    }
    return await client.post(URL, json=body, headers=officer_headers(tokens))


async def active_pairings(app, household_id):
    query = select(Pairing).where(
        col(Pairing.household_id) == household_id, col(Pairing.ended_on).is_(None)
    )
    async with app.state.sessionmaker() as session:
        return list((await session.execute(query)).scalars())


@pytest.mark.smoke
async def test_one_cadre_per_low_income_household_unless_replaced(app, client, tokens, areas):
    household_id = await add_household(app)
    zhang = await add_cadre(app, name="张帮扶")
    li = await add_cadre(app, name="李帮扶")

    first = await pair(client, tokens, zhang, household_id)
    assert first.status_code == 201, first.text
    assert first.json()["active"] is True and first.headers["ETag"] == '"1"'

    refused = await pair(client, tokens, li, household_id, "2025-01-01")
    assert refused.status_code == 409
    assert refused.json()["type"] == "/problems/active-link-exists"
    assert "张帮扶" in refused.json()["detail"] and str(zhang) in refused.json()["detail"]

    replaced = await pair(client, tokens, li, household_id, "2025-01-01", replace_active=True)
    assert replaced.status_code == 201, replaced.text
    [now] = await active_pairings(app, household_id)
    assert now.cadre_id == li

    pairing_events = await events(app, "pairing")
    assert [(e["aggregate_id"], e["version"]) for e in pairing_events] == [
        (first.json()["id"], 1),
        (first.json()["id"], 2),
        (replaced.json()["id"], 1),
    ]
    assert pairing_events[1]["data"]["ended_on"] == "2025-01-01"
    assert {e["area_code"] for e in pairing_events} == {"331126101201"}


async def test_only_low_income_households_and_active_cadres(app, client, tokens, areas):
    small_farmer = await add_household(app, low_income=False)
    low_income = await add_household(app)
    cadre_id = await add_cadre(app)
    retired = await add_cadre(app, active=False)

    response = await pair(client, tokens, cadre_id, small_farmer)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "household_id"
    response = await pair(client, tokens, retired, low_income)
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "cadre_id"
    assert await events(app, "pairing") == []


async def test_two_pairings_at_once_leave_exactly_one_active(app, client, tokens, areas):
    household_id = await add_household(app)
    cadres = [await add_cadre(app, name=name) for name in ("甲", "乙")]

    responses = await asyncio.gather(
        *(pair(client, tokens, cadre_id, household_id) for cadre_id in cadres)
    )

    assert sorted(r.status_code for r in responses) == [201, 409]
    [active] = await active_pairings(app, household_id)
    winner = next(r for r in responses if r.status_code == 201)
    assert str(active.id) == winner.json()["id"]
    assert len(await events(app, "pairing")) == 1


async def test_scope_and_a_cadre_lists_only_their_own(app, client, tokens, areas):
    mine_household = await add_household(app)
    other_household = await add_household(app)
    far_household = await add_household(app, village=VILLAGE_B1)
    cadre_id = await add_cadre(app)
    colleague = await add_cadre(app, name="王同事")
    mine = (await pair(client, tokens, cadre_id, mine_household)).json()
    theirs = (await pair(client, tokens, colleague, other_household)).json()

    outside = await pair(client, tokens, cadre_id, far_household)
    assert outside.status_code == 422 and outside.json()["errors"][0]["field"] == "household_id"
    town_b = officer_headers(tokens, TOWN_B)
    assert (await client.get(f"{URL}/{mine['id']}", headers=town_b)).status_code == 404

    cadre = tokens.headers(Role.CADRE, area=COUNTY, cadre_id=cadre_id)
    listed = await client.get(URL, headers=cadre)
    assert [i["id"] for i in listed.json()["items"]] == [mine["id"]]
    assert (await client.get(f"{URL}/{theirs['id']}", headers=cadre)).status_code == 404
    body = {
        "cadre_id": str(cadre_id),
        "household_id": str(other_household),
        "started_on": "2024-04-01",
    }
    assert (await client.post(URL, json=body, headers=cadre)).status_code == 403
    leader = tokens.headers(Role.LEADER, area=COUNTY)
    assert (await client.post(URL, json=body, headers=leader)).status_code == 403
    everything = await client.get(URL, headers=leader)
    assert len(everything.json()["items"]) == 2


async def test_end_a_pairing_once_and_it_stays_listed(app, client, tokens, areas):
    household_id = await add_household(app)
    cadre_id = await add_cadre(app)
    created = (await pair(client, tokens, cadre_id, household_id)).json()
    end = f"{URL}/{created['id']}/end"

    missing = await client.post(
        end, json={"ended_on": "2024-12-31"}, headers=officer_headers(tokens)
    )
    assert missing.status_code == 428
    headers = {**officer_headers(tokens), "If-Match": '"1"'}
    ended = await client.post(end, json={"ended_on": "2024-12-31"}, headers=headers)
    assert ended.status_code == 200 and ended.headers["ETag"] == '"2"'
    twice = await client.post(
        end, json={"ended_on": "2025-01-31"}, headers={**headers, "If-Match": '"2"'}
    )
    assert twice.status_code == 409
    assert twice.json()["type"] == "/problems/link-ended"

    listed = await client.get(URL, params={"active": "false"}, headers=officer_headers(tokens))
    assert [(i["id"], i["ended_on"]) for i in listed.json()["items"]] == [
        (created["id"], "2024-12-31")
    ]
    assert await active_pairings(app, household_id) == []
    # With the old pairing ended, a new cadre is paired without replace_active.
    assert (
        await pair(client, tokens, await add_cadre(app), household_id, "2025-01-01")
    ).status_code == 201
