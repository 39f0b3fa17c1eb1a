"""Photos by reference (issue 14, class 6): a photo belongs to the visits that carry it.

A visit may name only a photo its writer uploaded or may already see; any other hash is refused
exactly as one nobody uploaded. A photo is served to those who may see a visit carrying it and,
until they attach it, to whoever uploaded it. An upload never tells whether someone else already
stored the same bytes, and a phone's resends of an upload and its visit change nothing.
"""

import hashlib
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select
from sqlmodel import col

from assistance.models import Visit, VisitPhoto
from assistance.tests.seeds import TOWN_A, TOWN_B, VILLAGE_A1, VILLAGE_B1, paired_household
from kit.auth import Role
from kit.testing import TokenFactory

Headers = dict[str, str]


def photo(tag: str) -> bytes:
    """A JPEG's first bytes and something of its own: bytes nobody else uploads."""
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + tag.encode() + uuid.uuid4().bytes


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


async def upload(client: httpx.AsyncClient, headers: Headers, data: bytes) -> httpx.Response:
    return await client.put(
        f"/v1/attachments/{sha(data)}",
        content=data,
        headers={**headers, "Content-Type": "application/octet-stream"},
    )


async def fetch(client: httpx.AsyncClient, headers: Headers, photo_id: str) -> httpx.Response:
    return await client.get(f"/v1/attachments/{photo_id}", headers=headers)


def visit_body(household_id: uuid.UUID, photo_ids: list[str]) -> dict[str, Any]:
    occurred = (datetime.now(UTC) - timedelta(hours=2)).isoformat()
    return {
        "household_id": str(household_id),
        "mode": "in_person",
        "occurred_at": occurred,
        "observations": {"housing": "新修了院墙"},
        "photo_ids": photo_ids,
    }


async def log_visit(
    client: httpx.AsyncClient,
    headers: Headers,
    body: dict[str, Any],
    visit_id: uuid.UUID | None = None,
) -> httpx.Response:
    return await client.put(f"/v1/visits/{visit_id or uuid.uuid4()}", json=body, headers=headers)


def without_instance(problem: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in problem.items() if key != "instance"}


class Township:
    """A township's cadre with a household paired to them, and the township's officer. Each
    person keeps one token (one subject) for the whole test, as a logged-in phone does."""

    def __init__(self, tokens: TokenFactory, area: str) -> None:
        self.cadre_id = uuid.uuid4()
        self.cadre = tokens.headers(Role.CADRE, cadre_id=self.cadre_id, area=area)
        self.officer = tokens.headers(Role.TOWNSHIP_OFFICER, area=area)
        self.household_id = uuid.UUID(int=0)

    async def seed(self, app: FastAPI, village: str) -> "Township":
        self.household_id = await paired_household(app, self.cadre_id, village=village)
        return self


@pytest.fixture
async def town_a(app: FastAPI, client: httpx.AsyncClient, tokens: TokenFactory) -> Township:
    return await Township(tokens, TOWN_A).seed(app, VILLAGE_A1)


@pytest.fixture
async def town_b(app: FastAPI, client: httpx.AsyncClient, tokens: TokenFactory) -> Township:
    return await Township(tokens, TOWN_B).seed(app, VILLAGE_B1)


async def a_photo_on_a_visit(client: httpx.AsyncClient, town: Township, tag: str) -> str:
    """The township's cadre uploads a photo and logs a visit carrying it; answers its id."""
    data = photo(tag)
    assert (await upload(client, town.cadre, data)).status_code == 201
    logged = await log_visit(client, town.cadre, visit_body(town.household_id, [sha(data)]))
    assert logged.status_code == 201, logged.text
    return sha(data)


