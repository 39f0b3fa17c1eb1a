import asyncio
import uuid

import pytest
from sqlalchemy import select

from assistance.models import outbox
from assistance.tests.seeds import TOWN_A, TOWN_B, VILLAGE_A1, VILLAGE_B1, measure_catalogue
from assistance.tests.seeds import paired_household as pair
from kit.auth import Role

INSURED = {
    "insured": True,
    "insurer": "中国人保庆元支公司",
    "policy_number": "PICC-2026-000123",
    "starts_on": "2026-01-01",
    "ends_on": "2026-12-31",
    "premium_paid_by": "government",
}


def plan_body(**fields):
    return {
        "main_measure": "industry",
        "goals": "扩种香菇 2 万棒，年增收 1 万元 / 20,000 more mushroom logs",
        "insurance": INSURED,
        **fields,
    }


@pytest.fixture
async def zhang(app, client):
    """A cadre and their household in 黄田村, with the measure catalogue."""
    await measure_catalogue(app)
    cadre_id = uuid.uuid4()
    return cadre_id, await pair(app, cadre_id)


def cadre_headers(tokens, cadre_id):
    return tokens.headers(Role.CADRE, cadre_id=cadre_id)


async def put(client, headers, household_id, body=None, *, year=2026, if_match=None):
    if if_match:
        headers = {**headers, "If-Match": if_match}
    return await client.put(
        f"/v1/plans/{household_id}/{year}", json=body or plan_body(), headers=headers
    )


@pytest.mark.smoke
async def test_a_cadre_makes_their_households_plan(app, client, tokens, zhang):
    cadre_id, household_id = zhang

    response = await put(client, cadre_headers(tokens, cadre_id), household_id)

    assert response.status_code == 201, response.text
    plan = response.json()
    assert (plan["household_id"], plan["year"], plan["village_code"]) == (
        str(household_id),
        2026,
        VILLAGE_A1,
    )
    assert plan["main_measure"] == {
        "code": "industry",
        "name_zh": "产业帮扶",
        "name_en": "industry",
        "measure_no": 1,
        "action": "industry",
    }
    assert plan["insurance"] == INSURED  # the policy number is not sensitive: shown plainly
    assert response.headers["etag"] == '"1"'
    fetched = await client.get(
        f"/v1/plans/{household_id}/2026", headers=tokens.headers(Role.LEADER)
    )
    assert fetched.status_code == 200 and fetched.json() == plan


@pytest.mark.smoke
async def test_a_repeat_answers_the_plan_and_a_replacement_needs_if_match(client, tokens, zhang):
    cadre_id, household_id = zhang
    headers = cadre_headers(tokens, cadre_id)
    first = await put(client, headers, household_id)

    again = await put(client, headers, household_id)
    changed = plan_body(main_measure="employment", insurance={"insured": False})
    blind = await put(client, headers, household_id, changed)
    stale = await put(client, headers, household_id, changed, if_match='"5"')
    replaced = await put(client, headers, household_id, changed, if_match='"1"')

    assert again.status_code == 200 and again.json() == first.json()
    assert (blind.status_code, stale.status_code) == (428, 412)
    assert replaced.status_code == 200 and replaced.headers["etag"] == '"2"'
    assert replaced.json()["main_measure"]["action"] == "employment"
    assert replaced.json()["insurance"]["insured"] is False


async def test_concurrent_creates_make_one_plan(app, client, tokens, zhang):
    cadre_id, household_id = zhang
    headers = cadre_headers(tokens, cadre_id)
    responses = await asyncio.gather(*(put(client, headers, household_id) for _ in range(5)))

    assert sorted(r.status_code for r in responses) == [200] * 4 + [201]
    async with app.state.sessionmaker() as session:
        events = (
            await session.execute(select(outbox.c.aggregate_id).where(outbox.c.aggregate == "plan"))
        ).all()
    assert len(events) == 1


async def test_who_may_write_a_plan(app, client, tokens, zhang):
    _, household_id = zhang
    other = await pair(app, uuid.uuid4(), village=VILLAGE_B1)

    by_other_cadre = await put(client, cadre_headers(tokens, uuid.uuid4()), household_id)
    by_leader = await put(client, tokens.headers(Role.LEADER), household_id)
    by_machine = await put(client, tokens.headers(Role.MACHINE, scopes="visits:read"), household_id)
    by_officer_a = await put(
        client, tokens.headers(Role.TOWNSHIP_OFFICER, area=TOWN_A), household_id
    )
    by_officer_a_on_b = await put(client, tokens.headers(Role.TOWNSHIP_OFFICER, area=TOWN_A), other)
    by_officer_b = await put(client, tokens.headers(Role.TOWNSHIP_OFFICER, area=TOWN_B), other)

    assert by_other_cadre.status_code == 404  # not theirs: not there
    assert (by_leader.status_code, by_machine.status_code) == (403, 403)
    assert (by_officer_a.status_code, by_officer_b.status_code) == (201, 201)
    assert by_officer_a_on_b.status_code == 404


