"""Problem details, keyset pagination, money, If-Match versions, and the store's own settings."""

import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any

import httpx
import pytest
from fastapi import APIRouter, FastAPI, Response
from pydantic import BaseModel, Field, ValidationError
from sqlalchemy import Column, ForeignKey, Integer, MetaData, Table, insert, select, text
from sqlalchemy.exc import IntegrityError, StatementError

from kit.db import SessionDep, make_engine
from kit.money import Money, NonNegativeMoney, from_fen, to_fen
from kit.pagination import DEFAULT_LIMIT, CursorQuery, LimitQuery, Page, encode_cursor, paginate
from kit.problems import install_problem_handlers, invalid
from kit.testing import empty_tables
from kit.tests.conftest import item, sqlite_url
from kit.text import Name
from kit.versioning import IfMatch, check_version, set_etag

PROBLEM_JSON = "application/problem+json"
T0 = datetime(2024, 3, 1, 8, 0, tzinfo=UTC)


class Member(BaseModel):
    name: str
    id_number: Annotated[str, Field(pattern=r"^\d{17}[\dX]$")]


class Household(BaseModel):
    head: str
    members: list[Member]


class Note(BaseModel):
    text: Annotated[str, Field(max_length=5)]
    count: Annotated[int, Field(gt=0)]
    village: Annotated[str, Field(pattern=r"^\d{1,12}$")]
    name: Name


class Payment(BaseModel):
    amount: Money
    fee: NonNegativeMoney = Decimal("0")


class Row(BaseModel):
    id: str
    name: str


router = APIRouter()


@router.post("/households")
async def add_household(body: Household) -> dict[str, int]:
    return {"members": len(body.members)}


@router.post("/notes")
async def add_note(body: Note) -> dict[str, str]:
    return {"text": body.text}


@router.get("/refused")
async def refused() -> None:
    raise invalid("village_code", "不是村级区划 / not a village", "not_a_village", level="township")


@router.get("/boom")
async def boom() -> None:
    raise RuntimeError("password=hunter2 at /srv/fumin/registry/secret.py")


@router.post("/items/{item_id}")
async def add_item(item_id: str, session: SessionDep) -> dict[str, str]:
    await session.execute(insert(item).values(id=item_id, name="same name for all"))
    return {"id": item_id}


@router.get("/items")
async def list_items(
    session: SessionDep, cursor: CursorQuery = None, limit: LimitQuery = DEFAULT_LIMIT
) -> Page[Row]:
    rows, next_cursor = await paginate(
        session, select(item.c.id, item.c.name), [item.c.id], cursor=cursor, limit=limit
    )
    return Page(items=[Row(id=r.id, name=r.name) for r in rows], next_cursor=next_cursor)


@router.get("/items-by-time")
async def list_items_by_time(
    session: SessionDep, cursor: CursorQuery = None, limit: LimitQuery = DEFAULT_LIMIT
) -> Page[Row]:
    rows, next_cursor = await paginate(
        session,
        select(item.c.created_at, item.c.id, item.c.name),
        [item.c.created_at, item.c.id],
        cursor=cursor,
        limit=limit,
    )
    return Page(items=[Row(id=r.id, name=r.name) for r in rows], next_cursor=next_cursor)


@router.post("/pay")
async def pay(body: Payment) -> Payment:
    return body


@router.patch("/things/1")
async def edit_thing(if_match: IfMatch, response: Response) -> dict[str, int]:
    check_version(if_match, 3)
    set_etag(response, 4)
    return {"version": 4}


