"""Reading the tables offices send us: XLSX or CSV, Chinese header row (writing them:
``kit.downloads``). Shared by the registry's imports and the indicators' target imports.

Only the shape of a file is checked here (extension, size, headers, row count); what the
values mean is each import kind's business. Every value is handed on as stripped text.

An upload is hostile until read: a 2 KB workbook can declare a million rows by 16,384
columns, a 30 KB zip can unpack to gigabytes. So every limit holds while streaming (the
archive's unpacked sizes before opening it, rows and columns as they are read, never a whole
sheet in memory first), and the parse runs in a worker thread so the service keeps answering.
"""

import asyncio
import csv
import datetime as dt
import io
import zipfile
from collections.abc import Generator, Sequence
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import File, UploadFile
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from kit.problems import PayloadTooLarge, Problem, UnprocessableEntity, field_error, invalid

Lines = Generator[list[str], None, None]

MAX_BYTES = 10 * 1024 * 1024  # the file as uploaded
MAX_UNPACKED_BYTES = 64 * 1024 * 1024  # an XLSX's parts once unzipped, all together
MAX_ARCHIVE_ENTRIES = 200  # a workbook has a dozen parts; thousands mean a crafted zip
MAX_ROWS = 20_000  # data rows (blank lines not counted)
MAX_COLUMNS = 100  # our widest template has 20
# Blank lines are skipped, but read: a sheet of a million empty rows must stop somewhere too.
MAX_BLANK_LINES = 10_000


TableFile = Annotated[UploadFile, File(description="按模板填写的 XLSX 或 CSV / XLSX or CSV")]


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


async def read_upload(
    upload: UploadFile, columns: Sequence[Column], *, max_rows: int | None = None
) -> list[SourceRow]:
    """``read_table`` of an uploaded file, in a worker thread: parsing a large workbook takes
    seconds of CPU, which on the event loop would stop every other request (health included)."""
    content = await upload.read(MAX_BYTES + 1)  # one byte over is enough to refuse it
    return await asyncio.to_thread(
        read_table, content, upload.filename or "", columns, max_rows=max_rows
    )


def read_table(
    content: bytes, filename: str, columns: Sequence[Column], *, max_rows: int | None = None
) -> list[SourceRow]:
    """The file's data rows as text keyed by column field; a problem on ``file`` if unusable.

    ``max_rows`` (default ``MAX_ROWS``) is for tables whose records span rows, e.g. households
    written one member a row."""
    if len(content) > MAX_BYTES:
        raise _too_large("文件超过 10 MB / the file is larger than 10 MB")
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if suffix == "xlsx":
        lines = _xlsx_lines(content)
    elif suffix == "csv":
        lines = _csv_lines(content)
    else:
        raise invalid("file", "仅支持 .xlsx 或 .csv 文件 / only .xlsx or .csv files are accepted")
    try:
        return _rows(lines, columns, MAX_ROWS if max_rows is None else max_rows)
    finally:
        lines.close()  # an XLSX reader holds the workbook open until closed


def _too_large(message: str) -> PayloadTooLarge:
    return PayloadTooLarge(message, errors=[field_error("file", message)])


def _rows(lines: Lines, columns: Sequence[Column], limit: int) -> list[SourceRow]:
    header = next(lines, None)
    if header is None:
        raise invalid("file", "文件为空，缺少表头 / the file is empty (no header row)")
    positions = _header_positions(header, columns)
    rows: list[SourceRow] = []
    blank_lines = 0
    for number, cells in enumerate(lines, start=2):
        if not any(cells):
            blank_lines += 1  # blank lines between blocks are common in hand-kept sheets
            if blank_lines > MAX_BLANK_LINES:
                raise invalid(
                    "file",
                    f"空行超过 {MAX_BLANK_LINES} 行 / more than {MAX_BLANK_LINES} blank lines",
                )
            continue
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


def _too_wide(cells: Sequence[object]) -> bool:
    return len(cells) > MAX_COLUMNS and any(c not in (None, "") for c in cells[MAX_COLUMNS:])


def _too_many_columns() -> UnprocessableEntity:
    return invalid("file", f"列数超过 {MAX_COLUMNS} 列 / more than {MAX_COLUMNS} columns")


def _check_archive(content: bytes) -> None:
    """Refuse a zip whose parts unpack past the limit, before any of it is unpacked. The sizes
    are the archive's own word, and zipfile holds each part to it (reading past a part's
    declared size fails its check), so a lying archive is unreadable, not large."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise _unreadable() from exc
    if len(parts) > MAX_ARCHIVE_ENTRIES:
        raise _unreadable()
    if sum(part.file_size for part in parts) > MAX_UNPACKED_BYTES:
        raise _too_large("文件解压后超过 64 MB / the workbook unpacks to more than 64 MB")


def _xlsx_lines(content: bytes) -> Lines:
    _check_archive(content)
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise _unreadable() from exc
    return _sheet_lines(book)


def _sheet_lines(book: object) -> Lines:
    """The first sheet's lines, one at a time, each cut to ``MAX_COLUMNS`` (+1 to see more)."""
    try:
        sheet = book.worksheets[0]  # type: ignore[attr-defined]
        # The sheet's declared dimension is the file's word, not its content: a crafted one
        # makes the reader pad every row to 16,384 cells. Ignore it; read what is there.
        sheet.reset_dimensions()
        for row in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1):
            if _too_wide(row):
                raise _too_many_columns()
            yield [_cell_text(value) for value in row[:MAX_COLUMNS]]
    except Problem:
        raise
    except Exception as exc:  # a damaged sheet fails in many ways; all mean "unreadable"
        raise _unreadable() from exc
    finally:
        book.close()  # type: ignore[attr-defined]


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


def _csv_lines(content: bytes) -> Lines:
    text = _decode(content)
    try:
        for row in csv.reader(io.StringIO(text)):
            if _too_wide(row):
                raise _too_many_columns()
            yield [cell.strip() for cell in row[:MAX_COLUMNS]]
    except csv.Error as exc:
        raise _unreadable() from exc


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
