"""Every whole read of an ID number or phone is audited, the feed's and the snapshots' too: an
outside client holding ``pii:read`` leaves one entry per record it got whole (reason ``feed`` or
``snapshot``); masked reads and Fumin's own services leave none."""

import pytest

from kit.auth import FEEDS_SCOPE, Role
from registry.tests.factories import COUNTY, audit_reads, household_body

# Reads and other acts: every write has its own entry too (kit.write_audit, test_write_audit).

FEED = "/v1/feeds/registry"
SNAPSHOTS = "/v1/snapshots"
WHOLE = f"{FEEDS_SCOPE} households:read pii:read"


async def a_household(client, admin) -> str:
    response = await client.post("/v1/households", json=household_body(), headers=admin)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


@pytest.mark.smoke
async def test_a_client_reading_the_feed_whole_is_audited_per_record(
    app, client, areas, admin, tokens
):
    household_id = await a_household(client, admin)
    headers = tokens.headers(Role.MACHINE, area=COUNTY, scopes=WHOLE, subject="province")

    page = await client.get(FEED, headers=headers)
    assert page.status_code == 200, page.text

    audited = [e for e in await audit_reads(app) if e.resource == "household"]
    assert [(e.resource_id, e.reason, e.subject) for e in audited] == [
        (household_id, "feed", "province")
    ]
    assert audited[0].action == "read_unmasked"
    assert audited[0].fields == ["id_number", "phone"]  # the household's phone, its members' ids
    assert audited[0].request_id == page.headers["x-request-id"]
    # Areas and other records without personal data leave no entry.
    assert {e.resource for e in await audit_reads(app)} == {"household"}


@pytest.mark.smoke
async def test_a_snapshot_page_read_whole_is_audited(app, client, areas, admin, tokens):
    household_id = await a_household(client, admin)
    headers = tokens.headers(Role.MACHINE, area=COUNTY, scopes=WHOLE, subject="province")

    for aggregate in ("area", "household"):
        page = await client.get(f"{SNAPSHOTS}/{aggregate}", headers=headers)
        assert page.status_code == 200, page.text

    assert [(e.resource, e.resource_id, e.reason) for e in await audit_reads(app)] == [
        ("household", household_id, "snapshot")
    ]


@pytest.mark.smoke
async def test_masked_reads_and_the_services_own_reads_are_not_audited(
    app, client, areas, admin, tokens
):
    await a_household(client, admin)
    masked = tokens.headers(Role.MACHINE, area=COUNTY, scopes=f"{FEEDS_SCOPE} households:read")
    service = tokens.headers(Role.SERVICE)

    for headers in (masked, service):
        assert (await client.get(FEED, headers=headers)).status_code == 200
        assert (await client.get(f"{SNAPSHOTS}/household", headers=headers)).status_code == 200

    assert await audit_reads(app) == []
