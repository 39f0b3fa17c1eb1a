"""Searching households: by the head's or a member's name, whole ID number, area, category and
flags, alone and together, within the caller's scope and across pages."""

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

import pytest

from kit.auth import Role
from registry.models import EntityHouseholdLink, Pairing
from registry.tests.factories import (
    COUNTY,
    TOWN_A,
    VILLAGE_A1,
    VILLAGE_A2,
    VILLAGE_B1,
    add_areas,
    household_body,
    id_number,
    member_body,
)
from registry.tests.link_seeds import add_cadre, add_entity


@dataclass(frozen=True)
class Seeded:
    """Three households, one per village, listed in this order (village code, then id)."""

    a1: str  # 吴建国 (head) + 叶秀英; low income, subsistence; monitored; actively paired
    a2: str  # 吴建华 (head) + 李_红; small farmer
    b1: str  # 陈大山 (head) + 吴建国 + 李小红; low income, near-subsistence; ended pairing; driven
    cadre_id: UUID


async def create(client, headers, body: dict[str, Any]) -> str:
    response = await client.post("/v1/households", json=body, headers=headers)
    assert response.status_code == 201, response.text
    household_id: str = response.json()["id"]
    return household_id


@pytest.fixture
async def seeded(app, client, tokens, admin) -> Seeded:
    await add_areas(app)
    a1 = await create(
        client, admin, household_body(VILLAGE_A1, first_sequence=101, monitoring_type="marginal")
    )
    a2_body = household_body(
        VILLAGE_A2, first_sequence=201, category="small_farmer", low_income_subtype=None
    )
    a2_body["members"] = [
        member_body("head", 201, name="吴建华"),
        member_body("child", 202, name="李_红"),
    ]
    a2 = await create(client, admin, a2_body)
    b1_body = household_body(VILLAGE_B1, first_sequence=301, low_income_subtype="near_subsistence")
    b1_body["members"] = [
        member_body("head", 301, name="陈大山"),
        member_body("parent", 303, name="吴建国"),  # the same name as a1's head
        member_body("child", 304, name="李小红"),
    ]
    b1 = await create(client, admin, b1_body)
    cadre_id = await add_cadre(app)
    entity = await add_entity(client, tokens, village_code=VILLAGE_B1)
    async with app.state.sessionmaker.begin() as session:
        session.add_all(
            [
                Pairing(cadre_id=cadre_id, household_id=UUID(a1), started_on=date(2024, 1, 1)),
                Pairing(
                    cadre_id=cadre_id,
                    household_id=UUID(b1),
                    started_on=date(2023, 1, 1),
                    ended_on=date(2023, 12, 31),
                ),
                EntityHouseholdLink(
                    entity_id=UUID(entity["id"]),
                    household_id=UUID(b1),
                    mode="employment",
                    started_on=date(2024, 3, 1),
                ),
            ]
        )
    return Seeded(a1, a2, b1, cadre_id)


async def found(client, headers, **params: Any) -> list[str]:
    response = await client.get("/v1/households", params=params, headers=headers)
    assert response.status_code == 200, response.text
    return [h["id"] for h in response.json()["items"]]


async def refused(client, headers, **params: Any) -> list[str]:
    response = await client.get("/v1/households", params=params, headers=headers)
    assert response.status_code == 422, response.text
    return [error["field"] for error in response.json()["errors"]]


@pytest.mark.smoke
async def test_name_is_exact_by_default_and_finds_members_too(client, seeded, admin):
    s = seeded
    assert await found(client, admin, name="吴建国") == [s.a1, s.b1]  # a1's head, b1's parent
    assert await found(client, admin, name="叶秀英") == [s.a1]  # a spouse, not the head
    assert await found(client, admin, name="陈大山") == [s.b1]
    assert await found(client, admin, name=" 陈大山 ") == [s.b1]  # blanks around are ignored
    assert await found(client, admin, name="吴建") == []  # exact: the start is not enough
    assert await found(client, admin, name="大山") == []  # nor a part


async def test_name_prefix_by_star_or_by_name_match(client, seeded, admin):
    s = seeded
    assert await found(client, admin, name="吴建*") == [s.a1, s.a2, s.b1]
    assert await found(client, admin, name="吴建", name_match="prefix") == [s.a1, s.a2, s.b1]
    assert await found(client, admin, name="吴建华*") == [s.a2]
    assert await found(client, admin, name="叶*") == [s.a1]
    assert await found(client, admin, name="陈*") == [s.b1]
    assert await found(client, admin, name="大*") == []  # a prefix, not a part
    assert await refused(client, admin, name="*") == ["name"]
    assert await refused(client, admin, name="吴", name_match="contains") == ["name_match"]