@pytest.mark.parametrize("who", ["cadre", "officer"])
async def test_naming_another_townships_photo_is_refused_as_if_it_did_not_exist(
    client, town_a, town_b, who
):
    foreign = await a_photo_on_a_visit(client, town_a, "A's farmhouse")
    never_uploaded = sha(photo("nobody's"))
    headers = town_b.cadre if who == "cadre" else town_b.officer
    visit_id = uuid.uuid4()  # the same path for both tries: the answers must be the same bytes

    naming_foreign = await log_visit(
        client, headers, visit_body(town_b.household_id, [foreign]), visit_id
    )
    naming_unknown = await log_visit(
        client, headers, visit_body(town_b.household_id, [never_uploaded]), visit_id
    )

    assert naming_foreign.status_code == 422, naming_foreign.text
    assert naming_foreign.json() == naming_unknown.json()
    assert naming_foreign.json()["errors"][0]["field"] == "photo_ids.0"
    assert (await client.get(f"/v1/visits/{visit_id}", headers=headers)).status_code == 404


async def test_an_edit_may_not_bring_in_another_townships_photo_either(client, town_a, town_b):
    foreign = await a_photo_on_a_visit(client, town_a, "A's farmhouse")
    visit_id = uuid.uuid4()
    logged = await log_visit(client, town_b.cadre, visit_body(town_b.household_id, []), visit_id)
    assert logged.status_code == 201, logged.text
    edit = {**logged.json(), "photo_ids": [foreign]}
    edit = {key: edit[key] for key in visit_body(town_b.household_id, [])}
    if_match = {**town_b.cadre, "If-Match": '"1"'}

    naming_foreign = await log_visit(client, if_match, edit, visit_id)
    naming_unknown = await log_visit(
        client, if_match, {**edit, "photo_ids": [sha(photo("nobody's"))]}, visit_id
    )

    assert naming_foreign.status_code == 422, naming_foreign.text
    assert naming_foreign.json() == naming_unknown.json()
    assert (await fetch(client, town_b.cadre, foreign)).status_code == 404


@pytest.mark.parametrize("who", ["cadre", "officer"])
async def test_a_foreign_photo_stays_unreadable_after_trying_to_name_it(
    client, town_a, town_b, who
):
    foreign = await a_photo_on_a_visit(client, town_a, "A's farmhouse")
    headers = town_b.cadre if who == "cadre" else town_b.officer
    await log_visit(client, headers, visit_body(town_b.household_id, [foreign]))

    read_foreign = await fetch(client, headers, foreign)
    read_unknown = await fetch(client, headers, sha(photo("nobody's")))

    assert read_foreign.status_code == 404
    assert without_instance(read_foreign.json()) == without_instance(read_unknown.json())


async def test_an_uploader_reads_their_own_photo_before_attaching_it(client, town_a, town_b):
    data = photo("not yet on a visit")
    await upload(client, town_a.cadre, data)  # the first to upload these bytes
    await upload(client, town_b.cadre, data)  # another cadre, the same bytes

    for uploader in (town_a.cadre, town_b.cadre):
        read = await fetch(client, uploader, sha(data))
        assert read.status_code == 200 and read.content == data
    for outsider in (town_a.officer, town_b.officer):
        assert (await fetch(client, outsider, sha(data))).status_code == 404


async def test_once_attached_the_visits_decide_even_for_the_uploader(client, tokens, town_a):
    """An officer moved from A to B keeps their subject: what they uploaded and put on a visit
    in A is A's now, no longer theirs to fetch from B; what they never attached still is."""
    in_a = tokens.headers(Role.TOWNSHIP_OFFICER, area=TOWN_A, subject="officer-li")
    moved_to_b = tokens.headers(Role.TOWNSHIP_OFFICER, area=TOWN_B, subject="officer-li")
    attached, kept = photo("on a visit in A"), photo("never attached")
    for data in (attached, kept):
        assert (await upload(client, in_a, data)).status_code == 201
    assert (await fetch(client, moved_to_b, sha(attached))).status_code == 200  # not yet
    logged = await log_visit(client, in_a, visit_body(town_a.household_id, [sha(attached)]))
    assert logged.status_code == 201, logged.text

    assert (await fetch(client, in_a, sha(attached))).status_code == 200  # through the visit
    assert (await fetch(client, moved_to_b, sha(attached))).status_code == 404
    assert (await fetch(client, moved_to_b, sha(kept))).status_code == 200


