"""The needs list as officers read it: the household by name, nearest deadline first, and the
responsible unit chosen from the registry's departments (old free-text units still read)."""

import uuid
from datetime import timedelta

import pytest

from assistance.tests.seeds import TOWN_B, department_event, paired_household, sync
from kit.auth import Role
from kit.clock import local_today


@pytest.fixture
async def household(app):
    return await paired_household(app, uuid.uuid4())


async def raise_need(client, headers, household_id, **fields):
    body = {"household_id": str(household_id), "description": "危房需要修缮", **fields}
    response = await client.post("/v1/needs", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def test_needs_name_the_household_and_come_nearest_deadline_first(client, tokens, household):
    admin = tokens.headers(Role.COUNTY_ADMIN)
    today = local_today()
    later = await raise_need(client, admin, household, due_on=str(today + timedelta(days=20)))
    overdue = await raise_need(client, admin, household, due_on=str(today - timedelta(days=3)))
    soon = await raise_need(client, admin, household, due_on=str(today + timedelta(days=2)))

    listed = await client.get("/v1/needs", params={"limit": 2}, headers=admin)
    rest = await client.get(
        "/v1/needs", params={"limit": 2, "cursor": listed.json()["next_cursor"]}, headers=admin
    )
    newest_first = await client.get("/v1/needs", params={"order": "raised"}, headers=admin)

    ids = [n["id"] for n in listed.json()["items"] + rest.json()["items"]]
    assert ids == [overdue["id"], soon["id"], later["id"]]
    assert {n["household_name"] for n in listed.json()["items"]} == {"吴大山"}
    assert [n["id"] for n in newest_first.json()["items"]] == [
        soon["id"],
        overdue["id"],
        later["id"],
    ]
    one = await client.get(f"/v1/needs/{later['id']}", headers=admin)
    assert one.json()["household_name"] == "吴大山"


async def test_the_responsible_unit_is_a_department_named_as_the_registry_names_it(
    app, client, tokens, household
):
    bureau, elsewhere = uuid.uuid4(), uuid.uuid4()
    await sync(
        app,
        [
            department_event(bureau, name="县住建局"),
            department_event(elsewhere, name="隆宫乡人民政府", area_code=TOWN_B),
        ],
    )
    officer = tokens.headers(Role.TOWNSHIP_OFFICER, area="331126101")
    legacy = await raise_need(client, officer, household, responsible_unit="村委会老王")
    need = await raise_need(client, officer, household)

    def start(need_id, body):
        headers = {**officer, "If-Match": '"1"'}
        return client.post(f"/v1/needs/{need_id}/start", json=body, headers=headers)

    unknown = await start(need["id"], {"responsible_department_id": str(uuid.uuid4())})
    out_of_reach = await start(need["id"], {"responsible_department_id": str(elsewhere)})
    started = await start(need["id"], {"responsible_department_id": str(bureau), "note": "转办"})

    for refused in (unknown, out_of_reach):
        assert refused.status_code == 422, refused.text
        assert refused.json()["errors"][0]["field"] == "responsible_department_id"
    assert started.status_code == 200, started.text
    assert started.json()["responsible_department_id"] == str(bureau)
    assert started.json()["responsible_unit"] == "县住建局"
    kept = await client.get(f"/v1/needs/{legacy['id']}", headers=officer)
    assert kept.json()["responsible_unit"] == "村委会老王"
    assert kept.json()["responsible_department_id"] is None
