"""Hostile uploads (trust, class 1): a tiny workbook that declares a huge sheet, a zip bomb,
a body past the limit, rows and columns past the limits. Each is refused with a problem on
``file`` without reading it whole, and the service keeps answering while a table is parsed."""

import asyncio
import threading

import httpx
import pytest

from kit import tabular
from kit.problems import PayloadTooLarge, UnprocessableEntity
from kit.tabular import Column, read_table
from registry.tests.hostile_tables import far_corner, rewrite_sheet, workbook, zip_bomb

COLUMNS = [Column("户主身份证号", "head", required=True), Column("姓名", "name")]
HOUSEHOLDS = "/v1/imports/households"


def read_in_time(content: bytes, filename: str) -> list[tabular.SourceRow]:
    """read_table with a deadline: a reader that walks the declared sheet would not return
    (a daemon thread, so such a reader fails the test instead of holding the run)."""
    outcome: list[object] = []
    reader = threading.Thread(
        target=lambda: outcome.append(_attempt(content, filename)), daemon=True
    )
    reader.start()
    reader.join(timeout=30)
    assert outcome, "the reader did not stop within 30 s"
    if isinstance(outcome[0], Exception):
        raise outcome[0]
    return outcome[0]  # type: ignore[return-value]


def _attempt(content: bytes, filename: str) -> object:
    try:
        return read_table(content, filename, COLUMNS)
    except Exception as exc:  # handed to the test's thread to be raised there
        return exc


def test_a_tiny_workbook_declaring_a_huge_sheet_stops_at_the_limit() -> None:
    content = far_corner()
    assert len(content) < 6_000
    with pytest.raises(UnprocessableEntity) as refused:
        read_in_time(content, "a.xlsx")
    assert str(tabular.MAX_BLANK_LINES) in str(refused.value.detail)


def test_rows_are_read_as_they_are_not_as_the_sheet_declares() -> None:
    declared_wide = rewrite_sheet(
        workbook([["户主身份证号", "姓名"], ["1", "吴建国"]]),
        lambda xml: xml.replace(b'ref="A1:B2"', b'ref="A1:XFD3"', 1),
    )
    rows = read_in_time(declared_wide, "a.xlsx")
    assert [row.values for row in rows] == [{"head": "1", "name": "吴建国"}]


def test_a_zip_bomb_is_refused_before_it_is_unpacked() -> None:
    content = zip_bomb()
    assert len(content) < 1_000_000
    with pytest.raises(PayloadTooLarge) as refused:
        read_in_time(content, "a.xlsx")
    assert refused.value.extra["errors"][0]["field"] == "file"
    assert "64 MB" in str(refused.value.detail)


def test_a_sheet_of_empty_rows_stops_at_the_blank_line_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(tabular, "MAX_BLANK_LINES", 50)
    # Real rows far apart: the reader yields an empty row for each row number skipped.
    sparse = rewrite_sheet(
        workbook([["户主身份证号", "姓名"], ["1", "吴建国"]]),
        lambda xml: xml.replace(
            b"</sheetData>",
            b'<row r="1000000"><c r="A1000000" t="inlineStr"><is><t>2</t></is></c></row>'
            b"</sheetData>",
        ),
    )
    with pytest.raises(UnprocessableEntity) as refused:
        read_in_time(sparse, "a.xlsx")
    assert "50" in str(refused.value.detail)


@pytest.mark.parametrize("filename", ["a.xlsx", "a.csv"])
def test_rows_wider_than_the_column_limit_are_refused(filename: str) -> None:
    wide = [["户主身份证号", "姓名", *[f"c{i}" for i in range(tabular.MAX_COLUMNS)]], ["1", "a"]]
    if filename.endswith("xlsx"):
        content = workbook(wide)
    else:
        content = "\n".join(",".join(row) for row in wide).encode()
    with pytest.raises(UnprocessableEntity) as refused:
        read_in_time(content, filename)
    assert str(tabular.MAX_COLUMNS) in str(refused.value.detail)


async def test_an_upload_past_the_size_limit_is_a_413_on_file(
    client: httpx.AsyncClient, admin: dict[str, str]
) -> None:
    body = b"x" * (tabular.MAX_BYTES + 1)
    for url in (HOUSEHOLDS, "/v1/reconciliations/low-income"):
        answer = await client.post(url, headers=admin, files={"file": ("a.csv", body, "text/csv")})
        assert answer.status_code == 413, url
        problem = answer.json()
        assert problem["type"] == "/problems/too-large"
        assert problem["errors"][0]["field"] == "file"


async def test_a_request_body_past_the_service_limit_is_refused_unread(
    client: httpx.AsyncClient, admin: dict[str, str]
) -> None:
    huge = b"x" * (20 * 1024 * 1024)
    answer = await client.post(
        HOUSEHOLDS, headers=admin, files={"file": ("a.csv", huge, "text/csv")}
    )
    assert answer.status_code == 413
    assert answer.json()["type"] == "/problems/too-large"


async def test_a_zip_bomb_upload_is_a_413_and_changes_nothing(
    client: httpx.AsyncClient, admin: dict[str, str], areas: None
) -> None:
    answer = await client.post(
        HOUSEHOLDS + "?dry_run=false", headers=admin, files={"file": ("a.xlsx", zip_bomb())}
    )
    assert answer.status_code == 413
    listed = await client.get("/v1/households", headers=admin)
    assert listed.json()["items"] == []


async def test_health_is_answered_while_a_table_is_being_parsed(
    client: httpx.AsyncClient, admin: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The parse holds until /healthz has been answered: on the event loop it could not be."""
    parsing, health_answered, parsed = threading.Event(), threading.Event(), threading.Event()
    real_rows = tabular._rows

    def slow_rows(*args: object, **kwargs: object) -> list[tabular.SourceRow]:
        parsing.set()
        health_answered.wait(timeout=5)
        parsed.set()
        return real_rows(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(tabular, "_rows", slow_rows)
    content = workbook([["户主身份证号", "姓名"], ["1", "吴建国"]])
    upload = asyncio.create_task(
        client.post(HOUSEHOLDS, headers=admin, files={"file": ("a.xlsx", content)})
    )
    while not parsing.is_set():
        await asyncio.sleep(0.01)
    health = await client.get("/healthz")
    answered_during_parse = not parsed.is_set()
    health_answered.set()
    await upload
    assert health.status_code == 200
    assert answered_during_parse, "the health check waited for the parse"
