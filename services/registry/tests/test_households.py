"""Households with their members: validation, masking, scope, versions, events, history."""

from datetime import date
from typing import Any
from uuid import UUID

import pytest
import sqlalchemy as sa
from sqlmodel import col, select

from kit.auth import Role
from kit.clock import local_today
from registry.models import Cadre, IncomeRecord, Pairing, outbox
from registry.tests.factories import (
    COUNTY,
    TOWN_A,
    TOWN_B,
    VILLAGE_A1,
    VILLAGE_A2,
    VILLAGE_B1,
    audit_reads,
    household_body,
    id_number,
    member_body,
)

# Reads and other acts: every write has its own entry too (kit.write_audit, test_write_audit).


async def create(client, headers, body=None, **fields) -> dict[str, Any]:
    response = await client.post(
        "/v1/households", json=body or household_body(**fields), headers=headers
    )
    assert response.status_code == 201, response.text
    return response.json()


async def events(app, aggregate_id) -> list[dict[str, Any]]:
    async with app.state.sessionmaker() as session:
        rows = await session.execute(
            sa.select(outbox)
            .where(outbox.c.aggregate_id == str(aggregate_id))
            .order_by(outbox.c.seq)
        )
        return [dict(row._mapping) for row in rows]


WHOLE = {"unmask": "true", "reason": "核对身份"}


def with_x_check() -> str:
    """A valid ID number whose check character is X."""
    return next(n for s in range(1, 999) if (n := id_number(sequence=s)).endswith("X"))


@pytest.mark.smoke
async def test_register_household_derives_birth_and_sex_masks_and_emits_whole(
    app, client, areas, officer
):
    body = household_body()
    # Given spouse first: the answer still lists the head first.
    body["members"] = [
        member_body("spouse", 102, name="叶秀英", id_number=id_number("19821231", 102)),
        member_body("head", 101, name="吴建国", id_number=id_number("19790615", 101)),
    ]
    response = await client.post("/v1/households", json=body, headers=officer)

    assert response.status_code == 201, response.text
    assert response.headers["ETag"] == '"1"'
    created = response.json()
    assert response.headers["Location"] == f"/v1/households/{created['id']}"
    assert created["head_name"] == "吴建国"
    head, spouse = created["members"]
    assert (head["name"], head["birth_date"], head["sex"]) == ("吴建国", "1979-06-15", "male")
    assert (spouse["birth_date"], spouse["sex"]) == ("1982-12-31", "female")
    assert head["id_number"] == "3311**********" + id_number("19790615", 101)[-4:]
    assert created["phone"] == "138****1234"

    [event] = await events(app, created["id"])
    assert event["type"] == "household.upserted" and event["version"] == 1
    assert event["area_code"] == VILLAGE_A1
    assert event["data"]["phone"] == "13812341234"
    assert [m["id_number"] for m in event["data"]["members"]] == [
        id_number("19790615", 101),
        id_number("19821231", 102),
    ]


@pytest.mark.parametrize(
    ("number", "says"),
    [
        (id_number()[:-1] + ("0" if id_number()[-1] != "0" else "1"), "check character should be"),
        (id_number("19800230"), "not a real date"),
        (id_number("20990101"), "in the future"),
        (id_number()[:17], "must be 18 characters, got 17"),
        ("33112619800101A10X", "17 digits"),
    ],
)
async def test_a_bad_id_number_is_refused_naming_the_member_and_what_is_wrong(
    client, areas, officer, number, says
):
    body = household_body()
    body["members"][1]["id_number"] = number
    response = await client.post("/v1/households", json=body, headers=officer)
    assert response.status_code == 422, response.text
    [error] = response.json()["errors"]
    assert error["field"] == "members.1.id_number"
    assert says in error["message"]


async def test_wrong_check_character_message_names_the_right_one(client, areas, officer):
    valid = with_x_check()
    body = household_body()
    body["members"][0]["id_number"] = valid[:-1] + "5"
    response = await client.post("/v1/households", json=body, headers=officer)
    assert response.status_code == 422
    assert "should be X" in response.json()["errors"][0]["message"]


