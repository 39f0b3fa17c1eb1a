"""Writing the tables offices download from us: import templates and typed tables, as XLSX or
CSV (reading them: ``kit.tabular``). Every export goes through ``write_table``.

Two rules hold for every cell. Text is text: a value starting with ``=``, ``+``, ``-``, ``@``
(or a tab or CR) would be a live formula to Excel, so it is escaped, since names, notes and
sources are typed by users. Numbers are numbers: written as numeric cells with a number
format, so an office can add them up without converting text first.
"""

import csv
import datetime as dt
import io
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal
from urllib.parse import quote

from fastapi import Response
from openpyxl import Workbook
from openpyxl.cell.cell import Cell as XlsxCell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from kit.tabular import Column

Format = Literal["xlsx", "csv"]
NOTES_SHEET = "说明"
MEDIA_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
# A download's 200 as the OpenAPI document declares it: one of the two, whichever fmt asked for.
TABLE_CONTENT: dict[str, Any] = {
    media_type.split(";")[0]: {} for media_type in MEDIA_TYPES.values()
}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TEXT = "@"  # Excel's "text" number format: long ID numbers stay as typed
COUNT = "#,##0"
MONEY = "#,##0.00"
DECIMAL = "#,##0.00"
PERCENT = '0.00"%"'  # the value is already a percentage (84.46), not a fraction

Cell = str | int | float | Decimal | dt.date | None


@dataclass(frozen=True)
class TableColumn:
    header: str  # Chinese first, with the unit: "人均可支配收入（元）"
    number_format: str = TEXT  # for numeric cells; text cells are always text


@dataclass(frozen=True)
class HeaderGroup:
    """A header over ``span`` neighbouring columns (an indicator over its 目标值, 完成值, …).
    An empty one leaves its columns' own headers standing over both header rows."""

    header: str
    span: int = 1


@dataclass(frozen=True)
class Table:
    """A wide table as an office files it: a title naming what and when, lines under it (the
    period, the unit), one or two header rows, the data, and lines after it (signatures)."""

    columns: Sequence[TableColumn]
    rows: Sequence[Sequence[Cell]]
    title: str = ""  # above everything: what the table is and its period
    notes: Sequence[str] = ()  # a line each between the title and the header
    groups: Sequence[HeaderGroup] = ()  # a header row above the columns' own
    footer: Sequence[Sequence[Cell]] = ()  # rows after the data, e.g. 填报人：
    frozen_columns: int = 0  # kept in view when scrolling right (the row's name)


def escape_text(text: str) -> str:
    """A text cell that Excel will not read as a formula (the OWASP advice: a leading ')."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_table(table: Table, fmt: Format) -> bytes:
    return _csv_table(table) if fmt == "csv" else _xlsx_table(table)


def _group_row(table: Table) -> list[str]:
    """The group header row as CSV writes it: each group's header over its first column."""
    cells: list[str] = []
    for group in table.groups:
        cells += [group.header] + [""] * (group.span - 1)
    return cells


def _csv_table(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    # The same lines as the workbook, so a CSV opened in Excel reads as the XLSX does.
    lines: list[Sequence[Cell]] = [[line] for line in (table.title, *table.notes) if line]
    if table.groups:
        lines.append(_group_row(table))
    lines.append([column.header for column in table.columns])
    lines += [*table.rows, *table.footer]
    writer.writerows([_csv_cell(cell) for cell in line] for line in lines)
    # The BOM makes Excel open the file as UTF-8 instead of the local code page.
    return out.getvalue().encode("utf-8-sig")


def _csv_cell(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, str):
        return escape_text(cell)
    if isinstance(cell, dt.date):
        return cell.isoformat()
    return str(cell)


_THIN = Side(style="thin", color="999999")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTRED = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _xlsx_table(table: Table) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "数据"
    width = len(table.columns)
    row = 1
    titled = [(table.title, True)] + [(note, False) for note in table.notes]
    for line, is_title in titled:
        if line:
            cell = _put(sheet, row, 1, line, TEXT)
            cell.font = Font(bold=True, size=14) if is_title else Font()
            cell.alignment = Alignment(horizontal="center" if is_title else "left")
            if width > 1:
                sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
            row += 1
    header_row = _xlsx_headers(sheet, table, row)
    for row_index, values in enumerate(table.rows, start=header_row + 1):
        for position, (column, value) in enumerate(zip(table.columns, values, strict=True), 1):
            _put(sheet, row_index, position, value, column.number_format).border = _BOX
    after = header_row + len(table.rows) + 1
    for row_index, values in enumerate(table.footer, start=after):
        for position, value in enumerate(values, start=1):
            _put(sheet, row_index, position, value, TEXT)
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=table.frozen_columns + 1)
    sheet.print_title_rows = f"{row}:{header_row}"  # the header on every printed page
    _fit_widths(sheet, table)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_headers(sheet: Worksheet, table: Table, top: int) -> int:
    """The header rows from ``top``: the groups' row (if any) over the columns' own; answers
    the row of the columns' headers."""
    header_row = top + 1 if table.groups else top
    if table.groups and sum(group.span for group in table.groups) != len(table.columns):
        raise ValueError("the header groups must cover every column once")
    for position, column in enumerate(table.columns, start=1):
        _header_cell(sheet, header_row, position, column.header)
    start = 1
    for group in table.groups:
        end = start + group.span - 1
        if group.header:
            _header_cell(sheet, top, start, group.header)
            for position in range(start + 1, end + 1):
                _header_cell(sheet, top, position, None)
            if end > start:
                sheet.merge_cells(start_row=top, start_column=start, end_row=top, end_column=end)
        else:  # the columns' own headers over both rows
            for position in range(start, end + 1):
                header = table.columns[position - 1].header
                sheet.cell(header_row, position).value = None
                _header_cell(sheet, top, position, header)
                sheet.merge_cells(
                    start_row=top, start_column=position, end_row=header_row, end_column=position
                )
        start = end + 1
    return header_row


