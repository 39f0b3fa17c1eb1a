import asyncio
from datetime import date

import pytest
from sqlmodel import col, select

from kit.auth import Role
from registry.models import AuditEntry, Pairing
from registry.tests.factories import COUNTY, TOWN_A, TOWN_B, VILLAGE_A2, VILLAGE_B1
from registry.tests.link_seeds import add_cadre, add_household, events

URL = "/v1/pairings/handover"


def officer_headers(tokens, town=TOWN_A):
    return tokens.headers(Role.TOWNSHIP_OFFICER, area=town)


async def seed_pairings(app, cadre_id, count, village=VILLAGE_A2):
    """``count`` low-income households actively paired to the cadre since 2024-04-01."""
    household_ids = [await add_household(app, village=village) for _ in range(count)]
    async with app.state.sessionmaker.begin() as session:
        for household_id in household_ids:
            session.add(
                Pairing(cadre_id=cadre_id, household_id=household_id, started_on=date(2024, 4, 1))
            )
    return household_ids


async def pairings_of(app, household_id):
    query = (
        select(Pairing)
        .where(col(Pairing.household_id) == household_id)
        .order_by(col(Pairing.started_on))
    )
    async with app.state.sessionmaker() as session:
        return list((await session.execute(query)).scalars())


def body(from_cadre, to_cadre, household_ids=None, **extra):
    sent = {
        "from_cadre_id": str(from_cadre),
        "to_cadre_id": str(to_cadre),
        "started_on": "2025-03-01",
        **extra,
    }
    if household_ids is not None:
        sent["household_ids"] = [str(h) for h in household_ids]
    return sent


@pytest.mark.smoke
async def test_all_households_move_and_the_old_pairings_are_kept_ended(app, client, tokens, areas):
    zhang = await add_cadre(app, name="张帮扶")
    li = await add_cadre(app, name="李接手")
    households = await seed_pairings(app, zhang, 3)

    response = await client.post(
        URL,
        json=body(zhang, li, reason="张帮扶调任 / transferred"),
        headers=officer_headers(tokens),
    )

    assert response.status_code == 200, response.text
    moved = response.json()
    assert moved["moved"] == 3
    assert sorted(p["household_id"] for p in moved["pairings"]) == sorted(map(str, households))
    assert {(p["cadre_id"], p["started_on"], p["active"]) for p in moved["pairings"]} == {
        (str(li), "2025-03-01", True)
    }
    for household_id in households:
        old, new = await pairings_of(app, household_id)
        assert (old.cadre_id, old.ended_on, old.version) == (zhang, date(2025, 3, 1), 2)
        assert (new.cadre_id, new.ended_on) == (li, None)
    listed = await client.get(
        "/v1/pairings", params={"cadre_id": str(zhang)}, headers=officer_headers(tokens)
    )
    assert [i["active"] for i in listed.json()["items"]] == [False] * 3

    # One event per pairing changed: each old one ended, each new one created.
    pairing_events = await events(app, "pairing")
    assert len(pairing_events) == 6
    ended = [e for e in pairing_events if e["data"]["cadre_id"] == str(zhang)]
    created = [e for e in pairing_events if e["data"]["cadre_id"] == str(li)]
    assert [(e["version"], e["data"]["ended_on"]) for e in ended] == [(2, "2025-03-01")] * 3
    assert sorted(e["aggregate_id"] for e in created) == sorted(p["id"] for p in moved["pairings"])
    assert {e["area_code"] for e in pairing_events} == {VILLAGE_A2}

    async with app.state.sessionmaker() as session:
        handovers = select(AuditEntry).where(col(AuditEntry.action) == "handover")
        [entry] = (await session.execute(handovers)).scalars()
    assert (entry.action, entry.resource_id) == ("handover", str(zhang))
    assert entry.reason == "张帮扶调任 / transferred"


async def test_a_chosen_subset_moves_and_the_rest_stays(app, client, tokens, areas):
    zhang = await add_cadre(app, name="张帮扶")
    li = await add_cadre(app, name="李接手")
    first, second, third = await seed_pairings(app, zhang, 3)

    response = await client.post(
        URL, json=body(zhang, li, [third, first]), headers=officer_headers(tokens)
    )

    assert response.status_code == 200, response.text
    assert response.json()["moved"] == 2
    assert [p["household_id"] for p in response.json()["pairings"]] == [str(third), str(first)]
    [kept] = await pairings_of(app, second)
    assert (kept.cadre_id, kept.ended_on) == (zhang, None)
    assert [p.cadre_id for p in await pairings_of(app, first)] == [zhang, li]
    assert len(await events(app, "pairing")) == 4


