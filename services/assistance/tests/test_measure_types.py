import pytest
from sqlalchemy import func, select

from assistance.measure_types.catalogue import DEFAULT_TYPES, MEASURES, Action
from assistance.measure_types.seeding import seed_until_done
from assistance.models import outbox
from assistance.tests.seeds import measure_catalogue
from kit.auth import Role

pytestmark = pytest.mark.smoke


async def catalogue(client, tokens, **params):
    response = await client.get(
        "/v1/measure-types", params=params, headers=tokens.headers(Role.CADRE)
    )
    assert response.status_code == 200, response.text
    return {item["code"]: item for item in response.json()["items"]}


async def measure_type_events(app):
    async with app.state.sessionmaker() as session:
        return await session.scalar(
            select(func.count()).select_from(outbox).where(outbox.c.aggregate == "measure_type")
        )


def test_the_plan_has_fifteen_measures_in_four_actions():
    assert sorted(MEASURES) == list(range(1, 16))
    by_action = {a: [n for n, m in MEASURES.items() if m.action == a] for a in Action}
    # 三、重点举措: (一) 产业兴农 1–5, (二) 就业富农 6–8, (三) 改革兴农 9–12, (四) 帮扶惠农 13–15.
    assert by_action == {
        Action.INDUSTRY: [1, 2, 3, 4, 5],
        Action.EMPLOYMENT: [6, 7, 8],
        Action.REFORM: [9, 10, 11, 12],
        Action.SUPPORT: [13, 14, 15],
    }


async def test_the_catalogue_is_seeded_once_with_each_type_at_its_measure(app, client, tokens):
    await measure_catalogue(app)
    await measure_catalogue(app)  # every start seeds; the second changes nothing

    types = await catalogue(client, tokens)

    assert set(types) == {t.code for t in DEFAULT_TYPES}
    assert await measure_type_events(app) == len(DEFAULT_TYPES)
    industry, credit, medical = types["industry"], types["micro_credit"], types["medical"]
    assert (industry["measure_no"], industry["action"], industry["action_name_zh"]) == (
        1,
        "industry",
        "产业兴农行动",
    )
    assert (credit["measure_no"], credit["action"], credit["name_zh"]) == (12, "reform", "小额信贷")
    assert (medical["measure_no"], medical["action"]) == (13, "support")
    assert types["employment"]["measure_name_zh"] == "鼓励农民创业就业"
    assert types["skills_training"]["action"] == "employment"


async def test_the_county_admin_adds_and_edits_types_with_if_match(app, client, tokens):
    await measure_catalogue(app)
    admin = tokens.headers(Role.COUNTY_ADMIN)
    body = {"name_zh": "光伏收益", "name_en": "solar income", "measure_no": 15}

    made = await client.put("/v1/measure-types/solar", json=body, headers=admin)
    retire = {"name_zh": "产业帮扶", "name_en": "industry", "measure_no": 1, "active": False}
    blind = await client.put("/v1/measure-types/industry", json=retire, headers=admin)
    stale = await client.put(
        "/v1/measure-types/industry", json=retire, headers={**admin, "If-Match": '"7"'}
    )
    retired = await client.put(
        "/v1/measure-types/industry", json=retire, headers={**admin, "If-Match": '"1"'}
    )
    await measure_catalogue(app)  # a restart does not undo the admin's edit

    assert made.status_code == 201 and made.json()["action"] == "support"
    assert (blind.status_code, stale.status_code, retired.status_code) == (428, 412, 200)
    assert retired.headers["etag"] == '"2"'
    types = await catalogue(client, tokens)
    assert types["industry"]["active"] is False and types["solar"]["measure_no"] == 15
    assert "industry" not in await catalogue(client, tokens, active="true")


async def test_a_measure_number_outside_the_plan_or_another_role_is_refused(app, client, tokens):
    body = {"name_zh": "其他", "name_en": "other", "measure_no": 16}
    admin, officer = tokens.headers(Role.COUNTY_ADMIN), tokens.headers(Role.TOWNSHIP_OFFICER)

    wrong = await client.put("/v1/measure-types/other", json=body, headers=admin)
    by_officer = await client.put(
        "/v1/measure-types/other", json={**body, "measure_no": 14}, headers=officer
    )

    assert wrong.status_code == 422
    assert wrong.json()["errors"][0]["field"] == "measure_no"
    assert by_officer.status_code == 403


async def test_the_app_seeds_the_catalogue_as_it_starts(app, client, tokens):
    await seed_until_done(app)  # what the lifespan runs in the background

    assert len(await catalogue(client, tokens)) == len(DEFAULT_TYPES)
