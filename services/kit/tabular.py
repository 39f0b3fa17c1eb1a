"""Reading and writing the tables offices exchange with us: XLSX or CSV, Chinese header row.
Shared by the registry's imports and the indicators' target imports and exports.

Only the shape of a file is checked here (extension, size, headers, row count); what the
values mean is each import kind's business. Every value is handed on as stripped text.
"""

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import quote

from fastapi import Response
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

from kit.problems import UnprocessableEntity, invalid

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
NOTES_SHEET = "说明"
MEDIA_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
# A download's 200 as the OpenAPI document declares it: one of the two, whichever fmt asked for.
TABLE_CONTENT: dict[str, Any] = {
    media_type.split(";")[0]: {} for media_type in MEDIA_TYPES.values()
}
_TEXT_FORMAT = "@"  # Excel's "text" number format: long ID numbers stay as typed


@dataclass(frozen=True)
class Column:
    header: str  # the Chinese header in the file, e.g. "户主身份证号"
    field: str  # the internal key, e.g. "head_id_number"
    required: bool = False
    example: str = ""  # shown in the template's example row
    note: str = ""  # allowed values / format, shown on the template's 说明 sheet


@dataclass(frozen=True)
class SourceRow:
    number: int  # the row's number as the office sees it in Excel (header row = 1)
    values: dict[str, str] = field(default_factory=dict)  # field -> stripped text, "" when empty


# Full-width characters Chinese input methods produce in headers, folded to their ASCII twins.
_HEADER_FOLD = str.maketrans({"（": "(", "）": ")", "　": "", " ": "", "\t": "", "*": ""})


def _header_key(text: str) -> str:
    return text.strip().translate(_HEADER_FOLD)


def read_table(
    content: bytes, filename: str, columns: Sequence[Column], *, max_rows: int | None = None
) -> list[SourceRow]:
    """The file's data rows as text keyed by column field; a problem on ``file`` if unusable.

    ``max_rows`` (default ``MAX_ROWS``) is for tables whose records span rows, e.g. households
    written one member a row."""
    if len(content) > MAX_BYTES:
        raise invalid("file", "文件超过 10 MB / the file is larger than 10 MB")
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if suffix == "xlsx":
        lines = _xlsx_lines(content)
    elif suffix == "csv":
        lines = _csv_lines(content)
    else:
        raise invalid("file", "仅支持 .xlsx 或 .csv 文件 / only .xlsx or .csv files are accepted")
    return _rows(lines, columns, MAX_ROWS if max_rows is None else max_rows)


def _rows(lines: Iterator[list[str]], columns: Sequence[Column], limit: int) -> list[SourceRow]:
    header = next(lines, None)
    if header is None:
        raise invalid("file", "文件为空，缺少表头 / the file is empty (no header row)")
    positions = _header_positions(header, columns)
    rows: list[SourceRow] = []
    for number, cells in enumerate(lines, start=2):
        if not any(cells):
            continue  # blank lines between blocks are common in hand-kept sheets
        if len(rows) >= limit:
            raise invalid(
                "file", f"数据超过 {limit} 行，请拆分文件 / more than {limit} rows; split it"
            )
        values = {
            col.field: cells[pos] if pos is not None and pos < len(cells) else ""
            for col, pos in zip(columns, positions, strict=True)
        }
        rows.append(SourceRow(number=number, values=values))
    return rows


def _header_positions(header: list[str], columns: Sequence[Column]) -> list[int | None]:
    found: dict[str, int] = {}
    for position, text in enumerate(header):
        found.setdefault(_header_key(text), position)
    positions = [found.get(_header_key(col.header)) for col in columns]
    missing = [
        col.header
        for col, pos in zip(columns, positions, strict=True)
        if pos is None and col.required
    ]
    if missing:
        names = "、".join(missing)
        raise invalid("file", f"缺少必填列：{names} / missing required columns: {names}")
    return positions