def _header_cell(sheet: Worksheet, row: int, column: int, header: str | None) -> None:
    cell = _put(sheet, row, column, header, TEXT)
    cell.font = Font(bold=True)
    cell.alignment = _CENTRED
    cell.border = _BOX


def _put(sheet: Worksheet, row: int, column: int, value: Cell, number_format: str) -> XlsxCell:
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = value
        cell.data_type = "s"  # openpyxl would store "=..." as a formula
        cell.number_format = TEXT
        # Shown as typed, and kept text even when someone edits the cell in Excel.
        cell.quotePrefix = value.startswith(FORMULA_STARTS)
    elif isinstance(value, dt.date):
        cell.value = value
        cell.number_format = "yyyy-mm-dd"
    else:
        cell.value = value
        cell.number_format = number_format
    return cell


def _display_width(value: Cell, number_format: str) -> int:
    if value is None:
        return 0
    if isinstance(value, int | float | Decimal) and "," in number_format:
        text = f"{value:,.2f}"
    else:
        text = str(value)
    # CJK characters take two columns' width.
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _fit_widths(sheet: Worksheet, table: Table) -> None:
    # A group's header shares its columns' width; the title and notes span the table.
    shared = []
    for group in table.groups:
        share = -(-_display_width(group.header, TEXT) // group.span)
        shared += [share] * group.span
    for position, column in enumerate(table.columns, start=1):
        widest = max(
            [_display_width(column.header, TEXT)]
            + shared[position - 1 : position]
            + [_display_width(row[position - 1], column.number_format) for row in table.rows]
        )
        letter = get_column_letter(position)
        sheet.column_dimensions[letter].width = min(60, max(8, widest + 2))


def download_response(content: bytes, fmt: Format, name: str) -> Response:
    """A download named ``name.fmt`` (Chinese names via RFC 5987 ``filename*``)."""
    filename = f"{name}.{fmt}"
    # Old clients read the ASCII ``filename``; browsers prefer the UTF-8 ``filename*``.
    disposition = f"attachment; filename=\"download.{fmt}\"; filename*=UTF-8''{quote(filename)}"
    return Response(
        content, media_type=MEDIA_TYPES[fmt], headers={"Content-Disposition": disposition}
    )


def write_template(columns: Sequence[Column], fmt: Format) -> bytes:
    """An empty template: the header row and one example row (plus a 说明 sheet in XLSX)."""
    headers = [col.header for col in columns]
    example = [col.example for col in columns]
    if fmt == "csv":
        text = io.StringIO()
        csv.writer(text, lineterminator="\r\n").writerows([headers, example])
        return text.getvalue().encode("utf-8-sig")
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "数据"
    _text_rows(sheet, [headers, example])
    sheet.freeze_panes = "A2"  # the header stays in view as the office fills rows in
    for position, col in enumerate(columns, start=1):
        letter = get_column_letter(position)
        sheet.column_dimensions[letter].width = max(
            12, 2 * len(col.header) + 4, len(col.example) + 4
        )
        # Whole columns as text too, so rows the office adds keep their leading zeros and digits.
        sheet.column_dimensions[letter].number_format = TEXT
    notes = book.create_sheet(NOTES_SHEET)
    _text_rows(
        notes,
        [
            ["列名 / column", "是否必填 / required", "说明 / note"],
            *([col.header, "必填" if col.required else "选填", col.note] for col in columns),
        ],
    )
    for letter, width in (("A", 20), ("B", 16), ("C", 80)):
        notes.column_dimensions[letter].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _text_rows(sheet: Worksheet, rows: Iterable[list[str]]) -> None:
    for row_index, row in enumerate(rows, start=1):
        for col_index, value in enumerate(row, start=1):
            cell = _put(sheet, row_index, col_index, value, TEXT)
            if row_index == 1:
                cell.font = Font(bold=True)


def template_response(columns: Sequence[Column], fmt: Format, name: str) -> Response:
    return download_response(write_template(columns, fmt), fmt, name)
