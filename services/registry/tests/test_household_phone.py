"""The household's own phone for its cadre to call: whole, to the cadre paired to it only, and
audited like every whole read (who, when, which record, the field, why)."""

from kit.auth import Role
from registry.tests.factories import COUNTY, audit_reads
from registry.tests.test_households import create, pair

REASON = "拨打农户电话"


async def test_the_paired_cadre_reads_the_phone_whole_and_the_read_is_audited(
    app, client, areas, officer, tokens
):
    household = await create(client, officer)
    cadre = tokens.headers(Role.CADRE, area=COUNTY, cadre_id=await pair(app, household["id"]))

    response = await client.get(
        f"/v1/households/{household['id']}/phone", params={"reason": REASON}, headers=cadre
    )

    assert response.status_code == 200, response.text
    assert response.json() == {"phone": "13812341234"}
    [entry] = await audit_reads(app)
    assert (entry.action, entry.resource, entry.resource_id) == (
        "read_unmasked",
        "household",
        household["id"],
    )
    assert (entry.fields, entry.reason, entry.roles) == (["phone"], REASON, ["cadre"])


async def test_another_cadre_a_leader_or_no_reason_get_no_phone_and_no_entry(
    app, client, areas, officer, tokens
):
    household = await create(client, officer)
    other = await create(client, officer, first_sequence=201)
    url = f"/v1/households/{household['id']}/phone"
    someone_else = tokens.headers(Role.CADRE, area=COUNTY, cadre_id=await pair(app, other["id"]))

    assert (await client.get(url, params={"reason": REASON}, headers=someone_else)).status_code == (
        404
    )
    leader = tokens.headers(Role.LEADER, area=COUNTY)
    assert (await client.get(url, params={"reason": REASON}, headers=leader)).status_code == 403
    mine = tokens.headers(Role.CADRE, area=COUNTY, cadre_id=await pair(app, household["id"]))
    no_reason = await client.get(url, headers=mine)
    assert no_reason.status_code == 422
    assert [e["field"] for e in no_reason.json()["errors"]] == ["reason"]
    assert await audit_reads(app) == []