async def test_a_township_officer_reads_the_photos_of_their_townships_visits_only(
    client, town_a, town_b
):
    photo_a = await a_photo_on_a_visit(client, town_a, "in A")
    photo_b = await a_photo_on_a_visit(client, town_b, "in B")
    # B's cadre tries to carry A's photo on a visit in B: that must not open it to B.
    await log_visit(client, town_b.cadre, visit_body(town_b.household_id, [photo_a]))

    assert (await fetch(client, town_a.officer, photo_a)).status_code == 200
    assert (await fetch(client, town_a.officer, photo_b)).status_code == 404
    assert (await fetch(client, town_b.officer, photo_b)).status_code == 200
    assert (await fetch(client, town_b.officer, photo_a)).status_code == 404


async def test_the_same_bytes_from_two_cadres_each_attach_and_neither_learns_of_the_other(
    client, town_a, town_b
):
    data = photo("the same village notice, photographed twice")
    fresh = photo("bytes nobody had before")
    first = await upload(client, town_a.cadre, data)
    before_second = datetime.now(UTC)
    second = await upload(client, town_b.cadre, data)  # the bytes are stored already
    unseen = await upload(client, town_b.cadre, fresh)  # bytes stored for the first time

    # B's answer is what a first upload answers: 201, and B's own time, not A's.
    assert (first.status_code, second.status_code, unseen.status_code) == (201, 201, 201)
    assert second.json().keys() == unseen.json().keys()
    assert {k: v for k, v in second.json().items() if k != "created_at"} == {
        k: v for k, v in first.json().items() if k != "created_at"
    }
    assert datetime.fromisoformat(second.json()["created_at"]) >= before_second
    # Each attaches their own upload, in their own township; each officer then reads it.
    logged_a = await log_visit(client, town_a.cadre, visit_body(town_a.household_id, [sha(data)]))
    logged_b = await log_visit(client, town_b.cadre, visit_body(town_b.household_id, [sha(data)]))
    assert (logged_a.status_code, logged_b.status_code) == (201, 201), logged_b.text
    assert (await fetch(client, town_a.officer, sha(data))).status_code == 200
    assert (await fetch(client, town_b.officer, sha(data))).status_code == 200


@pytest.mark.smoke
async def test_resending_an_upload_and_its_visit_after_lost_answers_is_harmless(
    app, client, town_a, town_b
):
    data = photo("sent twice")
    await upload(client, town_b.cadre, data)  # someone elsewhere has the same bytes already
    visit_id, body = uuid.uuid4(), visit_body(town_a.household_id, [sha(data)])
    uploaded = await upload(client, town_a.cadre, data)
    logged = await log_visit(client, town_a.cadre, body, visit_id)
    # The answers were lost: the phone sends both again, in the same order.
    uploaded_again = await upload(client, town_a.cadre, data)
    logged_again = await log_visit(client, town_a.cadre, body, visit_id)

    assert (uploaded.status_code, logged.status_code) == (201, 201), logged.text
    assert uploaded_again.status_code == 200 and uploaded_again.json() == uploaded.json()
    assert logged_again.status_code == 200 and logged_again.json() == logged.json()
    async with app.state.sessionmaker() as session:
        visits = await session.scalar(
            select(func.count()).select_from(Visit).where(col(Visit.id) == visit_id)
        )
        carried = await session.scalar(
            select(func.count())
            .select_from(VisitPhoto)
            .where(col(VisitPhoto.attachment_id) == sha(data))
        )
    assert (visits, carried) == (1, 1)
    read = await fetch(client, town_a.cadre, sha(data))
    assert read.status_code == 200 and read.content == data
