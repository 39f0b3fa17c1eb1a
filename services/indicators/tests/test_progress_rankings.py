"""Progress tables and rankings on a small hand-made county, every figure worked out here from
the definitions (per-capita = Σ income ÷ Σ residents; completion and score as in
indicators.scoring's docstring), then rounded half up."""

import csv
import io
import uuid
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction as F

from openpyxl import load_workbook

from indicators.tests.events import (
    COUNTY,
    TOWN_A,
    TOWN_B,
    VILLAGE_A1,
    VILLAGE_B1,
    county,
    household,
    income,
    sync,
)

H1, H2, H3 = (uuid.uuid4() for _ in range(3))


def pct(value: F) -> str:
    scaled = value * 100
    return str(
        (Decimal(scaled.numerator) / Decimal(scaled.denominator)).quantize(
            Decimal("0.01"), ROUND_HALF_UP
        )
    )


async def seed(app, client, tokens):
    await sync(
        app,
        [
            *county(),
            household(H1, village=VILLAGE_A1),
            household(H2, village=VILLAGE_B1),
            household(H3, village=VILLAGE_A1, category="low_income"),
            income(H1, "2025Q1", wage="6000.00", residents=2),
            income(H1, "2024Q1", wage="5000.00", residents=2),
            income(H2, "2025Q1", wage="4000.00", residents=1, village=VILLAGE_B1),
            income(H2, "2024Q1", wage="4000.00", residents=1, village=VILLAGE_B1),
            income(H3, "2025Q1", transfer="3000.00", residents=1, category="low_income"),
        ],
    )
    admin = tokens.headers("county_admin")
    for town, value in ((TOWN_A, "3200"), (TOWN_B, "4000")):
        url = f"/v1/targets/I01_rural_income/per_capita/{town}/2025Q1"
        assert (await client.put(url, json={"value": value}, headers=admin)).status_code == 201


def _cells(table):
    return {
        (row["area_code"], cell["indicator"], cell["measure"], cell["period"]): cell
        for row in table["rows"]
        for cell in row["cells"]
    }


async def test_farmer_income_progress_table(app, client, tokens):
    await seed(app, client, tokens)
    response = await client.get(
        "/v1/progress",
        params={"table": "farmer_income", "area": COUNTY, "year": 2025},
        headers=tokens.headers("leader"),
    )
    assert response.status_code == 200, response.text
    table = response.json()
    assert [row["area_code"] for row in table["rows"]] == [COUNTY, TOWN_A, TOWN_B]
    assert table["rows"][0]["total"] is True
    cells = _cells(table)
    pc, growth = ("I01_rural_income", "per_capita"), ("I01_rural_income", "growth")

    # 黄田镇: (6000 + 3000) ÷ (2 + 1) = 3000 against a target of 3200; a year earlier 5000 ÷ 2.
    a = cells[(TOWN_A, *pc, "2025Q1")]
    assert (a["actual"], a["target"], a["target_source"]) == ("3000.00", "3200", "set")
    # An annual level in Q1: progress only, no verdict until Q4.
    assert (a["completion_rate"], a["met"]) == (pct(F(3000, 3200)), None)
    a_growth = cells[(TOWN_A, *growth, "2025Q1")]
    growth_a = F(3000) / F(5000, 2) - 1  # 20 %
    assert a_growth["actual"] == pct(growth_a)
    assert (a_growth["target"], a_growth["target_source"]) == ("11", "catalogue")
    assert (a_growth["completion_rate"], a_growth["met"]) == (pct(growth_a * 100 / 11), True)
    # 隆宫乡: 4000 ÷ 1 on a target of 4000; no growth.
    b = cells[(TOWN_B, *pc, "2025Q1")]
    assert (b["actual"], b["completion_rate"], b["met"]) == ("4000.00", "100.00", None)
    b_growth = cells[(TOWN_B, *growth, "2025Q1")]
    assert (b_growth["actual"], b_growth["completion_rate"], b_growth["met"]) == (
        "0.00",
        "0.00",
        False,
    )
    # The county: 13000 ÷ 4 against the plan's 34,700; a year earlier 9000 ÷ 3.
    c = cells[(COUNTY, *pc, "2025Q1")]
    assert (c["actual"], c["target"], c["target_source"]) == ("3250.00", "34700", "catalogue")
    assert c["completion_rate"] == pct(F(3250, 34700))
    assert cells[(COUNTY, *growth, "2025Q1")]["actual"] == pct(F(3250) / F(3000) - 1)
    # Quarters without records: no actual, no rate, the target still shown.
    empty = cells[(TOWN_A, *pc, "2025Q2")]
    assert (empty["actual"], empty["completion_rate"], empty["target"]) == (None, None, "34700")


async def test_low_income_progress_table(app, client, tokens):
    await seed(app, client, tokens)
    response = await client.get(
        "/v1/progress",
        params={"table": "low_income", "area": COUNTY, "year": 2025},
        headers=tokens.headers("township_officer", area=TOWN_A),
    )
    assert response.status_code == 404  # the county is outside a township officer's scope
    response = await client.get(
        "/v1/progress",
        params={"table": "low_income", "area": COUNTY, "year": 2025},
        headers=tokens.headers("county_admin"),
    )
    cells = _cells(response.json())
    a = cells[(TOWN_A, "I03_low_income_income", "per_capita", "2025Q1")]
    assert (a["actual"], a["target"], a["completion_rate"]) == (
        "3000.00",
        "25000",
        pct(F(3000, 25000)),
    )
    assert cells[(TOWN_B, "I03_low_income_income", "per_capita", "2025Q1")]["actual"] is None
    # Below 13,000 annualised: H1 3000 × 4 and H3 3000 × 4 in 黄田镇; H2 4000 × 4 is not.
    below_a = cells[(TOWN_A, "I04_below_13000", "count", "2025Q1")]
    assert (below_a["actual"], below_a["target"], below_a["met"]) == ("2", "0", False)
    assert below_a["completion_rate"] == pct(F(0 + 1, 2 + 1))  # lower is better: (t+1)/(a+1)
    assert cells[(TOWN_B, "I04_below_13000", "count", "2025Q1")]["completion_rate"] == "100.00"


