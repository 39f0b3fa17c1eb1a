import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update

from assistance.models import Need, outbox
from assistance.tests.seeds import VILLAGE_B1, paired_household
from kit.auth import Role
from kit.clock import LOCAL_TZ, local_today

NOTE = {"note": "已联系县人社局，下月开班 / the county arranged a course"}


@pytest.fixture
async def zhang(app, client):
    cadre_id = uuid.uuid4()
    return cadre_id, await paired_household(app, cadre_id)


def cadre_headers(tokens, cadre_id, version=None):
    headers = tokens.headers(Role.CADRE, cadre_id=cadre_id)
    return {**headers, "If-Match": f'"{version}"'} if version else headers


def visit_body(household_id, needs, occurred_at):
    return {
        "household_id": str(household_id),
        "mode": "in_person",
        "occurred_at": occurred_at.isoformat(),
        "needs_raised": needs,
    }


async def raise_need(client, headers, household_id, **fields):
    body = {"household_id": str(household_id), "description": "危房需要修缮", **fields}
    response = await client.post("/v1/needs", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


@pytest.mark.smoke
async def test_a_visits_needs_become_tracked_needs_once(app, client, tokens, zhang):
    cadre_id, household_id = zhang
    visit_id = uuid.uuid4()
    occurred = datetime.now(UTC).replace(microsecond=0) - timedelta(days=2)
    needs = ["希望参加食用菌技术培训", "孩子上学交通不便"]
    body = visit_body(household_id, needs, occurred)
    path = f"/v1/visits/{visit_id}"
    assert (
        await client.put(path, json=body, headers=cadre_headers(tokens, cadre_id))
    ).status_code == 201
    assert (
        await client.put(path, json=body, headers=cadre_headers(tokens, cadre_id))
    ).status_code == 200
    edited = visit_body(household_id, [*needs, "申请小额信贷"], occurred)
    assert (
        await client.put(path, json=edited, headers=cadre_headers(tokens, cadre_id, 1))
    ).is_success

    response = await client.get(
        "/v1/needs", params={"visit_id": str(visit_id)}, headers=cadre_headers(tokens, cadre_id)
    )

    tracked = response.json()["items"]
    assert sorted(n["description"] for n in tracked) == sorted([*needs, "申请小额信贷"])
    first = next(n for n in tracked if n["description"] == needs[0])
    assert first["status"] == "open" and first["visit_id"] == str(visit_id)
    assert datetime.fromisoformat(first["raised_at"]) == occurred
    # Due need_days (30) after the visit's local day, not the day it arrived.
    assert (
        first["due_on"] == (occurred.astimezone(LOCAL_TZ).date() + timedelta(days=30)).isoformat()
    )
    assert first["durations"] == {
        "to_start_seconds": None,
        "in_progress_seconds": None,
        "to_close_seconds": None,
    }
    # The visit keeps its list as the record.
    visit = await client.get(path, headers=cadre_headers(tokens, cadre_id))
    assert visit.json()["needs_raised"] == [*needs, "申请小额信贷"]


@pytest.mark.smoke
async def test_a_need_goes_open_in_progress_closed_with_each_steps_time(app, client, tokens, zhang):
    cadre_id, household_id = zhang
    need = await raise_need(client, cadre_headers(tokens, cadre_id), household_id)
    assert need["due_on"] == (local_today() + timedelta(days=30)).isoformat()
    # Raised two hours ago, so the first step visibly took two hours.
    async with app.state.sessionmaker.begin() as session:
        await session.execute(
            update(Need)
            .where(Need.id == uuid.UUID(need["id"]))  # type: ignore[arg-type]
            .values(raised_at=datetime.now(UTC) - timedelta(hours=2))
        )
    path = f"/v1/needs/{need['id']}"

    no_version = await client.post(
        f"{path}/start", json={}, headers=cadre_headers(tokens, cadre_id)
    )
    close_too_early = await client.post(
        f"{path}/close", json=NOTE, headers=cadre_headers(tokens, cadre_id, 1)
    )
    started = await client.post(
        f"{path}/start",
        json={"responsible_unit": "县住建局", "note": "已转住建局"},
        headers=cadre_headers(tokens, cadre_id, 1),
    )
    start_again = await client.post(
        f"{path}/start", json={}, headers=cadre_headers(tokens, cadre_id, 2)
    )
    stale = await client.post(
        f"{path}/close", json=NOTE, headers=cadre_headers(tokens, cadre_id, 1)
    )
    no_note = await client.post(
        f"{path}/close", json={}, headers=cadre_headers(tokens, cadre_id, 2)
    )
    closed = await client.post(
        f"{path}/close", json=NOTE, headers=cadre_headers(tokens, cadre_id, 2)
    )
    close_again = await client.post(
        f"{path}/close", json=NOTE, headers=cadre_headers(tokens, cadre_id, 3)
    )

    assert no_version.status_code == 428
    assert close_too_early.status_code == 409 and start_again.status_code == 409
    assert close_again.status_code == 409
    assert close_too_early.json()["type"] == "/problems/not-started"
    assert start_again.json()["type"] == "/problems/already-started"
    assert close_again.json()["type"] == "/problems/closed"
    assert stale.status_code == 412
    assert no_note.status_code == 422 and no_note.json()["errors"][0]["field"] == "note"
    assert started.status_code == 200 and started.json()["status"] == "in_progress"
    assert started.json()["responsible_unit"] == "县住建局"
    assert closed.status_code == 200, closed.text
    done = closed.json()
    assert (done["status"], done["version"], done["close_note"]) == ("closed", 3, NOTE["note"])
    durations = done["durations"]
    assert 7190 <= durations["to_start_seconds"] <= 7260
    assert 0 <= durations["in_progress_seconds"] < 60
    assert durations["to_close_seconds"] == pytest.approx(
        durations["to_start_seconds"] + durations["in_progress_seconds"], abs=1
    )
    async with app.state.sessionmaker() as session:
        versions = (
            await session.execute(
                select(outbox.c.version, outbox.c.data["status"].as_string())
                .where(outbox.c.aggregate == "need")
                .order_by(outbox.c.seq)
            )
        ).all()
    assert [tuple(v) for v in versions] == [(1, "open"), (2, "in_progress"), (3, "closed")]


async def test_overdue_needs_are_the_unclosed_ones_past_their_due_date(client, tokens, zhang):
    cadre_id, household_id = zhang
    headers = cadre_headers(tokens, cadre_id)
    past = (local_today() - timedelta(days=1)).isoformat()
    late = await raise_need(client, headers, household_id, due_on=past)
    closed_late = await raise_need(client, headers, household_id, due_on=past)
    await raise_need(client, headers, household_id)  # due in 30 days
    path = f"/v1/needs/{closed_late['id']}"
    await client.post(f"{path}/start", json={}, headers=cadre_headers(tokens, cadre_id, 1))
    await client.post(f"{path}/close", json=NOTE, headers=cadre_headers(tokens, cadre_id, 2))

    overdue = await client.get("/v1/needs", params={"overdue": "true"}, headers=headers)
    on_time = await client.get("/v1/needs", params={"overdue": "false"}, headers=headers)
    closed = await client.get("/v1/needs", params={"status": "closed"}, headers=headers)

    assert [n["id"] for n in overdue.json()["items"]] == [late["id"]]
    assert overdue.json()["items"][0]["overdue"] is True
    assert len(on_time.json()["items"]) == 2
    assert [n["id"] for n in closed.json()["items"]] == [closed_late["id"]]


async def test_who_may_see_and_move_a_need(app, client, tokens, zhang):
    cadre_id, household_id = zhang
    elsewhere = await paired_household(app, uuid.uuid4(), village=VILLAGE_B1)
    admin = tokens.headers(Role.COUNTY_ADMIN)
    mine = await raise_need(client, admin, household_id)
    theirs = await raise_need(client, admin, elsewhere)

    listed = await client.get("/v1/needs", headers=cadre_headers(tokens, cadre_id))
    leader_reads = await client.get(
        f"/v1/needs/{theirs['id']}", headers=tokens.headers(Role.LEADER)
    )
    leader_starts = await client.post(
        f"/v1/needs/{mine['id']}/start",
        json={},
        headers={**tokens.headers(Role.LEADER), "If-Match": '"1"'},
    )
    cadre_starts_theirs = await client.post(
        f"/v1/needs/{theirs['id']}/start", json={}, headers=cadre_headers(tokens, cadre_id, 1)
    )
    cadre_raises_theirs = await client.post(
        "/v1/needs",
        json={"household_id": str(elsewhere), "description": "x"},
        headers=cadre_headers(tokens, cadre_id),
    )

    assert [n["id"] for n in listed.json()["items"]] == [mine["id"]]
    assert leader_reads.status_code == 200 and leader_starts.status_code == 403
    assert cadre_starts_theirs.status_code == 404
    assert cadre_raises_theirs.status_code == 422