async def test_wildcards_in_a_name_are_taken_literally(client, seeded, admin):
    s = seeded
    assert await found(client, admin, name="李*") == [s.a2, s.b1]
    assert await found(client, admin, name="李_*") == [s.a2]  # not "李 and any character"
    assert await found(client, admin, name="李_红") == [s.a2]
    assert await found(client, admin, name="李%*") == []
    assert await found(client, admin, name="%") == []
    assert await found(client, admin, name="%*") == []
    assert await found(client, admin, name="\\*") == []


@pytest.mark.smoke
async def test_a_whole_id_number_finds_the_household_and_a_partial_one_is_refused(
    client, seeded, admin
):
    s = seeded
    spouse = id_number(sequence=102)
    assert await found(client, admin, id_number=spouse) == [s.a1]
    assert await found(client, admin, id_number=id_number(sequence=303)) == [s.b1]
    assert await found(client, admin, id_number=f" {spouse.lower()} ") == [s.a1]  # normalised
    assert await found(client, admin, id_number=id_number(sequence=999)) == []  # valid, unknown
    assert await refused(client, admin, id_number=spouse[:14]) == ["id_number"]
    assert await refused(client, admin, id_number=spouse[:17] + "Y") == ["id_number"]
    body = spouse[:17]
    wrong_check = next(c for c in "0123456789X" if c != spouse[17])
    assert await refused(client, admin, id_number=body + wrong_check) == ["id_number"]


async def test_area_category_and_flags(client, seeded, admin):
    s = seeded
    assert await found(client, admin, village=TOWN_A) == [s.a1, s.a2]
    assert await found(client, admin, village=VILLAGE_B1) == [s.b1]
    assert await found(client, admin, category="low_income") == [s.a1, s.b1]
    assert await found(client, admin, category="small_farmer") == [s.a2]
    assert await found(client, admin, low_income_subtype="near_subsistence") == [s.b1]
    assert await found(client, admin, monitoring="true") == [s.a1]
    assert await found(client, admin, monitoring="false") == [s.a2, s.b1]
    # b1's pairing has ended, so only a1 counts as paired.
    assert await found(client, admin, has_pairing="true") == [s.a1]
    assert await found(client, admin, has_pairing="false") == [s.a2, s.b1]
    assert await found(client, admin, driven="true") == [s.b1]
    assert await found(client, admin, driven="false") == [s.a1, s.a2]
    assert await refused(client, admin, low_income_subtype="poor") == ["low_income_subtype"]


async def test_filters_combine(client, seeded, admin):
    s = seeded
    assert await found(client, admin, name="吴建国", village=TOWN_A) == [s.a1]
    assert await found(client, admin, name="吴*", category="small_farmer") == [s.a2]
    assert await found(client, admin, name="吴建国", driven="true") == [s.b1]
    assert await found(client, admin, category="low_income", has_pairing="true") == [s.a1]
    assert await found(client, admin, category="low_income", has_pairing="false") == [s.b1]
    two_filters = {"id_number": id_number(sequence=102), "village": VILLAGE_B1}
    assert await found(client, admin, **two_filters) == []
    assert await found(client, admin, name="叶秀英", id_number=id_number(sequence=101)) == [s.a1]
    assert await found(client, admin, name="陈大山", id_number=id_number(sequence=101)) == []


async def test_scope_still_applies_to_a_search(client, seeded, tokens):
    s = seeded
    officer = tokens.headers(Role.TOWNSHIP_OFFICER, area=TOWN_A)
    assert await found(client, officer, name="吴建国") == [s.a1]  # b1 is in another township
    assert await found(client, officer, id_number=id_number(sequence=303)) == []
    assert await found(client, officer, driven="true") == []
    cadre = tokens.headers(Role.CADRE, area=COUNTY, cadre_id=s.cadre_id)
    assert await found(client, cadre, name="吴*") == [s.a1]  # only the household paired to them
    assert await found(client, cadre, name="吴建华") == []


async def test_a_filtered_search_pages_in_list_order(client, seeded, admin):
    s = seeded
    seen: list[str] = []
    cursor = None
    for _ in range(4):
        params: dict[str, Any] = {"name": "吴*", "limit": 1}
        if cursor:
            params["cursor"] = cursor
        response = await client.get("/v1/households", params=params, headers=admin)
        assert response.status_code == 200, response.text
        page = response.json()
        seen += [h["id"] for h in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [s.a1, s.a2, s.b1]
    assert cursor is None
