"""Exports as a county office uses them (issue 15, bug 8): wide tables, areas as rows and
measures as columns, Chinese headers with units, numbers as numbers, a frozen header, fitted
widths, a title naming the period, names instead of codes; the progress tables in the layout of
shared/DOMAIN.md ("Targets and progress tables"). Figures worked out here from the definitions."""

import csv
import io
import re
import uuid
from decimal import Decimal
from fractions import Fraction as F

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from indicators.tests.events import (
    COUNTY,
    TOWN_A,
    VILLAGE_A1,
    VILLAGE_B1,
    area,
    county,
    household,
    income,
    sync,
)

STREET = "331126001"  # 松源街道: a subdistrict comes first, in code order
STREET_VILLAGE = "331126001201"
H1, H2, H3, H4 = (uuid.uuid4() for _ in range(4))
CODES = re.compile(r"\d{6,12}|I\d\d_|per_capita|growth|farmer_income|low_income|\bcount\b")
TITLE_1 = "2025年度庆元县农民增收工作进度表（截至三季度）"
TITLE_2 = "2025年度庆元县低收入农户增收工作进度表（截至三季度）"


def money(value: F) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.01"))


async def seed(app, client, tokens):
    await sync(
        app,
        [
            *county(),
            area(STREET, "松源街道"),
            area(STREET_VILLAGE, "城西村"),
            household(H1, village=VILLAGE_A1),
            household(H2, village=VILLAGE_B1),
            household(H3, village=VILLAGE_A1, category="low_income"),
            household(H4, village=STREET_VILLAGE),
            # The first quarter has records too: the latest quarter is the one shown.
            income(H1, "2025Q1", wage="3000.00", residents=2),
            income(H1, "2025Q3", wage="9000.00", residents=2),
            income(H1, "2024Q3", wage="8000.00", residents=2),
            income(H2, "2025Q3", wage="12000.00", residents=1, village=VILLAGE_B1),
            income(H3, "2025Q3", transfer="6000.00", category="low_income"),
            income(H3, "2024Q3", transfer="5000.00", category="low_income"),
            income(H4, "2025Q3", wage="20000.00", residents=2, village=STREET_VILLAGE),
        ],
    )
    url = f"/v1/targets/I01_rural_income/per_capita/{TOWN_A}/2025Q3"
    put = await client.put(url, json={"value": "30000"}, headers=tokens.headers("county_admin"))
    assert put.status_code == 201, put.text


async def download(client, tokens, path: str, **params: object):
    answer = await client.get(path, params=params, headers=tokens.headers("leader"))
    assert answer.status_code == 200, answer.text
    return answer.content


async def target_of(client, tokens, indicator: str, measure: str, code: str) -> Decimal:
    """The target in force as the targets service has it (set, or its default)."""
    answer = await client.get(
        "/v1/targets",
        params={"area": code, "period": "2025Q3", "indicator": indicator},
        headers=tokens.headers("leader"),
    )
    assert answer.status_code == 200, answer.text
    found = [
        t for t in answer.json()["items"] if t["area_code"] == code and t["measure"] == measure
    ]
    return Decimal(found[0]["value"])


def values(sheet: Worksheet) -> list[list[object]]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def cell_at(sheet: Worksheet, row: int, header: str, group: str | None = None):
    """The cell of a data row under a header (and its group header, row 3)."""
    for column in range(1, sheet.max_column + 1):
        if sheet.cell(4, column).value != header:
            continue
        if group is None or _group_of(sheet, column) == group:
            return sheet.cell(row, column)
    raise AssertionError(f"no column {group}/{header}")


def _group_of(sheet: Worksheet, column: int) -> object:
    for merged in sheet.merged_cells.ranges:
        if merged.min_row == 3 and merged.min_col <= column <= merged.max_col:
            return sheet.cell(3, merged.min_col).value
    return sheet.cell(3, column).value


def assert_readable(sheet: Worksheet) -> None:
    """No internal codes anywhere, every column given a width."""
    for row in sheet.iter_rows(values_only=True):
        for value in row:
            if isinstance(value, str):
                assert not CODES.search(value), value
    for column in range(1, sheet.max_column + 1):
        letter = get_column_letter(column)
        assert sheet.column_dimensions[letter].width >= 8, letter


