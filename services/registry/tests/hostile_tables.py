"""Crafted workbooks, as an attacker makes them: for the hostile-upload tests and
``bench/upload_attack.py``. Each is a real workbook whose sheet XML was changed afterwards."""

import io
import re
import zipfile
from collections.abc import Callable, Sequence

from openpyxl import Workbook

HEADER = ("户主身份证号", "姓名")


def workbook(rows: list[list[str]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rewrite_sheet(content: bytes, change: Callable[[bytes], bytes]) -> bytes:
    """The same workbook with its first sheet's XML changed (what a crafted file does)."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for part in source.infolist():
            data = source.read(part.filename)
            if part.filename == "xl/worksheets/sheet1.xml":
                data = change(data)
            target.writestr(part.filename, data)
    return out.getvalue()


def far_corner(header: Sequence[str] = HEADER) -> bytes:
    """About 5 KB: a sheet declared 1,048,576 rows × 16,384 columns, with a cell in its far
    corner. A reader that trusts the declaration pads a million rows to 16,384 cells each."""
    plain = workbook([list(header), ["1"] * len(header)])

    def crafted(xml: bytes) -> bytes:
        corner = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
        xml = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', xml, count=1)
        return xml.replace(b"</sheetData>", corner + b"</sheetData>", 1)

    return rewrite_sheet(plain, crafted)


def zip_bomb(header: Sequence[str] = HEADER) -> bytes:
    """About 200 KB that unpacks to 200 MB: the sheet padded with whitespace XML allows."""
    plain = workbook([list(header), ["1"] * len(header)])
    return rewrite_sheet(
        plain, lambda xml: xml.replace(b"<sheetData>", b"<sheetData>" + b" " * 200_000_000)
    )
