import uuid
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select
from sqlmodel import col

from assistance.demo.generate import MONTHS, PairedHousehold, generate
from assistance.demo.load import load_activity
from assistance.models import Need, Plan, Visit, VisitPhoto, outbox
from assistance.tests.seeds import (
    HOME,
    VILLAGE_A1,
    VILLAGE_B1,
    cadre_event,
    household_event,
    pairing_event,
    sync,
)
from kit.auth import Role

NOW = datetime(2026, 11, 29, 4, 0, tzinfo=UTC)


def county(count: int) -> list[PairedHousehold]:
    return [
        PairedHousehold(
            id=uuid.UUID(int=index + 1),
            village_code=VILLAGE_A1 if index % 2 else VILLAGE_B1,
            cadre_id=uuid.UUID(int=10_000 + index // 5),
            paired_since=date(2024, 3, 1) if index % 40 else date(2026, 5, 10),
            latitude=HOME[0],
            longitude=HOME[1],
        )
        for index in range(count)
    ]


def test_the_demo_year_is_the_same_every_time_and_realistic():
    households = county(400)

    first, again = generate(households, NOW), generate(households, NOW)
    fewer = generate(households[:200], NOW)

    assert first == again
    # A household's year does not depend on the others.
    assert [v for v in first.visits if v["household_id"] in {h.id for h in households[:200]}] == (
        fewer.visits
    )
    visited = {
        (v["household_id"], v["occurred_at"].astimezone(UTC).strftime("%Y-%m"))
        for v in first.visits
    }
    assert 0.8 * 400 * len(MONTHS) < len(visited) < 0.95 * 400 * len(MONTHS)
    assert all(v["occurred_at"] <= NOW and v["created_at"] <= NOW for v in first.visits)
    backdated = [v for v in first.visits if v["backdate_reason"]]
    assert backdated and all(v["late_entry"] for v in backdated)
    assert any(v["far_from_home"] for v in first.visits)
    assert any(v["risk_flags"] for v in first.visits)
    assert first.photos and first.visit_photos
    assert {n["status"] for n in first.needs} == {"open", "in_progress", "closed"}
    assert all(
        n["closed_at"] is None or n["started_at"] < n["closed_at"] <= NOW for n in first.needs
    )
    assert {p["year"] for p in first.plans} == {2025, 2026}
    assert {i["status"] for i in first.items} == {"planned", "delivered"}
    # A household paired in May 2026 is not visited before it.
    late_paired = households[0]
    assert all(
        v["occurred_at"].date() >= date(2026, 5, 10)
        for v in first.visits
        if v["household_id"] == late_paired.id
    )


async def test_seed_demo_loads_once_with_events_and_the_api_reads_it(app, client, tokens):
    cadre_id = uuid.uuid4()
    events = [cadre_event(cadre_id)]
    for index in range(30):
        household_id = uuid.UUID(int=index + 1)  # fixed, so the generated year is too
        village = VILLAGE_A1 if index % 2 else VILLAGE_B1
        events += [
            household_event(household_id, village=village),
            pairing_event(cadre_id, household_id, started_on=date(2024, 1, 1)),
        ]
    await sync(app, events)

    counts = await load_activity(app, app.state.photo_store, NOW)
    again = await load_activity(app, app.state.photo_store, NOW)

    assert counts is not None and counts["households"] == 30 and again is None
    async with app.state.sessionmaker() as session:
        stored = {
            model.__tablename__: await session.scalar(select(func.count()).select_from(model))
            for model in (Visit, Need, Plan)
        }
        by_aggregate = dict(
            (
                await session.execute(
                    select(outbox.c.aggregate, func.count()).group_by(outbox.c.aggregate)
                )
            ).all()
        )
    assert stored == {"visit": counts["visits"], "need": counts["needs"], "plan": counts["plans"]}
    assert by_aggregate["visit"] == counts["visits"] and by_aggregate["plan"] == counts["plans"]
    assert by_aggregate["happiness_item"] == counts["happiness_items"]
    assert by_aggregate["need"] == counts["needs"]
    assert by_aggregate.get("attachment", 0) == counts["photos"]

    headers = tokens.headers(Role.CADRE, cadre_id=cadre_id)
    visits = await client.get("/v1/visits", params={"month": "2026-10"}, headers=headers)
    plans = await client.get("/v1/plans", params={"year": 2026}, headers=headers)
    items = await client.get("/v1/happiness-items", params={"year": 2026}, headers=headers)
    assert visits.status_code == 200 and visits.json()["items"]
    assert all(v["cadre_id"] == str(cadre_id) for v in visits.json()["items"])
    assert plans.json()["items"]
    assert items.json()["count"] > 0 and items.json()["total"] != "0.00"
    async with app.state.sessionmaker() as session:
        photo_id = await session.scalar(select(col(VisitPhoto.attachment_id)).limit(1))
    assert photo_id is not None  # this county's year has photos
    fetched = await client.get(f"/v1/attachments/{photo_id}", headers=headers)
    assert fetched.status_code == 200 and fetched.content.startswith(b"\x89PNG")


@pytest.mark.smoke
async def test_an_empty_copy_seeds_nothing_but_the_catalogue(app, client):
    counts = await load_activity(app, app.state.photo_store, NOW)

    assert counts is not None and counts["visits"] == 0