async def test_lower_case_x_and_blanks_are_normalised(client, areas, officer):
    valid = with_x_check()
    body = household_body()
    body["members"][0]["id_number"] = f"  {valid.lower()} "
    response = await client.post("/v1/households", json=body, headers=officer)
    assert response.status_code == 201, response.text
    got = await client.get(f"/v1/households/{response.json()['id']}", params=WHOLE, headers=officer)
    assert got.json()["members"][0]["id_number"] == valid


async def test_birth_date_and_sex_are_never_taken_as_input(client, areas, officer):
    body = household_body()
    body["members"][0]["birth_date"] = "1990-01-01"
    response = await client.post("/v1/households", json=body, headers=officer)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "members.0.birth_date"


@pytest.mark.smoke
async def test_an_id_number_held_by_another_household_answers_409_naming_it(client, areas, officer):
    holder = await create(client, officer)
    body = household_body(first_sequence=201)
    body["members"].append(member_body("child", 102))  # the holder's spouse's number
    response = await client.post("/v1/households", json=body, headers=officer)

    assert response.status_code == 409
    assert response.json()["type"] == "/problems/duplicate-id-number"
    problem = response.json()
    assert problem["holder_household_id"] == holder["id"]
    assert problem["holder_head_name"] == "吴建国"
    assert problem["field"] == "members.2.id_number"
    assert holder["id"] in problem["detail"] and "吴建国" in problem["detail"]
    assert id_number(sequence=102) not in response.text  # the detail masks the number


async def test_the_same_id_number_twice_in_one_body_is_refused(client, areas, officer):
    body = household_body()
    body["members"].append(member_body("child", 101))
    response = await client.post("/v1/households", json=body, headers=officer)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "members.2.id_number"


@pytest.mark.parametrize("relations", [("spouse", "child"), ("head", "head")])
async def test_exactly_one_head(client, areas, officer, relations):
    body = household_body()
    body["members"] = [member_body(r, 101 + i) for i, r in enumerate(relations)]
    response = await client.post("/v1/households", json=body, headers=officer)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "members"


async def test_no_members_is_refused(client, areas, officer):
    response = await client.post("/v1/households", json=household_body(members=[]), headers=officer)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "members"


@pytest.mark.parametrize(
    ("category", "subtype"), [("low_income", None), ("small_farmer", "subsistence")]
)
async def test_subtype_is_required_for_low_income_and_refused_otherwise(
    client, areas, officer, category, subtype
):
    body = household_body(category=category, low_income_subtype=subtype)
    response = await client.post("/v1/households", json=body, headers=officer)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "low_income_subtype"


async def test_small_farmer_without_subtype_is_fine(client, areas, officer):
    created = await create(client, officer, category="small_farmer", low_income_subtype=None)
    assert created["category"] == "small_farmer" and created["low_income_subtype"] is None


@pytest.mark.parametrize(
    ("village", "says", "kind"),
    [
        (VILLAGE_B1, "outside your area", "outside_scope"),  # another township
        ("331126101299", "no area", "no_such_area"),  # a village code nobody registered
    ],
)
async def test_village_must_exist_and_be_in_the_writers_scope(
    client, areas, officer, village, says, kind
):
    response = await client.post("/v1/households", json=household_body(village), headers=officer)
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["field"] == "village_code" and says in error["message"]
    assert error["type"] == kind  # the client words it by this, not by the message


async def test_village_code_must_be_a_village(client, areas, admin):
    response = await client.post("/v1/households", json=household_body(TOWN_A), headers=admin)
    assert response.status_code == 422
    [error] = response.json()["errors"]
    # A township code has 9 digits: the schema refuses it, and says which pattern it wants.
    assert error["field"] == "village_code" and error["type"] == "string_pattern_mismatch"
    assert error["ctx"] == {"pattern": r"^\d{12}$"}


@pytest.mark.parametrize(
    ("phone", "stored"),
    [("0578-6123456", "05786123456"), ("138 1234 5678", "13812345678")],
)
async def test_phone_is_stored_as_digits(client, areas, officer, phone, stored):
    created = await create(client, officer, phone=phone)
    got = await client.get(f"/v1/households/{created['id']}", params=WHOLE, headers=officer)
    assert got.json()["phone"] == stored


