"""Schedule and compliance on one small county, last month (everything decided) and this month."""

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest

from assistance.tests.seeds import (
    TOWN_A,
    TOWN_B,
    VILLAGE_A1,
    VILLAGE_B1,
    cadre_event,
    household_event,
    pairing_event,
    sync,
)
from kit.auth import Role
from kit.clock import LOCAL_TZ, local_today


def last_month() -> tuple[str, date]:
    first = local_today().replace(day=1) - timedelta(days=1)
    return first.strftime("%Y-%m"), first.replace(day=1)


def at(day: date, hour: int = 10, minute: int = 0) -> str:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=LOCAL_TZ).isoformat()


class County:
    """Cadres A, B (黄田镇) and C (隆宫乡); households h1–h6 (see each test's expectations)."""

    def __init__(self) -> None:
        self.a, self.b, self.c = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
        self.h = {n: uuid.uuid4() for n in range(1, 7)}


@pytest.fixture
async def county(app, client, tokens):
    c = County()
    _, first = last_month()
    events = [
        cadre_event(c.a, name="甲"),
        cadre_event(c.b, name="乙"),
        cadre_event(c.c, name="丙"),
        *(household_event(c.h[n], village=VILLAGE_A1) for n in range(1, 6)),
        household_event(c.h[6], village=VILLAGE_B1),
        pairing_event(c.a, c.h[1]),
        pairing_event(c.a, c.h[2]),
        # h3: handed from A to B on the 15th; due from B, A's visit of the 5th counts for it.
        pairing_event(c.a, c.h[3], ended_on=first.replace(day=15)),
        pairing_event(c.b, c.h[3], started_on=first.replace(day=15)),
        # h4: paired to B from the 20th: due (paired on the last day).
        pairing_event(c.b, c.h[4], started_on=first.replace(day=20)),
        # h5: A's pairing ended on the 10th and no one took over: not due.
        pairing_event(c.a, c.h[5], ended_on=first.replace(day=10)),
        pairing_event(c.c, c.h[6]),
    ]
    await sync(app, events)
    admin = tokens.headers(Role.COUNTY_ADMIN)
    for household, when in [
        (c.h[1], at(first.replace(day=3))),
        (c.h[3], at(first.replace(day=5))),
        # 00:30 in Shanghai on the 1st is still the month before in UTC: it counts here.
        (c.h[6], at(first, hour=0, minute=30)),
    ]:
        body = {
            "household_id": str(household),
            "mode": "phone",
            "occurred_at": when,
            "backdate_reason": "补录上月纸质记录",
            "actions_taken": "电话了解近况",
        }
        response = await client.put(f"/v1/visits/{uuid.uuid4()}", json=body, headers=admin)
        assert response.status_code == 201, response.text
    return c


