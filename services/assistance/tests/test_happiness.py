import asyncio
import uuid
from decimal import Decimal

import pytest
from sqlalchemy import select

from assistance.models import outbox
from assistance.tests.seeds import TOWN_A, VILLAGE_B1, paired_household
from kit.auth import Role


def item_body(household_id, **fields):
    return {
        "household_id": str(household_id),
        "category": "consumption_purchase",
        "title": "结对单位采购香菇 50 斤 / 25 kg of mushrooms bought",
        "value": "1500.00",
        "delivering_unit": "县农业农村局",
        "delivered_on": "2026-06-18",
        "status": "delivered",
        **fields,
    }


@pytest.fixture
async def zhang(app, client):
    cadre_id = uuid.uuid4()
    return cadre_id, await paired_household(app, cadre_id)


def cadre_headers(tokens, cadre_id):
    return tokens.headers(Role.CADRE, cadre_id=cadre_id)


async def put(client, headers, body, item_id=None, if_match=None):
    if if_match:
        headers = {**headers, "If-Match": if_match}
    return await client.put(
        f"/v1/happiness-items/{item_id or uuid.uuid4()}", json=body, headers=headers
    )


@pytest.mark.smoke
async def test_an_item_is_stored_once_however_often_the_phone_sends_it(client, tokens, zhang):
    cadre_id, household_id = zhang
    item_id, headers = uuid.uuid4(), cadre_headers(tokens, cadre_id)

    first = await put(client, headers, item_body(household_id), item_id)
    again = await put(client, headers, item_body(household_id), item_id)
    other = await put(client, headers, item_body(household_id, value="1600.00"), item_id)

    assert first.status_code == 201, first.text
    item = first.json()
    assert (item["value"], item["year"], item["status"]) == ("1500.00", 2026, "delivered")
    assert again.status_code == 200 and again.json() == item
    assert other.status_code == 409
    assert other.json()["type"] == "/problems/same-id-other-body"


async def test_concurrent_repeats_store_one_item_and_one_event(app, client, tokens, zhang):
    cadre_id, household_id = zhang
    item_id, headers = uuid.uuid4(), cadre_headers(tokens, cadre_id)

    responses = await asyncio.gather(
        *(put(client, headers, item_body(household_id), item_id) for _ in range(8))
    )

    assert sorted(r.status_code for r in responses) == [200] * 7 + [201]
    async with app.state.sessionmaker() as session:
        events = (
            await session.execute(
                select(outbox.c.data).where(outbox.c.aggregate == "happiness_item")
            )
        ).all()
    [(data,)] = events
    # What indicators' "six ones" reads: an item (planned or delivered) in the year.
    assert (data["household_id"], data["year"], data["delivered_on"], data["status"]) == (
        str(household_id),
        2026,
        "2026-06-18",
        "delivered",
    )


@pytest.mark.smoke
async def test_an_edit_needs_the_version_and_keeps_the_household(app, client, tokens, zhang):
    cadre_id, household_id = zhang
    item_id, headers = uuid.uuid4(), cadre_headers(tokens, cadre_id)
    await put(client, headers, item_body(household_id, status="planned"), item_id)
    other_household = await paired_household(app, cadre_id)

    delivered = item_body(household_id, status="delivered")
    stale = await put(client, headers, delivered, item_id, if_match='"3"')
    moved = await put(client, headers, item_body(other_household), item_id, if_match='"1"')
    edited = await put(client, headers, delivered, item_id, if_match='"1"')
    by_leader = await put(client, tokens.headers(Role.LEADER), delivered, item_id, if_match='"2"')

    assert stale.status_code == 412
    assert moved.status_code == 422 and moved.json()["errors"][0]["field"] == "household_id"
    assert edited.status_code == 200 and edited.json()["status"] == "delivered"
    assert edited.headers["etag"] == '"2"'
    assert by_leader.status_code == 403


@pytest.mark.smoke
async def test_the_list_of_a_household_and_year_gives_its_exact_total(client, tokens, zhang):
    cadre_id, household_id = zhang
    headers = cadre_headers(tokens, cadre_id)
    values = ["0.10", "0.20", "1234.56", "99999999.99"]  # floats would not add up to the fen
    for index, value in enumerate(values):
        status = "planned" if index == 0 else "delivered"
        await put(client, headers, item_body(household_id, value=value, status=status))
    await put(client, headers, item_body(household_id, value="500.00", delivered_on="2025-12-01"))

    response = await client.get(
        "/v1/happiness-items",
        params={"household_id": str(household_id), "year": 2026, "limit": 2},
        headers=headers,
    )

    assert response.status_code == 200
    page = response.json()
    assert len(page["items"]) == 2 and page["next_cursor"]  # the total covers every page
    assert page["count"] == 4
    assert page["total"] == str(sum(Decimal(v) for v in values)) == "100001234.85"
    assert page["delivered_total"] == "100001234.75"
    last_year = await client.get(
        "/v1/happiness-items",
        params={"household_id": str(household_id), "year": 2025},
        headers=headers,
    )
    assert last_year.json()["total"] == "500.00"


@pytest.mark.parametrize(
    ("field", "value"),
    [("value", 12.5), ("value", "-1.00"), ("value", "1.005"), ("category", "gift"),
     ("status", "promised")],
)  # fmt: skip
async def test_a_bad_item_is_refused_naming_the_field(client, tokens, zhang, field, value):
    cadre_id, household_id = zhang

    response = await put(
        client, cadre_headers(tokens, cadre_id), item_body(household_id, **{field: value})
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == field


async def test_a_cadre_keeps_only_their_households_list(app, client, tokens, zhang):
    cadre_id, household_id = zhang
    elsewhere = await paired_household(app, uuid.uuid4(), village=VILLAGE_B1)
    admin = tokens.headers(Role.COUNTY_ADMIN)
    await put(client, admin, item_body(household_id))
    await put(client, admin, item_body(elsewhere))

    not_theirs = await put(client, cadre_headers(tokens, cadre_id), item_body(elsewhere))
    seen_by_cadre = await client.get("/v1/happiness-items", headers=cadre_headers(tokens, cadre_id))
    seen_by_officer = await client.get(
        "/v1/happiness-items", headers=tokens.headers(Role.TOWNSHIP_OFFICER, area=TOWN_A)
    )
    seen_by_leader = await client.get("/v1/happiness-items", headers=tokens.headers(Role.LEADER))

    assert not_theirs.status_code == 422
    assert not_theirs.json()["errors"][0]["field"] == "household_id"
    assert [i["household_id"] for i in seen_by_cadre.json()["items"]] == [str(household_id)]
    assert seen_by_cadre.json()["total"] == "1500.00"
    assert [i["household_id"] for i in seen_by_officer.json()["items"]] == [str(household_id)]
    assert seen_by_leader.json()["total"] == "3000.00"