async def test_farmer_income_progress_table_in_the_plans_layout(app, client, tokens):
    await seed(app, client, tokens)
    # No period asked: the latest quarter with income records (2025Q3), not the first.
    content = await download(
        client, tokens, "/v1/exports/progress.xlsx", table="farmer_income", area=COUNTY
    )
    sheet = load_workbook(io.BytesIO(content)).active
    rows = values(sheet)
    assert rows[0][0] == TITLE_1
    assert rows[1][0] == "单位：元、%"
    group = "农村居民人均可支配收入"
    assert rows[2][:3] == ["序号", "乡镇（街道）", group]
    assert rows[3][2:6] == ["目标值", "完成值", "完成率（%）", "同比增长（%）"]
    assert rows[2][-1] == "备注" and len(rows[3]) == 7
    assert sheet.freeze_panes == "C5", "the header and the names stay in view"
    # One row per township in code order (街道, 镇, 乡), then the county's total.
    assert [row[:2] for row in rows[4:8]] == [
        [1, "松源街道"],
        [2, "黄田镇"],
        [3, "隆宫乡"],
        [None, "合计"],
    ]
    footer = " ".join(str(v) for row in rows[8:] for v in row if v)
    for label in ("填报单位", "填报人", "审核人", "填报日期"):
        assert label in footer

    # 黄田镇: (9000 + 6000) ÷ 3 = 5000 against the 30,000 set; a year earlier 13000 ÷ 3.
    actual = cell_at(sheet, 6, "完成值")
    assert actual.data_type == "n" and actual.number_format == "#,##0.00"
    assert Decimal(str(actual.value)) == Decimal("5000.00")
    assert Decimal(str(cell_at(sheet, 6, "目标值").value)) == Decimal("30000")
    rate = cell_at(sheet, 6, "完成率（%）")
    assert rate.data_type == "n" and Decimal(str(rate.value)) == Decimal("16.67")
    growth = cell_at(sheet, 6, "同比增长（%）")
    assert growth.data_type == "n" and Decimal(str(growth.value)) == money(F(2, 13) * 100)
    # The county: 47000 ÷ 6, against the target the targets service has for it.
    county_target = await target_of(client, tokens, "I01_rural_income", "per_capita", COUNTY)
    assert Decimal(str(cell_at(sheet, 8, "完成值").value)) == money(F(47000, 6))
    assert Decimal(str(cell_at(sheet, 8, "目标值").value)) == county_target
    assert cell_at(sheet, 7, "同比增长（%）").value is None  # 隆宫乡 has no 2024Q3 record
    assert_readable(sheet)


async def test_low_income_progress_table_has_the_13000_line_households(app, client, tokens):
    await seed(app, client, tokens)
    content = await download(
        client,
        tokens,
        "/v1/exports/progress.xlsx",
        table="low_income",
        area=COUNTY,
        period="2025Q3",
    )
    sheet = load_workbook(io.BytesIO(content)).active
    rows = values(sheet)
    assert rows[0][0] == TITLE_2
    low, below = "低收入农户人均可支配收入", "低于1.3万元户数"
    assert [rows[2][2], rows[2][6]] == [low, below]
    assert len(rows[3]) == 11 and rows[2][-1] == "备注"
    # 黄田镇: H3's 6000 (a year earlier 5000: +20 %); under the line H1 and H3, as a year before.
    assert Decimal(str(cell_at(sheet, 6, "完成值", low).value)) == Decimal("6000.00")
    assert Decimal(str(cell_at(sheet, 6, "同比增长（%）", low).value)) == Decimal("20.00")
    count = cell_at(sheet, 6, "完成值", below)
    assert count.data_type == "n" and count.value == 2 and count.number_format == "#,##0"
    assert cell_at(sheet, 6, "目标值", below).value == 0
    assert Decimal(str(cell_at(sheet, 6, "同比增长（%）", below).value)) == Decimal("0.00")
    assert_readable(sheet)


