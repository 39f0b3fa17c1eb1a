"""Reading and writing import tables: encodings, XLSX cells, headers, blank rows, limits."""

import datetime as dt
import io

import pytest
from openpyxl import Workbook, load_workbook

from kit import tabular
from kit.downloads import write_template
from kit.problems import PayloadTooLarge, UnprocessableEntity
from kit.tabular import Column, read_table

pytestmark = pytest.mark.smoke  # no database: runs on every store

COLUMNS = [
    Column("户主身份证号", "head_id_number", required=True, example="331126198001011012"),
    Column("姓名", "name", required=True, example="吴建国", note="2–50 字"),
    Column("备注（选填）", "remark"),
]


def _file_error(exc: pytest.ExceptionInfo[UnprocessableEntity]) -> str:
    errors = exc.value.extra["errors"]
    assert errors[0]["field"] == "file"
    return str(errors[0]["message"])


def test_csv_with_bom_reads_stripped_values_and_skips_blank_rows() -> None:
    text = (
        "\ufeff户主身份证号, 姓名 ,备注(选填),其他\n"
        " 331126198001011012 ,吴建国,,x\n,,,\n\n2,叶秀英\n"
    )
    rows = read_table(text.encode("utf-8"), "名单.csv", COLUMNS)

    assert [row.number for row in rows] == [2, 5]
    assert rows[0].values == {
        "head_id_number": "331126198001011012",
        "name": "吴建国",
        "remark": "",
    }
    # A short line still has every field, empty.
    assert rows[1].values == {"head_id_number": "2", "name": "叶秀英", "remark": ""}


def test_gbk_csv_as_chinese_excel_saves_it() -> None:
    content = "户主身份证号,姓名\r\n331126198001011012,吴建国\r\n".encode("gbk")
    rows = read_table(content, "名单.CSV", COLUMNS)
    assert rows[0].values["name"] == "吴建国"
    assert rows[0].values["remark"] == ""  # optional column absent from the file


def test_xlsx_round_trip_through_the_template() -> None:
    content = write_template(COLUMNS, "xlsx")
    book = load_workbook(io.BytesIO(content))
    data, notes = book.worksheets
    assert [c.value for c in data[1]] == ["户主身份证号", "姓名", "备注（选填）"]
    assert data["A2"].number_format == "@"  # text, so Excel keeps all 18 digits
    assert data.freeze_panes == "A2", "the header stays in view as rows are filled in"
    assert notes.title == "说明"
    assert [c.value for c in notes[3]] == ["姓名", "必填", "2–50 字"]

    rows = read_table(content, "模板.xlsx", COLUMNS)
    assert [(row.number, row.values) for row in rows] == [
        (2, {"head_id_number": "331126198001011012", "name": "吴建国", "remark": ""})
    ]


def test_xlsx_cells_are_read_as_the_office_sees_them() -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["姓名", "户主身份证号", "备注(选填)"])
    sheet.append([None, None, None])
    sheet.append(["  吴建国 ", 123.0, dt.datetime(2026, 3, 1)])
    sheet.append(["叶秀英", 12.5, dt.date(2026, 3, 2)])
    out = io.BytesIO()
    book.save(out)

    rows = read_table(out.getvalue(), "a.xlsx", COLUMNS)

    assert [row.number for row in rows] == [3, 4]
    assert rows[0].values == {"head_id_number": "123", "name": "吴建国", "remark": "2026-03-01"}
    assert rows[1].values == {"head_id_number": "12.5", "name": "叶秀英", "remark": "2026-03-02"}


def test_csv_template_has_a_bom_header_and_example() -> None:
    content = write_template(COLUMNS, "csv")
    assert content.startswith(b"\xef\xbb\xbf")
    assert content.decode("utf-8-sig").splitlines() == [
        "户主身份证号,姓名,备注（选填）",
        "331126198001011012,吴建国,",
    ]


def test_missing_required_headers_are_named() -> None:
    with pytest.raises(UnprocessableEntity) as exc:
        read_table("备注\n1\n".encode(), "a.csv", COLUMNS)
    assert "户主身份证号" in _file_error(exc)
    assert "姓名" in _file_error(exc)


@pytest.mark.parametrize(
    ("content", "filename", "words"),
    [
        (b"whatever", "a.txt", ".xlsx"),
        (b"not a zip", "a.xlsx", "无法读取"),
        (b"", "a.csv", "表头"),
        (b"\xff\xfe\xff\xfe\x00\x81", "a.csv", "编码"),
    ],
)
def test_unusable_files_are_a_problem_on_file(content: bytes, filename: str, words: str) -> None:
    with pytest.raises(UnprocessableEntity) as exc:
        read_table(content, filename, COLUMNS)
    assert words in _file_error(exc)


def test_size_and_row_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(PayloadTooLarge) as too_large:
        read_table(b"x" * (tabular.MAX_BYTES + 1), "a.csv", COLUMNS)
    assert "10 MB" in str(too_large.value.detail)

    monkeypatch.setattr(tabular, "MAX_ROWS", 2)
    lines = "户主身份证号,姓名\n" + "1,a\n" * 3
    with pytest.raises(UnprocessableEntity) as exc:
        read_table(lines.encode(), "a.csv", COLUMNS)
    assert "2" in _file_error(exc)
    assert len(read_table(("户主身份证号,姓名\n" + "1,a\n" * 2).encode(), "a.csv", COLUMNS)) == 2
