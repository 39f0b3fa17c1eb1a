"""Writes across the township line (issue 14, class 3): a write that names several records checks
every one of them against the writer's scope. A township officer links and pairs only cadres whose
home area is inside the township; a cadre of the county (a county department, a leader) is linked
and paired by the county admin. A refusal never names a record the writer cannot see.

(The permission matrix checks every write × every referenced id; these are the stories behind it.)
"""

from datetime import date

import pytest
from sqlmodel import col, select

from kit.auth import Role
from registry.models import CadreEntityLink, Pairing
from registry.tests.factories import COUNTY, TOWN_A, TOWN_B, VILLAGE_B1
from registry.tests.link_seeds import add_cadre, add_entity, add_household

LINKS, PAIRINGS, HANDOVER = "/v1/cadre-entity-links", "/v1/pairings", "/v1/pairings/handover"


def officer_headers(tokens, town=TOWN_A):
    return tokens.headers(Role.TOWNSHIP_OFFICER, area=town)


def admin_headers(tokens):
    return tokens.headers(Role.COUNTY_ADMIN, area=COUNTY)


def refused_fields(response):
    return [e["field"] for e in response.json().get("errors", [])]


async def active(app, model, **where):
    query = select(model).where(
        col(model.ended_on).is_(None), *(col(getattr(model, k)) == v for k, v in where.items())
    )
    async with app.state.sessionmaker() as session:
        return list((await session.execute(query)).scalars())


@pytest.mark.smoke
async def test_an_officer_cannot_take_over_another_townships_cadre(app, client, tokens, areas):
    """Linking B's cadre with replace_active would have ended B's link, unseen by the officer."""
    theirs = await add_cadre(app, name="隆宫干部", home=TOWN_B)
    entity_b = await add_entity(client, tokens, name="隆宫合作社", village_code=VILLAGE_B1)
    entity_a = await add_entity(client, tokens, name="黄田合作社")
    body = {"cadre_id": str(theirs), "entity_id": entity_b["id"], "started_on": "2024-05-01"}
    made = await client.post(LINKS, json=body, headers=officer_headers(tokens, TOWN_B))
    assert made.status_code == 201, made.text

    takeover = body | {"entity_id": entity_a["id"], "replace_active": True}
    refused = await client.post(LINKS, json=takeover, headers=officer_headers(tokens))
    assert refused.status_code == 422, refused.text
    assert refused_fields(refused) == ["cadre_id"]
    assert "隆宫" not in refused.text
    [still] = await active(app, CadreEntityLink, cadre_id=theirs)
    assert str(still.entity_id) == entity_b["id"]


async def test_a_county_cadre_is_linked_and_paired_by_the_county_admin(app, client, tokens, areas):
    county_cadre = await add_cadre(app, name="县农技员", home=COUNTY)
    household = await add_household(app)
    entity = await add_entity(client, tokens)
    pairing = {"cadre_id": str(county_cadre), "household_id": str(household)}
    link = {"cadre_id": str(county_cadre), "entity_id": entity["id"]}
    for url, named in ((PAIRINGS, pairing), (LINKS, link)):
        body = named | {"started_on": "2024-05-01"}
        by_officer = await client.post(url, json=body, headers=officer_headers(tokens))
        assert by_officer.status_code == 422, (url, by_officer.text)
        assert refused_fields(by_officer) == ["cadre_id"]
        by_admin = await client.post(url, json=body, headers=admin_headers(tokens))
        assert by_admin.status_code == 201, (url, by_admin.text)


async def test_an_officer_cannot_pair_an_own_household_to_a_foreign_cadre(
    app, client, tokens, areas
):
    """The cadre would then read the household unmasked."""
    theirs = await add_cadre(app, name="隆宫干部", home=TOWN_B)
    household = await add_household(app)
    body = {"cadre_id": str(theirs), "household_id": str(household), "started_on": "2024-05-01"}
    refused = await client.post(PAIRINGS, json=body, headers=officer_headers(tokens))
    assert refused.status_code == 422, refused.text
    assert refused_fields(refused) == ["cadre_id"]
    assert await active(app, Pairing, household_id=household) == []