async def test_progress_table_as_csv_keeps_the_layout(app, client, tokens):
    await seed(app, client, tokens)
    content = await download(
        client, tokens, "/v1/exports/progress.csv", table="farmer_income", area=COUNTY
    )
    assert content.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM for Excel"
    lines = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert lines[0][0] == TITLE_1 and lines[1][0] == "单位：元、%"
    assert lines[3][:6] == [
        "序号",
        "乡镇（街道）",
        "目标值",
        "完成值",
        "完成率（%）",
        "同比增长（%）",
    ]
    assert lines[5][:4] == ["2", "黄田镇", "30000.00", "5000.00"]


async def test_indicator_table_is_wide_with_a_title_and_the_period(app, client, tokens):
    await seed(app, client, tokens)
    content = await download(
        client,
        tokens,
        "/v1/exports/indicator-values.xlsx",
        indicator="I01_rural_income",
        area=COUNTY,
        period="2025Q3",
    )
    sheet = load_workbook(io.BytesIO(content)).active
    rows = values(sheet)
    assert "农村居民人均可支配收入" in str(rows[0][0]) and "截至2025年三季度" in str(rows[0][0])
    header_at = next(i for i, row in enumerate(rows) if row[0] == "序号")
    header = rows[header_at]
    assert header[1:4] == ["乡镇（街道）", "人均可支配收入（元）", "同比增长（%）"]
    assert sheet.freeze_panes == f"C{header_at + 2}"
    names = [row[1] for row in rows[header_at + 1 :]]
    assert names == ["松源街道", "黄田镇", "隆宫乡", "合计"]
    town_a = sheet.cell(header_at + 3, 3)
    assert town_a.data_type == "n" and town_a.number_format == "#,##0.00"
    assert Decimal(str(town_a.value)) == Decimal("5000.00")
    assert_readable(sheet)


async def test_ranking_export_is_wide_and_its_labels_whole(app, client, tokens):
    await seed(app, client, tokens)
    content = await download(
        client,
        tokens,
        "/v1/exports/rankings.xlsx",
        indicator="I01_rural_income",
        area=COUNTY,
        period="2025Q3",
    )
    sheet = load_workbook(io.BytesIO(content)).active
    rows = values(sheet)
    assert "截至2025年三季度" in str(rows[0][0])
    text = " ".join(str(v) for row in rows for v in row if v is not None)
    assert "完成 " not in text and "= %" not in text, "no half-filled label"
    top = next(i for i, row in enumerate(rows) if row[0] == "名次")
    assert rows[top][:3] == ["名次", "乡镇（街道）", "得分（%）"]
    assert rows[top + 1][3:6] == ["完成值（元）", "目标值（元）", "完成率（%）"]
    first = rows[top + 2]
    assert first[:2] == [1, "隆宫乡"]  # 12000 against the 2025 level target
    assert isinstance(first[3], float | int) and Decimal(str(first[3])) == Decimal("12000.00")
    assert sheet.freeze_panes == f"C{top + 3}"
    assert_readable(sheet)


async def test_ranking_on_a_set_names_the_set_and_each_weight(app, client, tokens):
    await seed(app, client, tokens)
    body = {
        "name": "2025 年度乡镇考核",
        "items": [
            {"indicator": "I01_rural_income", "measure": "per_capita", "weight": "3"},
            {"indicator": "I04_below_13000", "measure": "count", "weight": "1"},
        ],
    }
    put = await client.put(
        "/v1/ranking-sets/kh2025", json=body, headers=tokens.headers("county_admin")
    )
    assert put.status_code == 201, put.text
    content = await download(
        client, tokens, "/v1/exports/rankings.csv", set="kh2025", area=COUNTY, period="2025Q3"
    )
    lines = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert lines[0] == ["庆元县乡镇（街道）排名（截至2025年三季度）"]
    assert "考核指标组：2025 年度乡镇考核" in lines[1][0]
    assert lines[2][3] == "农村居民人均可支配收入·人均可支配收入（权重 3）"
    assert lines[2][6] == "人均收入低于 1.3 万元农户·户数（权重 1）"
    assert lines[3][6:9] == ["完成值（户）", "目标值（户）", "完成率（%）"]
    town_a = next(line for line in lines[4:] if line[1] == "黄田镇")
    assert town_a[6:8] == ["2", "0"], "counts are whole numbers"
