"""A visit counts when it records something seen or done (shared/DOMAIN.md): new visits without
an observation, a need or an action in a few words are refused; stored ones keep counting."""

import uuid
from datetime import UTC, datetime, time, timedelta

import pytest

from assistance.models import Visit
from assistance.tests.seeds import VILLAGE_A1, paired_household
from kit.auth import Role
from kit.clock import LOCAL_TZ, local_today


def empty_visit(household_id: uuid.UUID, **fields: object) -> dict[str, object]:
    """In person, backdated with a reason, no note, no GPS, no photo: the visit of the bug."""
    return {
        "household_id": str(household_id),
        "mode": "in_person",
        "occurred_at": (datetime.now(UTC) - timedelta(days=20)).isoformat(),
        "backdate_reason": "补录上月纸质记录",
        **fields,
    }


@pytest.fixture
async def zhang(app):
    cadre_id = uuid.uuid4()
    return cadre_id, await paired_household(app, cadre_id)


async def put(client, headers, body, visit_id=None, **kwargs):
    return await client.put(
        f"/v1/visits/{visit_id or uuid.uuid4()}", json=body, headers=headers, **kwargs
    )


@pytest.mark.smoke
async def test_an_empty_visit_is_refused_naming_what_it_lacks(client, tokens, zhang):
    cadre_id, household_id = zhang
    headers = tokens.headers(Role.CADRE, cadre_id=cadre_id)

    response = await put(client, headers, empty_visit(household_id))

    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["type"] == "/problems/empty-visit"
    assert [e["field"] for e in problem["errors"]] == ["observations"]
    listed = await client.get(
        "/v1/visits", params={"household_id": str(household_id)}, headers=headers
    )
    assert listed.json()["items"] == []


@pytest.mark.parametrize(
    "filler",
    [
        {"observations": {"income": "  "}, "actions_taken": "。。", "needs_raised": ["无"]},
        {"actions_promised": "ok"},
        {"observations": {"housing": "—— ……"}},
    ],
)
async def test_blank_punctuation_or_a_word_or_two_is_not_enough(client, tokens, zhang, filler):
    cadre_id, household_id = zhang
    headers = tokens.headers(Role.CADRE, cadre_id=cadre_id)

    response = await put(client, headers, empty_visit(household_id, **filler))

    assert response.status_code == 422, response.text
    assert response.json()["type"] == "/problems/empty-visit"


@pytest.mark.parametrize(
    "content",
    [
        {"observations": {"housing": "屋顶漏雨"}},
        {"observations": {"health": "腰伤好转"}},
        {"needs_raised": ["想学电商"]},
        {"actions_taken": "讲解医保报销"},
        {"actions_promised": "call the co-op"},
    ],
)
async def test_an_observation_a_need_or_an_action_makes_it_count(client, tokens, zhang, content):
    cadre_id, household_id = zhang
    headers = tokens.headers(Role.CADRE, cadre_id=cadre_id)

    response = await put(client, headers, empty_visit(household_id, **content))

    assert response.status_code == 201, response.text


async def test_an_edit_may_not_empty_a_visit(client, tokens, zhang):
    cadre_id, household_id = zhang
    headers = tokens.headers(Role.CADRE, cadre_id=cadre_id)
    visit_id = uuid.uuid4()
    body = empty_visit(household_id, actions_taken="讲解医保报销")
    assert (await put(client, headers, body, visit_id)).status_code == 201

    emptied = await put(
        client, {**headers, "If-Match": '"1"'}, {**body, "actions_taken": ""}, visit_id
    )

    assert emptied.status_code == 422
    assert emptied.json()["type"] == "/problems/empty-visit"


async def test_an_empty_visit_stored_before_the_rule_still_counts(app, client, tokens, zhang):
    cadre_id, household_id = zhang
    now = datetime.now(UTC)
    async with app.state.sessionmaker() as session:
        session.add(
            Visit(
                id=uuid.uuid4(),
                household_id=household_id,
                cadre_id=cadre_id,
                village_code=VILLAGE_A1,
                mode="in_person",
                occurred_at=now - timedelta(hours=1),
                body_hash="0" * 64,
                recorded_by="before-the-rule",
                created_at=now,
                updated_at=now,
            )
        )
        await session.commit()

    schedule = await client.get(
        "/v1/schedule", headers=tokens.headers(Role.CADRE, cadre_id=cadre_id)
    )

    assert schedule.status_code == 200, schedule.text
    statuses = {i["household_id"]: i["status"] for i in schedule.json()["items"]}
    assert statuses == {str(household_id): "visited"}


async def test_the_schedule_names_the_latest_visit_of_any_month(client, tokens, zhang):
    """The cadre's list shows when they last went, even before this month's visit."""
    cadre_id, household_id = zhang
    headers = tokens.headers(Role.CADRE, cadre_id=cadre_id)
    first_of_month = local_today().replace(day=1)
    earlier = datetime.combine(first_of_month - timedelta(days=3), time(10), tzinfo=LOCAL_TZ)
    body = empty_visit(household_id, occurred_at=earlier.isoformat(), actions_taken="讲解医保报销")
    assert (await put(client, headers, body)).status_code == 201

    [item] = (await client.get("/v1/schedule", headers=headers)).json()["items"]

    assert (item["status"], item["last_visit_at"]) == ("pending", None)
    assert datetime.fromisoformat(item["latest_visit_at"]) == earlier