def _xlsx_lines(content: bytes) -> Iterator[list[str]]:
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise _unreadable() from exc
    try:
        sheet = book.worksheets[0]
        lines = [[_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    except Exception as exc:  # a damaged sheet fails in many ways; all mean "unreadable"
        raise _unreadable() from exc
    finally:
        book.close()
    return iter(lines)


def _unreadable() -> UnprocessableEntity:
    return invalid(
        "file", "无法读取文件，请用模板另存 / the file cannot be read; save it from the template"
    )


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel stores every number as a float: 123.0 is 123
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def _csv_lines(content: bytes) -> Iterator[list[str]]:
    text = _decode(content)
    try:
        lines = [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text))]
    except csv.Error as exc:
        raise _unreadable() from exc
    return iter(lines)


def _decode(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        # Chinese Excel's "CSV" is saved in the local code page (GBK, a subset of GB18030).
        return content.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise invalid(
            "file", "无法识别文件编码，请存为 UTF-8 / unknown text encoding; save as UTF-8"
        ) from exc


def write_template(columns: Sequence[Column], fmt: Literal["xlsx", "csv"]) -> bytes:
    """An empty template: the header row and one example row (plus a 说明 sheet in XLSX)."""
    headers = [col.header for col in columns]
    example = [col.example for col in columns]
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerows([headers, example])
        # The BOM makes Excel open the file as UTF-8 instead of the local code page.
        return out.getvalue().encode("utf-8-sig")
    return _xlsx_template(columns, headers, example)


def _xlsx_template(columns: Sequence[Column], headers: list[str], example: list[str]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "数据"
    _text_rows(sheet, [headers, example], bold_first=True)
    for position, col in enumerate(columns, start=1):
        letter = sheet.cell(row=1, column=position).column_letter
        sheet.column_dimensions[letter].width = max(
            12, 2 * len(col.header) + 4, len(col.example) + 4
        )
        # Whole columns as text too, so rows the office adds keep their leading zeros and digits.
        sheet.column_dimensions[letter].number_format = _TEXT_FORMAT
    notes = book.create_sheet(NOTES_SHEET)
    _text_rows(
        notes,
        [
            ["列名 / column", "是否必填 / required", "说明 / note"],
            *([col.header, "必填" if col.required else "选填", col.note] for col in columns),
        ],
        bold_first=True,
    )
    for letter, width in (("A", 20), ("B", 16), ("C", 80)):
        notes.column_dimensions[letter].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _text_rows(sheet: Worksheet, rows: Iterable[list[str]], *, bold_first: bool) -> None:
    for row_index, row in enumerate(rows, start=1):
        for col_index, value in enumerate(row, start=1):
            cell = sheet.cell(row=row_index, column=col_index, value=value)
            cell.number_format = _TEXT_FORMAT
            if bold_first and row_index == 1:
                cell.font = Font(bold=True)


def template_response(
    columns: Sequence[Column], fmt: Literal["xlsx", "csv"], name: str
) -> Response:
    """The template as a download named ``name.fmt`` (Chinese names via RFC 5987 ``filename*``)."""
    filename = f"{name}.{fmt}"
    # Old clients read the ASCII ``filename``; browsers prefer the UTF-8 ``filename*``.
    disposition = f"attachment; filename=\"template.{fmt}\"; filename*=UTF-8''{quote(filename)}"
    return Response(
        write_template(columns, fmt),
        media_type=MEDIA_TYPES[fmt],
        headers={"Content-Disposition": disposition},
    )


def write_table(headers: Sequence[str], rows: Iterable[Sequence[str]], fmt: str) -> bytes:
    """A table for download: a bold header row and text cells (codes keep their digits)."""
    if fmt == "csv":
        text = io.StringIO()
        writer = csv.writer(text, lineterminator="\r\n")
        writer.writerows([list(headers), *(list(row) for row in rows)])
        return text.getvalue().encode("utf-8-sig")
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "数据"
    _text_rows(sheet, [list(headers), *(list(row) for row in rows)], bold_first=True)
    for position, header in enumerate(headers, start=1):
        letter = sheet.cell(row=1, column=position).column_letter
        sheet.column_dimensions[letter].width = max(12, 2 * len(header) + 4)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def download_response(content: bytes, fmt: Literal["xlsx", "csv"], name: str) -> Response:
    filename = f"{name}.{fmt}"
    disposition = f"attachment; filename=\"export.{fmt}\"; filename*=UTF-8''{quote(filename)}"
    return Response(
        content, media_type=MEDIA_TYPES[fmt], headers={"Content-Disposition": disposition}
    )