@pytest.mark.parametrize("phone", ["12345", "23812341234", "1381234123x"])
async def test_a_phone_that_is_no_mainland_number_is_refused(client, areas, officer, phone):
    response = await client.post(
        "/v1/households", json=household_body(phone=phone), headers=officer
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "phone"


async def test_coordinates_are_range_checked(client, areas, officer):
    response = await client.post(
        "/v1/households", json=household_body(latitude=91, longitude=119.06), headers=officer
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "latitude"


async def test_unmask_for_an_officer_is_audited_and_ignored_for_a_leader(
    app, client, areas, officer, tokens
):
    created = await create(client, officer)
    url = f"/v1/households/{created['id']}"

    masked = await client.get(url, headers=officer)
    assert masked.json()["members"][0]["id_number"].count("*") == 10
    assert await audit_reads(app) == []

    whole = await client.get(url, params=WHOLE, headers=officer)
    assert whole.json()["members"][0]["id_number"] == id_number(sequence=101)
    assert whole.json()["phone"] == "13812341234"
    [entry] = await audit_reads(app)
    assert (entry.resource, entry.resource_id) == ("household", created["id"])
    assert entry.action == "read_unmasked" and set(entry.fields) == {"id_number", "phone"}
    assert entry.reason == "核对身份"

    leader = tokens.headers(Role.LEADER, area=COUNTY)
    for path in (url + "?unmask=true", "/v1/households?unmask=true"):
        response = await client.get(path, headers=leader)
        assert response.status_code == 200
        assert id_number(sequence=101) not in response.text
        assert "13812341234" not in response.text
    assert len(await audit_reads(app)) == 1


async def test_unmasked_list_audits_each_household_shown(app, client, areas, officer):
    await create(client, officer)
    await create(client, officer, first_sequence=201)
    listed = await client.get("/v1/households", params=WHOLE, headers=officer)
    assert id_number(sequence=201) in listed.text
    assert len(await audit_reads(app)) == 2


async def pair(app, household_id: str, area: str = VILLAGE_A1) -> UUID:
    """An assisting cadre actively paired to the household; answers the cadre's id."""
    async with app.state.sessionmaker.begin() as session:
        cadre = Cadre(name="张干部", type="township_staff", home_area_code=area)
        session.add(cadre)
        await session.flush()
        session.add(
            Pairing(cadre_id=cadre.id, household_id=UUID(household_id), started_on=date(2026, 1, 1))
        )
        return cadre.id


async def test_a_cadre_sees_only_paired_households_and_writes_nothing(
    app, client, areas, officer, tokens
):
    mine = await create(client, officer)
    other = await create(client, officer, first_sequence=201)
    cadre = tokens.headers(Role.CADRE, area=COUNTY, cadre_id=await pair(app, mine["id"]))

    listed = await client.get("/v1/households", headers=cadre)
    assert [h["id"] for h in listed.json()["items"]] == [mine["id"]]
    assert (await client.get(f"/v1/households/{mine['id']}", headers=cadre)).status_code == 200
    assert (await client.get(f"/v1/households/{other['id']}", headers=cadre)).status_code == 404

    posted = await client.post(
        "/v1/households", json=household_body(first_sequence=301), headers=cadre
    )
    assert posted.status_code == 403
    put = await client.put(
        f"/v1/households/{mine['id']}",
        json=household_body(),
        headers={**cadre, "If-Match": '"1"'},
    )
    assert put.status_code == 403


async def test_a_township_officer_outside_their_township_gets_404(client, areas, admin, tokens):
    elsewhere = await create(client, admin, body=household_body(VILLAGE_B1))
    officer = tokens.headers(Role.TOWNSHIP_OFFICER, area=TOWN_A)
    url = f"/v1/households/{elsewhere['id']}"

    assert (await client.get(url, headers=officer)).status_code == 404
    put = await client.put(url, json=household_body(), headers={**officer, "If-Match": '"1"'})
    assert put.status_code == 404
    assert (await client.get("/v1/households", headers=officer)).json()["items"] == []
    other_officer = tokens.headers(Role.TOWNSHIP_OFFICER, area=TOWN_B)
    assert (await client.get(url, headers=other_officer)).status_code == 200


@pytest.mark.smoke
async def test_replace_needs_the_current_version_and_replaces_members(app, client, areas, officer):
    created = await create(client, officer)
    url = f"/v1/households/{created['id']}"
    head, spouse = created["members"]
    body = household_body(address="黄田村2号")
    body["members"] = [
        {**member_body("head", 101, name="吴建国"), "id": head["id"]},
        member_body("child", 103, name="吴小明", id_number=id_number("20100101", 103)),
    ]  # the spouse is left out: removed

    assert (await client.put(url, json=body, headers=officer)).status_code == 428
    stale = await client.put(url, json=body, headers={**officer, "If-Match": '"7"'})
    assert stale.status_code == 412
    response = await client.put(url, json=body, headers={**officer, "If-Match": '"1"'})

    assert response.status_code == 200, response.text
    assert response.headers["ETag"] == '"2"'
    updated = response.json()
    assert updated["address"] == "黄田村2号"
    assert [m["name"] for m in updated["members"]] == ["吴建国", "吴小明"]
    assert updated["members"][0]["id"] == head["id"]
    assert updated["members"][1]["birth_date"] == "2010-01-01"
    assert spouse["id"] not in response.text
    again = await client.put(url, json=body, headers={**officer, "If-Match": '"1"'})
    assert again.status_code == 412

    first, second = await events(app, created["id"])
    assert (first["version"], second["version"]) == (1, 2)
    assert [m["id_number"] for m in second["data"]["members"]] == [
        id_number(sequence=101),
        id_number("20100101", 103),
    ]
    # The removed spouse's number is free again.
    reuse = household_body(first_sequence=201)
    reuse["members"].append(member_body("child", 102))
    assert (await client.post("/v1/households", json=reuse, headers=officer)).status_code == 201


async def test_a_member_id_from_elsewhere_is_refused(client, areas, officer):
    first = await create(client, officer)
    second = await create(client, officer, first_sequence=201)
    body = household_body(first_sequence=201)
    body["members"][1]["id"] = first["members"][1]["id"]
    response = await client.put(
        f"/v1/households/{second['id']}", json=body, headers={**officer, "If-Match": '"1"'}
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "members.1.id"


async def test_moving_a_household_out_of_the_writers_scope_is_refused(client, areas, officer):
    created = await create(client, officer)
    response = await client.put(
        f"/v1/households/{created['id']}",
        json=household_body(VILLAGE_B1),
        headers={**officer, "If-Match": '"1"'},
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "village_code"


async def test_category_changes_are_kept_with_their_dates(client, areas, officer):
    created = await create(client, officer, category_changed_on="2022-03-01")
    url = f"/v1/households/{created['id']}"
    body = household_body(
        category="small_farmer", low_income_subtype=None, category_changed_on="2025-01-01"
    )
    response = await client.put(url, json=body, headers={**officer, "If-Match": '"1"'})
    assert response.status_code == 200, response.text
    # An edit that keeps the category adds no history.
    body["address"] = "新地址"
    response = await client.put(url, json=body, headers={**officer, "If-Match": '"2"'})
    assert response.status_code == 200

    history = await client.get(url + "/category-changes", headers=officer)
    assert history.status_code == 200
    rows = [
        (c["kind"], c["category"], c["low_income_subtype"], c["changed_on"])
        for c in history.json()["items"]
    ]
    assert rows == [
        ("recognised", "low_income", "subsistence", "2022-03-01"),
        ("exited", "low_income", "subsistence", "2025-01-01"),
        ("recognised", "small_farmer", None, "2025-01-01"),
    ]


async def test_category_change_date_defaults_to_today(client, areas, officer):
    created = await create(client, officer)
    history = await client.get(f"/v1/households/{created['id']}/category-changes", headers=officer)
    [change] = history.json()["items"]
    assert change["kind"] == "recognised"
    assert abs((date.fromisoformat(change["changed_on"]) - local_today()).days) <= 1


async def test_list_filters_and_pages(client, areas, admin):
    a1 = await create(client, admin, monitoring_type="marginal")
    a2 = await create(
        client,
        admin,
        body=household_body(
            VILLAGE_A2, first_sequence=201, category="small_farmer", low_income_subtype=None
        ),
    )
    b1 = await create(client, admin, body=household_body(VILLAGE_B1, first_sequence=301))
    b1_head = "陈大山"
    body = household_body(VILLAGE_B1, first_sequence=301)
    body["members"][0]["name"] = b1_head
    await client.put(f"/v1/households/{b1['id']}", json=body, headers={**admin, "If-Match": '"1"'})

    async def ids(query: str) -> list[str]:
        response = await client.get(f"/v1/households?{query}", headers=admin)
        assert response.status_code == 200, response.text
        return [h["id"] for h in response.json()["items"]]

    assert await ids("") == [a1["id"], a2["id"], b1["id"]]  # by village
    assert await ids(f"village={TOWN_A}") == [a1["id"], a2["id"]]
    assert await ids(f"village={VILLAGE_B1}") == [b1["id"]]
    assert await ids("category=small_farmer") == [a2["id"]]
    assert await ids("monitoring=true") == [a1["id"]]
    assert await ids("monitoring=false") == [a2["id"], b1["id"]]
    assert await ids("name=陈大山") == [b1["id"]]
    assert await ids("name=大山") == []  # a name is exact (or a prefix with *), not a part

    first = await client.get("/v1/households?limit=2", headers=admin)
    page = first.json()
    assert len(page["items"]) == 2 and page["next_cursor"]
    rest = await client.get(f"/v1/households?limit=2&cursor={page['next_cursor']}", headers=admin)
    assert [h["id"] for h in rest.json()["items"]] == [b1["id"]]
    assert rest.json()["next_cursor"] is None


async def test_delete_is_for_the_county_admin_and_waits_for_income_records(
    app, client, areas, admin, officer
):
    created = await create(client, officer)
    url = f"/v1/households/{created['id']}"
    assert (await client.delete(url, headers={**officer, "If-Match": '"1"'})).status_code == 403
    assert (await client.delete(url, headers=admin)).status_code == 428

    async with app.state.sessionmaker.begin() as session:
        session.add(
            IncomeRecord(
                household_id=UUID(created["id"]),
                year=2026,
                quarter=1,
                wage_fen=100,
                operating_fen=0,
                property_fen=0,
                transfer_fen=0,
                resident_count=2,
                village_code=VILLAGE_A1,
                category="low_income",
            )
        )
    blocked = await client.delete(url, headers={**admin, "If-Match": '"1"'})
    assert blocked.status_code == 409
    assert blocked.json()["type"] == "/problems/household-in-use"
    assert "income" in blocked.json()["detail"]

    async with app.state.sessionmaker.begin() as session:
        for record in (await session.execute(select(IncomeRecord))).scalars():
            await session.delete(record)
    deleted = await client.delete(url, headers={**admin, "If-Match": '"1"'})
    assert deleted.status_code == 204
    assert (await client.get(url, headers=admin)).status_code == 404
    last = (await events(app, created["id"]))[-1]
    assert last["type"] == "household.deleted" and last["version"] == 2
    assert last["data"]["members"][0]["id_number"] == id_number(sequence=101)


async def test_delete_is_refused_while_a_pairing_is_active(app, client, areas, admin):
    created = await create(client, admin)
    await pair(app, created["id"])
    response = await client.delete(
        f"/v1/households/{created['id']}", headers={**admin, "If-Match": '"1"'}
    )
    assert response.status_code == 409
    assert response.json()["type"] == "/problems/household-in-use"
    async with app.state.sessionmaker() as session:
        rows = await session.execute(
            select(Pairing).where(col(Pairing.household_id) == UUID(created["id"]))
        )
        assert len(rows.scalars().all()) == 1