async def schedule(client, headers, **params):
    response = await client.get("/v1/schedule", params=params, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.smoke
async def test_last_months_schedule_shows_each_due_household_visited_or_overdue(
    client, tokens, county
):
    month, _ = last_month()
    officer = tokens.headers(Role.TOWNSHIP_OFFICER, area=TOWN_A)

    page = await schedule(client, officer, month=month)

    by_household = {item["household_id"]: item for item in page["items"]}
    c = county
    assert set(by_household) == {str(c.h[n]) for n in (1, 2, 3, 4)}  # not h5, not h6 (town B)
    assert {k: v["status"] for k, v in by_household.items()} == {
        str(c.h[1]): "visited",
        str(c.h[2]): "overdue",
        str(c.h[3]): "visited",
        str(c.h[4]): "overdue",
    }
    assert by_household[str(c.h[3])]["cadre_id"] == str(c.b)
    assert by_household[str(c.h[3])]["cadre_name"] == "乙"
    # Last month's pairings are read on its last day.
    assert page["reference_day"] == (local_today().replace(day=1) - timedelta(days=1)).isoformat()


async def test_a_cadre_sees_only_their_own_schedule_and_filters_apply(client, tokens, county):
    month, _ = last_month()
    c = county
    mine = await schedule(client, tokens.headers(Role.CADRE, cadre_id=c.a), month=month)
    others = await schedule(
        client, tokens.headers(Role.CADRE, cadre_id=c.a), month=month, cadre_id=str(c.b)
    )
    admin = tokens.headers(Role.COUNTY_ADMIN)
    overdue = await schedule(client, admin, month=month, status="overdue")
    pending = await schedule(client, admin, month=month, status="pending")
    town_b = await schedule(client, admin, month=month, area=TOWN_B)

    assert {i["household_id"] for i in mine["items"]} == {str(c.h[1]), str(c.h[2])}
    assert others["items"] == []
    assert {i["household_id"] for i in overdue["items"]} == {str(c.h[2]), str(c.h[4])}
    assert pending["items"] == []  # last month is over: nothing is merely pending
    assert [i["household_id"] for i in town_b["items"]] == [str(c.h[6])]


async def test_this_month_unvisited_households_are_pending(client, tokens, county):
    c = county
    admin = tokens.headers(Role.COUNTY_ADMIN)
    body = {
        "household_id": str(c.h[1]),
        "mode": "video",
        "occurred_at": datetime.now(UTC).isoformat(),
        "observations": {"income": "毛竹收入稳定"},
    }
    await client.put(f"/v1/visits/{uuid.uuid4()}", json=body, headers=admin)

    page = await schedule(client, admin)

    statuses = {i["household_id"]: i["status"] for i in page["items"]}
    assert statuses[str(c.h[1])] == "visited"
    assert statuses[str(c.h[2])] == "pending"
    assert str(c.h[5]) not in statuses
    assert page["month"] == local_today().strftime("%Y-%m")


async def test_the_schedule_pages(client, tokens, county):
    month, _ = last_month()
    admin = tokens.headers(Role.COUNTY_ADMIN)
    first = await schedule(client, admin, month=month, limit=3)
    rest = await schedule(client, admin, month=month, limit=3, cursor=first["next_cursor"])
    ids = [i["household_id"] for i in first["items"] + rest["items"]]
    assert len(ids) == 5 == len(set(ids)) and rest["next_cursor"] is None


@pytest.mark.smoke
async def test_compliance_per_cadre_township_and_county(client, tokens, county):
    month, _ = last_month()
    c = county
    admin = tokens.headers(Role.COUNTY_ADMIN)

    async def levels(level, headers=admin):
        response = await client.get(
            "/v1/compliance", params={"month": month, "level": level}, headers=headers
        )
        assert response.status_code == 200, response.text
        body = response.json()
        return {r["key"]: (r["due"], r["visited"], r["rate"]) for r in body["items"]}, body

    cadres, _ = await levels("cadre")
    towns, _ = await levels("township")
    county_row, body = await levels("county")

    assert cadres == {
        str(c.a): (2, 1, "0.5000"),
        str(c.b): (2, 1, "0.5000"),
        str(c.c): (1, 1, "1.0000"),
    }
    assert towns == {TOWN_A: (4, 2, "0.5000"), TOWN_B: (1, 1, "1.0000")}
    assert county_row == {"331126": (5, 3, "0.6000")}
    assert (body["total"]["due"], body["total"]["visited"]) == (5, 3)


@pytest.mark.parametrize(
    ("role", "area", "expected"),
    [
        (Role.TOWNSHIP_OFFICER, TOWN_A, {TOWN_A: (4, 2)}),
        (Role.TOWNSHIP_OFFICER, TOWN_B, {TOWN_B: (1, 1)}),
        (Role.LEADER, "", {TOWN_A: (4, 2), TOWN_B: (1, 1)}),
        (Role.MACHINE, "", {TOWN_A: (4, 2), TOWN_B: (1, 1)}),
        (Role.SERVICE, "", {TOWN_A: (4, 2), TOWN_B: (1, 1)}),
    ],
)
async def test_compliance_is_scoped_to_the_callers_area(
    client, tokens, county, role, area, expected
):
    month, _ = last_month()
    response = await client.get(
        "/v1/compliance",
        params={"month": month, "level": "township"},
        headers=tokens.headers(role, area=area, scopes="visits:read"),
    )
    assert {r["key"]: (r["due"], r["visited"]) for r in response.json()["items"]} == expected


async def test_a_township_officer_sees_compliance_by_village(client, tokens, county):
    """Issue 15: an officer's chart is their villages, not one bar for the township."""
    month, _ = last_month()
    response = await client.get(
        "/v1/compliance",
        params={"month": month, "level": "village"},
        headers=tokens.headers(Role.TOWNSHIP_OFFICER, area=TOWN_A),
    )
    assert response.status_code == 200, response.text
    rows = {r["key"]: (r["due"], r["visited"]) for r in response.json()["items"]}
    assert rows == {VILLAGE_A1: (4, 2)}


async def test_a_cadre_gets_their_own_compliance(client, tokens, county):
    month, _ = last_month()
    response = await client.get(
        "/v1/compliance",
        params={"month": month, "level": "cadre"},
        headers=tokens.headers(Role.CADRE, cadre_id=county.a),
    )
    assert [(r["key"], r["due"], r["visited"]) for r in response.json()["items"]] == [
        (str(county.a), 2, 1)
    ]


async def test_no_one_due_gives_no_rate(client, tokens):
    response = await client.get(
        "/v1/compliance", params={"level": "county"}, headers=tokens.headers(Role.COUNTY_ADMIN)
    )
    assert response.json()["items"] == []
    assert response.json()["total"]["rate"] is None


async def test_schedule_and_compliance_need_a_token_and_a_valid_month(client, tokens):
    assert (await client.get("/v1/schedule")).status_code == 401
    bad = await client.get(
        "/v1/compliance", params={"month": "2026-1"}, headers=tokens.headers(Role.LEADER)
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "month"


@pytest.mark.parametrize(
    ("area", "asked", "expected_key"),
    [
        (TOWN_A, {}, TOWN_A),  # an officer asking for the county: their township, by its code
        ("", {"area": TOWN_B}, TOWN_B),  # an admin narrowing to a township
        (TOWN_A, {"area": "331126"}, TOWN_A),  # asking for the county's prefix changes nothing
    ],
)
async def test_county_level_answers_only_for_what_the_caller_covers_under_its_own_code(
    client, tokens, county, area, asked, expected_key
):
    # Issue 14 #11: a township officer got their township's totals labelled 331126 (the county).
    month, _ = last_month()
    response = await client.get(
        "/v1/compliance",
        params={"month": month, "level": "county", **asked},
        headers=tokens.headers(Role.TOWNSHIP_OFFICER if area else Role.COUNTY_ADMIN, area=area),
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert [r["key"] for r in body["items"]] == [expected_key]
    assert body["total"]["key"] == expected_key