async def test_a_household_not_paired_to_the_cadre_is_named_and_nothing_moves(
    app, client, tokens, areas
):
    zhang = await add_cadre(app, name="张帮扶")
    wang = await add_cadre(app, name="王另一")
    li = await add_cadre(app, name="李接手")
    [mine] = await seed_pairings(app, zhang, 1)
    [theirs] = await seed_pairings(app, wang, 1)
    unpaired = await add_household(app)
    far = (await seed_pairings(app, zhang, 1, village=VILLAGE_B1))[0]  # outside the township

    response = await client.post(
        URL, json=body(zhang, li, [mine, theirs, unpaired, far]), headers=officer_headers(tokens)
    )

    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == [
        "household_ids.1",
        "household_ids.2",
        "household_ids.3",
    ]
    assert [(p.cadre_id, p.ended_on) for p in await pairings_of(app, mine)] == [(zhang, None)]
    assert await events(app, "pairing") == []


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"to_cadre": "self"}, "to_cadre_id"),
        ({"to_cadre": "retired"}, "to_cadre_id"),
        ({"started_on": "2024-01-01"}, "started_on"),  # before the pairings it ends began
        ({"repeat": True}, "household_ids.1"),
    ],
)
async def test_invalid_handovers_name_the_field_and_change_nothing(
    app, client, tokens, areas, change, field
):
    zhang = await add_cadre(app, name="张帮扶")
    retired = await add_cadre(app, name="退休", active=False)
    li = await add_cadre(app, name="李接手")
    [household] = await seed_pairings(app, zhang, 1)
    to_cadre = {"self": zhang, "retired": retired}.get(change.get("to_cadre", ""), li)
    chosen = [household, household] if change.get("repeat") else None
    started = change.get("started_on", "2025-03-01")

    response = await client.post(
        URL, json=body(zhang, to_cadre, chosen, started_on=started), headers=officer_headers(tokens)
    )

    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["field"] == field
    assert [(p.cadre_id, p.ended_on) for p in await pairings_of(app, household)] == [(zhang, None)]
    assert await events(app, "pairing") == []


async def test_two_handovers_at_once_never_double_pair(app, client, tokens, areas):
    zhang = await add_cadre(app, name="张帮扶")
    li = await add_cadre(app, name="李接手")
    wang = await add_cadre(app, name="王接手")
    households = await seed_pairings(app, zhang, 4)

    responses = await asyncio.gather(
        client.post(URL, json=body(zhang, li, households), headers=officer_headers(tokens)),
        client.post(URL, json=body(zhang, wang, households[::-1]), headers=officer_headers(tokens)),
    )

    assert sorted(r.status_code for r in responses) == [200, 422]
    winner = next(r for r in responses if r.status_code == 200).json()
    winner_cadre = winner["pairings"][0]["cadre_id"]
    for household_id in households:
        rows = await pairings_of(app, household_id)
        assert [str(p.cadre_id) for p in rows if p.ended_on is None] == [winner_cadre]
        assert len(rows) == 2
    assert len(await events(app, "pairing")) == 8


async def test_who_may_hand_over(app, client, tokens, areas):
    zhang = await add_cadre(app, name="张帮扶")
    li = await add_cadre(app, name="李接手")
    [household] = await seed_pairings(app, zhang, 1)
    sent = body(zhang, li)

    for headers in (
        tokens.headers(Role.LEADER, area=COUNTY),
        tokens.headers(Role.CADRE, area=COUNTY, cadre_id=zhang),
    ):
        assert (await client.post(URL, json=sent, headers=headers)).status_code == 403
    other_town = await client.post(URL, json=sent, headers=officer_headers(tokens, TOWN_B))
    assert other_town.status_code == 422
    assert other_town.json()["errors"][0]["field"] == "from_cadre_id"
    # Cadres of the officer's own township, naming a household of another: refused there.
    wang = await add_cadre(app, name="王隆宫", home=TOWN_B)
    zhao = await add_cadre(app, name="赵隆宫", home=TOWN_B)
    named = await client.post(
        URL, json=body(wang, zhao, [household]), headers=officer_headers(tokens, TOWN_B)
    )
    assert named.status_code == 422 and named.json()["errors"][0]["field"] == "household_ids.0"
    assert await events(app, "pairing") == []

    admin = tokens.headers(Role.COUNTY_ADMIN, area=COUNTY)
    assert (await client.post(URL, json=sent, headers=admin)).json()["moved"] == 1
