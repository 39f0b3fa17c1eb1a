"""A visit's flags as an officer reviews a township's visits (issue 15, "a visits view"):
far from home, entered late, a risk flagged; and the list filtered by them."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from assistance.tests.seeds import HOME, TOWN_A, TOWN_B, VILLAGE_A1, paired_household
from assistance.tests.test_visits import cadre_headers, put, recent, visit_body
from assistance.visits.flags import is_late_entry
from kit.auth import Role

SHANGHAI = timedelta(hours=8)


def local(text: str) -> datetime:
    return datetime.fromisoformat(f"{text}+08:00")


@pytest.mark.parametrize(
    ("occurred", "received", "late"),
    [
        ("2026-11-10T10:00", "2026-11-13T23:59", False),  # three days on: in time
        ("2026-11-10T10:00", "2026-11-14T00:01", True),  # the fourth day
        ("2026-11-30T20:00", "2026-12-01T08:00", True),  # the next morning, but next month
        ("2026-12-31T22:00", "2027-01-01T00:30", True),  # and next year
        ("2026-11-01T00:10", "2026-11-01T00:20", False),
    ],
)
def test_late_entry_is_more_than_the_set_days_or_a_later_month(occurred, received, late):
    assert is_late_entry(local(occurred), local(received), late_days=3) is late


def test_late_entry_reckons_days_in_shanghai():
    # 16:30 UTC on 30 November is already 1 December in Shanghai: the visit's month has ended.
    occurred = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)  # 23:00 on the 30th, local
    received = datetime(2026, 11, 30, 16, 30, tzinfo=UTC)
    assert is_late_entry(occurred, received, late_days=3)


async def test_a_visit_entered_four_days_after_is_flagged_late_without_needing_a_reason(
    client, tokens, app
):
    cadre_id = uuid.uuid4()
    household_id = await paired_household(app, cadre_id)
    response = await put(
        client, cadre_headers(tokens, cadre_id), visit_body(household_id, occurred_at=recent(4.2))
    )
    assert response.status_code == 201, response.text
    assert response.json()["flags"]["late_entry"] is True


async def test_a_visit_entered_in_the_next_month_is_flagged_late(client, tokens, app, set_clock):
    cadre_id = uuid.uuid4()
    household_id = await paired_household(app, cadre_id)
    set_clock("2026-12-01T08:30:00+08:00")
    response = await put(
        client,
        cadre_headers(tokens, cadre_id),
        visit_body(household_id, occurred_at="2026-11-30T19:00:00+08:00"),
    )
    assert response.status_code == 201, response.text
    assert response.json()["flags"]["late_entry"] is True


async def test_far_from_home_is_unknown_without_gps_or_a_home_position(client, tokens, app):
    cadre_id = uuid.uuid4()
    homeless = await paired_household(app, cadre_id, home=None)
    located = await paired_household(app, cadre_id)
    headers = cadre_headers(tokens, cadre_id)

    no_home = await put(client, headers, visit_body(homeless))
    no_gps = await put(client, headers, visit_body(located, latitude=None, longitude=None))
    near = await put(client, headers, visit_body(located))

    assert no_home.json()["flags"]["far_from_home"] is None
    assert no_gps.json()["flags"]["far_from_home"] is None
    assert no_gps.json()["flags"]["distance_m"] is None
    assert near.json()["flags"]["far_from_home"] is False


async def test_risk_is_any_risk_flag_and_hidden_like_them(client, tokens, app):
    cadre_id = uuid.uuid4()
    household_id = await paired_household(app, cadre_id)
    headers = cadre_headers(tokens, cadre_id)
    risky_id = uuid.uuid4()
    await put(client, headers, visit_body(household_id), risky_id)
    calm = await put(client, headers, visit_body(household_id, risk_flags=[]))

    officer = await client.get(
        f"/v1/visits/{risky_id}", headers=tokens.headers(Role.TOWNSHIP_OFFICER, area=TOWN_A)
    )
    leader = await client.get(f"/v1/visits/{risky_id}", headers=tokens.headers(Role.LEADER))

    assert officer.json()["flags"]["risk"] is True
    assert calm.json()["flags"]["risk"] is False
    assert leader.status_code == 200 and leader.json()["flags"]["risk"] is None


@pytest.fixture
async def township(app, client, tokens):
    """Visits in two townships: in 黄田镇 one near and on time by 张, one far and late by 李,
    one with a risk by 李; in 隆宫乡 one far visit."""
    zhang, li, wang = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    near_home = await paired_household(app, zhang)
    far_home = await paired_household(app, li)
    elsewhere = await paired_household(app, wang, village="331126201201")
    admin = tokens.headers(Role.COUNTY_ADMIN)
    far = {"latitude": HOME[0] + 0.05, "longitude": HOME[1]}
    ids = {
        "near": await put(
            client, admin, visit_body(near_home, occurred_at=recent(0.02), risk_flags=[])
        ),
        "far_late": await put(
            client, admin, visit_body(far_home, occurred_at=recent(5), risk_flags=[], **far)
        ),
        "risk": await put(client, admin, visit_body(far_home, occurred_at=recent(0.02))),
        "elsewhere": await put(
            client, admin, visit_body(elsewhere, occurred_at=recent(0.02), risk_flags=[], **far)
        ),
    }
    for response in ids.values():
        assert response.status_code == 201, response.text
    return {name: r.json()["id"] for name, r in ids.items()} | {"zhang": zhang, "li": li}


async def listed(client, headers, **params):
    response = await client.get("/v1/visits", params=params, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()["items"]


@pytest.mark.smoke  # the risk filter's JSON length differs between PostgreSQL and SQLite
async def test_an_officer_filters_their_townships_visits_by_flag(client, tokens, township):
    officer = tokens.headers(Role.TOWNSHIP_OFFICER, area=TOWN_A)

    async def names(**params):
        by_id = {v: k for k, v in township.items() if isinstance(v, str)}
        return sorted(by_id[v["id"]] for v in await listed(client, officer, **params))

    assert await names() == ["far_late", "near", "risk"]  # never the other township's
    assert await names(far_from_home="true") == ["far_late"]
    assert await names(late_entry="true") == ["far_late"]
    assert await names(risk="true") == ["risk"]
    assert await names(risk="false", far_from_home="false") == ["near"]
    assert await names(far_from_home="true", late_entry="true") == ["far_late"]
    assert await names(village=VILLAGE_A1, cadre_id=str(township["zhang"])) == ["near"]
    assert await names(village=TOWN_B) == []  # another township's prefix finds nothing


async def test_the_list_names_the_household_and_the_cadre(client, tokens, township):
    officer = tokens.headers(Role.TOWNSHIP_OFFICER, area=TOWN_A)
    item = (await listed(client, officer, cadre_id=str(township["zhang"])))[0]
    one = (await client.get(f"/v1/visits/{item['id']}", headers=officer)).json()
    for shown in (item, one):
        assert (shown["household_name"], shown["cadre_name"]) == ("吴大山", "张帮扶")


async def test_a_cadre_filters_only_their_own_visits(client, tokens, township):
    mine = await listed(client, cadre_headers(tokens, township["li"]), far_from_home="true")
    assert [v["id"] for v in mine] == [township["far_late"]]


async def test_a_role_not_shown_risk_flags_may_not_filter_by_them(client, tokens, township):
    leader = tokens.headers(Role.LEADER)
    refused = await client.get("/v1/visits", params={"risk": "true"}, headers=leader)
    assert refused.status_code == 403
    assert len(await listed(client, leader, far_from_home="true")) == 2