async def _rank(client, tokens, **params):
    response = await client.get(
        "/v1/rankings",
        params={"area": COUNTY, "period": "2025Q1", **params},
        headers=tokens.headers("leader"),
    )
    assert response.status_code == 200, response.text
    return [(item["rank"], item["area_code"], item["score"]) for item in response.json()["items"]]


async def test_rankings_single_measure_lower_is_better_and_ties(app, client, tokens):
    await seed(app, client, tokens)
    assert await _rank(client, tokens, indicator="I01_rural_income") == [
        (1, TOWN_B, "100.00"),
        (2, TOWN_A, pct(F(3000, 3200))),
    ]
    # Lower is better with a zero target: 0 households scores 1, 2 households 1/3.
    assert await _rank(client, tokens, indicator="I04_below_13000", measure="count") == [
        (1, TOWN_B, "100.00"),
        (2, TOWN_A, pct(F(1, 3))),
    ]
    # No zero-employment household anywhere: equal scores share the rank, listed by area code.
    assert await _rank(client, tokens, indicator="I16_zero_employment", measure="count") == [
        (1, TOWN_A, "100.00"),
        (1, TOWN_B, "100.00"),
    ]


async def test_rankings_on_a_stored_weighted_set(app, client, tokens):
    await seed(app, client, tokens)
    body = {
        "name": "2025 年度乡镇考核",
        "items": [
            {"indicator": "I01_rural_income", "measure": "per_capita", "weight": "3"},
            {"indicator": "I04_below_13000", "measure": "count", "weight": "1"},
            # 隆宫乡 has no low-income record: that measure scores 0 there.
            {"indicator": "I03_low_income_income", "measure": "per_capita", "weight": "1"},
        ],
    }
    put = await client.put(
        "/v1/ranking-sets/kh2025", json=body, headers=tokens.headers("county_admin")
    )
    assert put.status_code == 201, put.text
    officer = await client.put(
        "/v1/ranking-sets/kh2025", json=body, headers=tokens.headers("township_officer")
    )
    assert officer.status_code == 403
    score_a = (3 * F(3000, 3200) + F(1, 3) + F(3000, 25000)) / 5
    score_b = (3 * F(1) + F(1) + 0) / 5
    assert await _rank(client, tokens, set="kh2025") == [
        (1, TOWN_B, pct(score_b)),
        (2, TOWN_A, pct(score_a)),
    ]
    bad = await client.put(
        "/v1/ranking-sets/bad",
        json={
            "name": "x",
            "items": [{"indicator": "I01_rural_income", "measure": "nope", "weight": "1"}],
        },
        headers=tokens.headers("county_admin"),
    )
    assert bad.status_code == 422
    assert (
        await client.get(
            "/v1/rankings",
            params={"area": COUNTY, "period": "2025Q1", "set": "none"},
            headers=tokens.headers("leader"),
        )
    ).status_code == 404


async def test_exports_have_chinese_headers_names_and_the_computed_time(app, client, tokens):
    await seed(app, client, tokens)
    leader = tokens.headers("leader")
    values = await client.get(
        "/v1/exports/indicator-values.csv",
        params={"indicator": "I01_rural_income", "area": COUNTY, "period": "2025Q1"},
        headers=leader,
    )
    assert values.status_code == 200, values.text
    lines = list(csv.reader(io.StringIO(values.content.decode("utf-8-sig"))))
    assert lines[0] == ["庆元县农村居民人均可支配收入（截至2025年一季度）"]
    assert "计算时间：" in lines[1][0]
    assert lines[2][:4] == ["序号", "乡镇（街道）", "人均可支配收入（元）", "同比增长（%）"]
    per_capita = {line[1]: line[2] for line in lines[3:]}
    assert per_capita == {"合计": "3250.00", "黄田镇": "3000.00", "隆宫乡": "4000.00"}

    progress = await client.get(
        "/v1/exports/progress.xlsx",
        params={"table": "farmer_income", "area": COUNTY, "year": 2025},
        headers=leader,
    )
    assert progress.status_code == 200
    sheet = load_workbook(io.BytesIO(progress.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    # The year asked, its latest quarter with records (2025Q1); two townships and the total.
    assert rows[0][0] == "2025年度庆元县农民增收工作进度表（截至一季度）"
    assert [row[1] for row in rows[4:7]] == ["黄田镇", "隆宫乡", "合计"]

    ranked = await client.get(
        "/v1/exports/rankings.csv",
        params={"area": COUNTY, "period": "2025Q1", "indicator": "I01_rural_income"},
        headers=leader,
    )
    lines = list(csv.reader(io.StringIO(ranked.content.decode("utf-8-sig"))))
    assert [line[:2] for line in lines if line[0].isdigit()] == [["1", "隆宫乡"], ["2", "黄田镇"]]