async def test_a_handover_checks_both_cadres(app, client, tokens, areas):
    mine = await add_cadre(app, name="黄田干部")
    theirs = await add_cadre(app, name="隆宫干部", home=TOWN_B)
    county_cadre = await add_cadre(app, name="县农技员", home=COUNTY)
    household = await add_household(app)
    async with app.state.sessionmaker.begin() as session:
        session.add(
            Pairing(cadre_id=county_cadre, household_id=household, started_on=date(2024, 1, 1))
        )

    to_foreign = {"from_cadre_id": str(county_cadre), "to_cadre_id": str(theirs)}
    from_county = {"from_cadre_id": str(county_cadre), "to_cadre_id": str(mine)}
    for cadres, field in ((to_foreign, "from_cadre_id"), (from_county, "from_cadre_id")):
        body = cadres | {"started_on": "2025-01-01", "reason": "调岗"}
        refused = await client.post(HANDOVER, json=body, headers=officer_headers(tokens))
        assert refused.status_code == 422, refused.text
        assert refused_fields(refused) == [field]
    own_to_foreign = {
        "from_cadre_id": str(mine),
        "to_cadre_id": str(theirs),
        "started_on": "2025-01-01",
        "reason": "调岗",
    }
    refused = await client.post(HANDOVER, json=own_to_foreign, headers=officer_headers(tokens))
    assert refused.status_code == 422, refused.text
    assert refused_fields(refused) == ["to_cadre_id"]
    [kept] = await active(app, Pairing, household_id=household)
    assert kept.cadre_id == county_cadre

    by_admin = await client.post(
        HANDOVER,
        json=from_county | {"started_on": "2025-01-01", "reason": "调岗"},
        headers=admin_headers(tokens),
    )
    assert by_admin.status_code == 200, by_admin.text
    assert by_admin.json()["moved"] == 1


async def test_a_conflict_names_only_what_the_officer_sees(app, client, tokens, areas):
    """The county admin paired an own household to a county cadre, and linked an own cadre to
    another township's entity: the officer's 409s name neither."""
    county_cadre = await add_cadre(app, name="县领导王", home=COUNTY)
    mine = await add_cadre(app, name="黄田干部")
    household = await add_household(app)
    entity_a = await add_entity(client, tokens, name="黄田合作社")
    entity_b = await add_entity(client, tokens, name="隆宫合作社", village_code=VILLAGE_B1)
    admin = admin_headers(tokens)
    start = {"started_on": "2024-05-01"}
    paired = {"cadre_id": str(county_cadre), "household_id": str(household)} | start
    assert (await client.post(PAIRINGS, json=paired, headers=admin)).status_code == 201
    linked = {"cadre_id": str(mine), "entity_id": entity_b["id"]} | start
    foreign_link = await client.post(LINKS, json=linked, headers=admin)
    assert foreign_link.status_code == 201

    pairing = {"cadre_id": str(mine), "household_id": str(household)} | start
    clash = await client.post(PAIRINGS, json=pairing, headers=officer_headers(tokens))
    assert clash.status_code == 409, clash.text
    assert clash.json()["type"] == "/problems/active-link-exists"
    assert "县领导王" not in clash.text and str(county_cadre) not in clash.text

    link = {"cadre_id": str(mine), "entity_id": entity_a["id"]} | start
    for replace in (False, True):
        body = link | {"replace_active": replace}
        clash = await client.post(LINKS, json=body, headers=officer_headers(tokens))
        assert clash.status_code == 409, clash.text
        assert clash.json()["type"] == "/problems/active-link-exists"
        assert "隆宫合作社" not in clash.text and foreign_link.json()["id"] not in clash.text
    [kept] = await active(app, CadreEntityLink, cadre_id=mine)
    assert str(kept.entity_id) == entity_b["id"]

    # The county admin sees both, and is told who holds them.
    clash = await client.post(LINKS, json=link, headers=admin)
    assert clash.status_code == 409 and "隆宫合作社" in clash.json()["detail"]