@pytest.fixture
async def api(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """A small service on the bench's store, with the kit's problem handlers."""
    service = FastAPI()
    service.state.sessionmaker = app.state.sessionmaker
    install_problem_handlers(service)
    service.include_router(router)
    # Errors are answered as problems; do not re-raise them into the test.
    transport = httpx.ASGITransport(app=service, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://svc") as http:
        yield http
    await empty_tables(app)


def problem(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM_JSON
    body: dict[str, Any] = response.json()
    assert body["status"] == status and body["type"].startswith("/problems/")
    return body


# --- problems ---------------------------------------------------------------------------------


@pytest.mark.smoke
async def test_a_validation_error_names_the_nested_field_by_its_dotted_path(
    api: httpx.AsyncClient,
) -> None:
    body = {
        "head": "李四",
        "members": [{"name": "李四", "id_number": "12345"}, {"name": "王五"}],
    }
    answer = problem(await api.post("/households", json=body), 422)
    assert answer["type"] == "/problems/validation"
    fields = {(e["field"], e["in"]) for e in answer["errors"]}
    assert fields == {("members.0.id_number", "body"), ("members.1.id_number", "body")}
    assert all(e["message"] for e in answer["errors"])
    assert "members.0.id_number" in answer["detail"]


@pytest.mark.smoke
async def test_each_field_error_carries_its_type_and_limits_for_the_client_to_word(
    api: httpx.AsyncClient,
) -> None:
    """A client says what is wrong in its user's language from the field, type and limits; the
    server's English (``String should match pattern``) is never what it has to show."""
    body = {"text": "toolong", "count": 0, "village": "33112a", "name": "  "}
    answer = problem(await api.post("/notes", json=body), 422)
    errors = {e["field"]: e for e in answer["errors"]}
    assert errors["text"]["type"] == "string_too_long"
    assert errors["text"]["ctx"] == {"max_length": 5}
    assert errors["count"]["type"] == "greater_than"
    assert errors["count"]["ctx"] == {"gt": 0}
    assert errors["village"]["type"] == "string_pattern_mismatch"
    assert errors["village"]["ctx"] == {"pattern": r"^\d{1,12}$"}
    assert errors["name"]["type"] == "blank"
    assert not errors["name"]["message"].startswith("Value error")
    missing = problem(await api.post("/notes", json={}), 422)
    assert {e["type"] for e in missing["errors"]} == {"missing"}
    money = problem(await api.post("/pay", json={"amount": 1.5}), 422)
    assert money["errors"][0]["type"] == "money_string"


@pytest.mark.smoke
async def test_a_service_rule_names_its_type_and_context(api: httpx.AsyncClient) -> None:
    answer = problem(await api.get("/refused"), 422)
    assert answer["errors"] == [
        {
            "field": "village_code",
            "type": "not_a_village",
            "message": "不是村级区划 / not a village",
            "ctx": {"level": "township"},
        }
    ]


@pytest.mark.smoke
async def test_an_unhandled_error_is_a_500_problem_that_gives_nothing_away(
    api: httpx.AsyncClient,
) -> None:
    answer = problem(await api.get("/boom"), 500)
    assert answer["type"] == "/problems/internal"
    text_of_body = json.dumps(answer)
    for leak in ("hunter2", "secret.py", "RuntimeError", "Traceback", "password"):
        assert leak not in text_of_body


@pytest.mark.smoke
async def test_a_constraint_hit_by_a_race_is_a_409_without_sql(api: httpx.AsyncClient) -> None:
    assert (await api.post("/items/one")).status_code == 200
    answer = problem(await api.post("/items/two"), 409)
    assert answer["type"] == "/problems/concurrent-write"
    for leak in ("INSERT", "UNIQUE", "unique", "uq_item", "duplicate"):
        assert leak not in json.dumps(answer)
    listed = (await api.get("/items")).json()
    assert [row["id"] for row in listed["items"]] == ["one"], "the failed write was kept"


@pytest.mark.smoke
async def test_an_unknown_route_is_a_404_problem(api: httpx.AsyncClient) -> None:
    assert problem(await api.get("/nowhere"), 404)["type"] == "/problems/not-found"


# --- pagination -------------------------------------------------------------------------------


async def add_rows(app: FastAPI, count: int) -> list[str]:
    """``count`` items; created in pairs at the same instant, so the id must break the tie."""
    rows = [
        {"id": f"i{n:02}", "name": f"item {n}", "created_at": T0 - timedelta(minutes=n // 2)}
        for n in range(count)
    ]
    async with app.state.sessionmaker.begin() as session:
        await session.execute(insert(item), rows)
    return [str(r["id"]) for r in rows]


async def walk(api: httpx.AsyncClient, path: str, limit: int) -> list[str]:
    seen: list[str] = []
    cursor = None
    for _ in range(50):
        params: dict[str, Any] = {"limit": limit}
        if cursor:
            params["cursor"] = cursor
        response = await api.get(path, params=params)
        assert response.status_code == 200, response.text
        page = response.json()
        assert len(page["items"]) <= limit
        seen += [row["id"] for row in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            return seen
    raise AssertionError("the pages never ended")


@pytest.mark.smoke
async def test_walking_every_page_gives_every_row_once_in_order(
    app: FastAPI, api: httpx.AsyncClient
) -> None:
    ids = await add_rows(app, 10)
    assert await walk(api, "/items", 3) == sorted(ids)
    by_time = sorted(ids, key=lambda i: (T0 - timedelta(minutes=int(i[1:]) // 2), i))
    assert await walk(api, "/items-by-time", 3) == by_time
    last = (await api.get("/items", params={"limit": 10})).json()
    assert len(last["items"]) == 10 and last["next_cursor"] is None


@pytest.mark.smoke
@pytest.mark.parametrize(
    ("path", "cursor"),
    [
        ("/items", "!!!"),
        ("/items", "bm90IGpzb24"),  # base64 of "not json"
        ("/items", encode_cursor(["i01", "extra"])),
        ("/items-by-time", encode_cursor(["i01"])),
        ("/items-by-time", encode_cursor(["yesterday", "i01"])),
    ],
)
async def test_a_tampered_cursor_is_a_422_naming_cursor(
    app: FastAPI, api: httpx.AsyncClient, path: str, cursor: str
) -> None:
    await add_rows(app, 4)
    answer = problem(await api.get(path, params={"cursor": cursor}), 422)
    assert [e["field"] for e in answer["errors"]] == ["cursor"]


# --- money ------------------------------------------------------------------------------------


@pytest.mark.smoke
async def test_money_goes_out_as_the_exact_string_it_came_in_as(api: httpx.AsyncClient) -> None:
    response = await api.post("/pay", json={"amount": "12.30", "fee": "0.5"})
    assert response.status_code == 200
    assert response.json() == {"amount": "12.30", "fee": "0.50"}
    assert Payment(amount=Decimal("12345678901.99")).model_dump(mode="json")["amount"] == (
        "12345678901.99"
    )


@pytest.mark.smoke
@pytest.mark.parametrize(
    ("amount", "expected"),
    [(12.3, "字符串"), ("12.345", "decimal"), ("-1", None), ("abc", None)],
)
async def test_money_refuses_floats_and_fractions_of_a_fen(
    api: httpx.AsyncClient, amount: object, expected: str | None
) -> None:
    field = "fee" if amount == "-1" else "amount"
    body = {"amount": "1.00", field: amount}
    answer = problem(await api.post("/pay", json=body), 422)
    (error,) = answer["errors"]
    assert error["field"] == field
    if expected:
        assert expected in error["message"]


@pytest.mark.smoke
def test_a_float_is_refused_with_a_message_saying_to_send_a_string() -> None:
    with pytest.raises(ValidationError) as refused:
        Payment.model_validate({"amount": 0.1})
    assert 'send the amount as a string like "12.34"' in str(refused.value)


@pytest.mark.smoke
@pytest.mark.parametrize("yuan", ["0.01", "0.07", "12.30", "19.99", "-3.50", "999999999999.99"])
def test_fen_conversion_is_exact(yuan: str) -> None:
    amount = Decimal(yuan)
    fen = to_fen(amount)
    assert fen == int(yuan.replace(".", ""))
    assert from_fen(fen) == amount and str(from_fen(fen)) == yuan


# --- versioning -------------------------------------------------------------------------------


@pytest.mark.smoke
async def test_an_edit_without_if_match_is_428_and_a_stale_one_412(
    api: httpx.AsyncClient,
) -> None:
    assert problem(await api.patch("/things/1"), 428)["type"] == "/problems/version-required"
    stale = problem(await api.patch("/things/1", headers={"If-Match": '"2"'}), 412)
    assert stale["current_version"] == 3
    assert problem(await api.patch("/things/1", headers={"If-Match": "  "}), 428)


@pytest.mark.smoke
@pytest.mark.parametrize("tag", ['"3"', 'W/"3"', "3", '"2", "3"', "*"])
async def test_the_current_version_is_accepted_however_it_is_written(
    api: httpx.AsyncClient, tag: str
) -> None:
    response = await api.patch("/things/1", headers={"If-Match": tag})
    assert response.status_code == 200, response.text
    assert response.headers["ETag"] == '"4"'


# --- the store --------------------------------------------------------------------------------


@pytest.mark.smoke
async def test_sqlite_files_get_foreign_keys_and_wal(tmp_path: Path) -> None:
    engine = make_engine(sqlite_url(tmp_path / "nested" / "folder"), schema="ignored")
    schema = MetaData()
    parent = Table("parent", schema, Column("id", Integer, primary_key=True))
    child = Table(
        "child",
        schema,
        Column("id", Integer, primary_key=True),
        Column("parent_id", Integer, ForeignKey(parent.c.id), nullable=False),
    )
    try:
        async with engine.begin() as conn:
            await conn.run_sync(schema.create_all)
            assert await conn.scalar(text("PRAGMA foreign_keys")) == 1
            assert await conn.scalar(text("PRAGMA journal_mode")) == "wal"
        with pytest.raises(IntegrityError):
            async with engine.begin() as conn:
                await conn.execute(insert(child).values(id=1, parent_id=42))
    finally:
        await engine.dispose()
    assert (tmp_path / "nested" / "folder" / "kit.db").exists()


@pytest.mark.smoke
def test_an_unsupported_store_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="database_url"):
        make_engine("mysql+aiomysql://root@localhost/fumin", schema="kit")


@pytest.mark.smoke
async def test_times_refuse_naive_values_and_come_back_aware_on_sqlite(
    sqlite_app: FastAPI,
) -> None:
    sessions = sqlite_app.state.sessionmaker
    with pytest.raises(StatementError, match="naive datetime"):
        async with sessions.begin() as session:
            await session.execute(
                insert(item).values(id="n", name="naive", created_at=datetime(2024, 3, 1, 8))
            )
    beijing = datetime(2024, 3, 1, 16, 30, tzinfo=timezone(timedelta(hours=8)))
    try:
        async with sessions.begin() as session:
            await session.execute(insert(item).values(id="a", name="aware", created_at=beijing))
        async with sessions() as session:
            stored = await session.scalar(select(item.c.created_at).where(item.c.id == "a"))
        assert stored is not None and stored.utcoffset() == timedelta(0)
        assert stored == beijing and stored.hour == 8
    finally:
        await empty_tables(sqlite_app)
