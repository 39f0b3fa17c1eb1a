"""Every write in the registry leaves an audit entry in its own transaction: who, which aggregate,
which fields, old → new where the value is not sensitive (kit.write_audit); a refused write
leaves none. The household page reads them as the household's change history."""

from uuid import uuid4

from kit.auth import Role
from registry.tests.factories import COUNTY, TOWN_A, TOWN_B, household_body
from registry.tests.link_seeds import add_cadre

URL = "/v1/audit"


async def history(client, headers, household_id, **params):
    response = await client.get(
        URL, params={"household_id": household_id, "kind": "write", **params}, headers=headers
    )
    assert response.status_code == 200, response.text
    return response.json()["items"]


async def test_household_and_member_edits_name_their_fields_and_mask_sensitive_values(
    client, tokens, areas
):
    subject = str(uuid4())
    officer = tokens.headers(Role.TOWNSHIP_OFFICER, area=TOWN_A, subject=subject)
    created = await client.post("/v1/households", json=household_body(), headers=officer)
    assert created.status_code == 201, created.text
    household = created.json()
    [made] = await history(client, officer, household["id"])
    assert (made["action"], made["resource"], made["kind"]) == ("create", "household", "write")
    assert made["subject"] == subject and made["household_id"] == household["id"]
    assert "address" in made["fields"] and "members" in made["fields"]

    whole = await client.get(
        f"/v1/households/{household['id']}",
        params={"unmask": "true", "reason": "修改地址"},
        headers=officer,
    )
    body = whole.json()
    body["address"] = "黄田村8号"
    body["phone"] = "13900001111"
    spouse = body["members"][1]
    spouse["employment"] = "employed"
    spouse["health"] = "chronic_illness"
    edit = {k: body[k] for k in household_body() if k in body}
    edit["members"] = [
        {
            k: m[k]
            for k in (
                "id",
                "name",
                "id_number",
                "relation",
                "resident",
                "labour_ability",
                "health",
                "employment",
            )
        }
        for m in body["members"]
    ]
    saved = await client.put(
        f"/v1/households/{household['id']}", json=edit, headers={**officer, "If-Match": '"1"'}
    )
    assert saved.status_code == 200, saved.text

    update, _ = await history(client, officer, household["id"])
    assert update["action"] == "update" and update["resource_id"] == household["id"]
    assert update["fields"] == [
        "address",
        "members.employment",
        "members.health",
        "phone",
    ]
    changes = {c["field"]: c for c in update["changes"]}
    assert (changes["address"]["old"], changes["address"]["new"]) == ("黄田村1号", "黄田村8号")
    assert changes["members.employment"]["item"] == "叶秀英"
    assert changes["members.employment"]["new"] == "employed"
    # Sensitive values: named as changed, never kept.
    for field in ("phone", "members.health"):
        assert changes[field]["masked"] is True
        assert changes[field]["old"] is None and changes[field]["new"] is None
    assert "13900001111" not in str(update) and "13812341234" not in str(update)


async def test_a_refused_write_leaves_no_entry(client, tokens, areas, admin):
    officer = tokens.headers(Role.TOWNSHIP_OFFICER, area=TOWN_A)
    created = await client.post("/v1/households", json=household_body(), headers=officer)
    household_id = created.json()["id"]
    before = await history(client, admin, household_id)

    stale = await client.put(
        f"/v1/households/{household_id}",
        json=household_body(address="别处"),
        headers={**officer, "If-Match": '"9"'},
    )
    assert stale.status_code == 412
    invalid = await client.put(
        f"/v1/households/{household_id}",
        json=household_body(members=[]),
        headers={**officer, "If-Match": '"1"'},
    )
    assert invalid.status_code == 422
    assert await history(client, admin, household_id) == before


async def test_a_pairing_is_in_its_households_history_and_scoped_to_the_area(
    app, client, tokens, areas, admin
):
    officer = tokens.headers(Role.TOWNSHIP_OFFICER, area=TOWN_A)
    household_id = (
        await client.post("/v1/households", json=household_body(), headers=officer)
    ).json()["id"]
    cadre_id = await add_cadre(app)
    paired = await client.post(
        "/v1/pairings",
        json={"cadre_id": str(cadre_id), "household_id": household_id, "started_on": "2026-01-05"},
        headers=officer,
    )
    assert paired.status_code == 201, paired.text

    [pairing] = await history(client, officer, household_id, resource="pairing")
    assert pairing["action"] == "create" and pairing["resource_id"] == paired.json()["id"]
    assert {"cadre_id", "started_on"} <= set(pairing["fields"])
    # Another township's officer reads none of it; a cadre may not read the log at all.
    other = tokens.headers(Role.TOWNSHIP_OFFICER, area=TOWN_B)
    assert await history(client, other, household_id) == []
    cadre = tokens.headers(Role.CADRE, area=TOWN_A, cadre_id=cadre_id)
    assert (await client.get(URL, headers=cadre)).status_code == 403
    # Reads stay the county admin's: the kind filter separates them.
    await client.get(
        f"/v1/households/{household_id}",
        params={"unmask": "true", "reason": "核实"},
        headers=admin,
    )
    reads = await client.get(URL, params={"kind": "read"}, headers=admin)
    assert [e["action"] for e in reads.json()["items"]] == ["read_unmasked"]
    writes = await client.get(URL, params={"kind": "write"}, headers=admin)
    assert [e["resource"] for e in writes.json()["items"]] == ["pairing", "household"]
    assert await history(client, officer, household_id, kind="read") == []
    leader = tokens.headers(Role.LEADER, area=COUNTY)
    assert len(await history(client, leader, household_id)) == 2