@pytest.mark.parametrize(
    ("insurance", "measure"),
    [
        ({"insured": True, "insurer": "人保"}, "industry"),  # no period
        ({"insured": False, "insurer": "人保"}, "industry"),  # a policy without insurance
        ({**INSURED, "starts_on": "2026-12-31", "ends_on": "2026-01-01"}, "industry"),
        ({**INSURED, "premium_paid_by": "neighbour"}, "industry"),
        (INSURED, "no_such_measure"),
    ],
)
async def test_an_inconsistent_plan_is_refused(client, tokens, zhang, insurance, measure):
    cadre_id, household_id = zhang

    response = await put(
        client,
        cadre_headers(tokens, cadre_id),
        household_id,
        plan_body(insurance=insurance, main_measure=measure),
    )

    assert response.status_code == 422, response.text
    [error] = response.json()["errors"]
    assert error["field"].split(".")[0] in ("insurance", "main_measure")


async def test_a_retired_measure_cannot_be_chosen(client, tokens, zhang):
    cadre_id, household_id = zhang
    admin = {**tokens.headers(Role.COUNTY_ADMIN), "If-Match": '"1"'}
    retire = {"name_zh": "搬迁安置", "name_en": "relocation", "measure_no": 10, "active": False}
    assert (
        await client.put("/v1/measure-types/relocation", json=retire, headers=admin)
    ).status_code == 200

    response = await put(
        client, cadre_headers(tokens, cadre_id), household_id, plan_body(main_measure="relocation")
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "main_measure"


async def test_plans_list_by_year_measure_insurance_and_area(app, client, tokens, zhang):
    cadre_id, household_id = zhang
    admin = tokens.headers(Role.COUNTY_ADMIN)
    other = await pair(app, uuid.uuid4(), village=VILLAGE_B1)
    await put(client, admin, household_id)
    await put(client, admin, household_id, plan_body(main_measure=None), year=2025)
    await put(client, admin, other, plan_body(insurance={"insured": False}))

    async def plans(headers=admin, **params):
        response = await client.get("/v1/plans", params=params, headers=headers)
        assert response.status_code == 200, response.text
        return [(p["household_id"], p["year"]) for p in response.json()["items"]]

    mine, theirs = str(household_id), str(other)
    assert set(await plans(year=2026)) == {(mine, 2026), (theirs, 2026)}
    assert await plans(has_main_measure="false") == [(mine, 2025)]
    assert await plans(insured="false") == [(theirs, 2026)]
    assert await plans(area=TOWN_B) == [(theirs, 2026)]
    assert await plans(headers=cadre_headers(tokens, cadre_id)) == [(mine, 2026), (mine, 2025)]
    assert await plans(headers=tokens.headers(Role.TOWNSHIP_OFFICER, area=TOWN_A), year=2026) == [
        (mine, 2026)
    ]


async def test_the_plan_event_carries_the_six_ones_facts(app, client, tokens, zhang):
    cadre_id, household_id = zhang
    await put(client, cadre_headers(tokens, cadre_id), household_id)

    async with app.state.sessionmaker() as session:
        [event] = (await session.execute(select(outbox).where(outbox.c.aggregate == "plan"))).all()
    assert (event.area_code, event.version) == (VILLAGE_A1, 1)
    data = event.data
    assert (data["household_id"], data["year"], data["main_measure"]["code"]) == (
        str(household_id),
        2026,
        "industry",
    )
    insurance = data["insurance"]
    assert (insurance["insured"], insurance["starts_on"], insurance["ends_on"]) == (
        True,
        "2026-01-01",
        "2026-12-31",
    )


async def test_outside_clients_get_plan_events_of_their_area_with_visits_read(
    client, tokens, zhang
):
    cadre_id, household_id = zhang
    await put(client, cadre_headers(tokens, cadre_id), household_id)

    async def plan_events(scopes, area=""):
        headers = tokens.headers(Role.MACHINE, scopes=scopes, area=area)
        response = await client.get("/v1/feeds/assistance", headers=headers)
        assert response.status_code == 200
        return [e for e in response.json()["items"] if e["aggregate"] == "plan"]

    [event] = await plan_events("feeds:read visits:read", TOWN_A)
    assert event["data"]["insurance"]["policy_number"] == INSURED["policy_number"]  # not masked
    assert await plan_events("feeds:read visits:read", TOWN_B) == []
    assert await plan_events("feeds:read") == []
