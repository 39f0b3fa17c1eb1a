"""Income records nested under a household: money rules, derived totals, versions, snapshots."""

from datetime import date
from typing import Any
from uuid import UUID

import pytest
import sqlalchemy as sa

from kit.auth import Role
from registry.models import Cadre, Pairing, outbox
from registry.tests.factories import (
    COUNTY,
    VILLAGE_A1,
    VILLAGE_A2,
    VILLAGE_B1,
    add_areas,
    household_body,
)

INCOME = {
    "wage_income": "30000.00",
    "operating_income": "-1500.50",
    "property_income": "0.00",
    "transfer_income": "2000.51",
    "resident_count": 3,
}


@pytest.fixture
async def household(app, client, officer) -> dict[str, Any]:
    await add_areas(app)
    response = await client.post("/v1/households", json=household_body(), headers=officer)
    assert response.status_code == 201, response.text
    return response.json()


def url(household: dict[str, Any], period: str = "") -> str:
    base = f"/v1/households/{household['id']}/income-records"
    return f"{base}/{period}" if period else base


async def income_events(app) -> list[dict[str, Any]]:
    async with app.state.sessionmaker() as session:
        rows = await session.execute(
            sa.select(outbox).where(outbox.c.aggregate == "income_record").order_by(outbox.c.seq)
        )
        return [dict(row._mapping) for row in rows]


@pytest.mark.smoke
async def test_put_creates_a_record_with_derived_totals_and_the_households_village(
    app, client, household, officer
):
    response = await client.put(url(household, "2026Q3"), json=INCOME, headers=officer)

    assert response.status_code == 201, response.text
    assert response.headers["ETag"] == '"1"'
    assert response.headers["Location"] == url(household, "2026Q3")
    record = response.json()
    assert (record["period"], record["year"], record["quarter"]) == ("2026Q3", 2026, 3)
    assert record["operating_income"] == "-1500.50"
    assert record["total_income"] == "30500.01"
    assert record["per_capita_income"] == "10166.67"  # 30500.01 ÷ 3
    assert (record["village_code"], record["category"]) == (VILLAGE_A1, "low_income")

    got = await client.get(url(household, "2026Q3"), headers=officer)
    assert got.status_code == 200 and got.json() == record

    [event] = await income_events(app)
    assert event["type"] == "income_record.upserted" and event["version"] == 1
    assert event["area_code"] == VILLAGE_A1
    assert event["data"]["total_income"] == "30500.01"


async def test_per_capita_is_rounded_half_up_to_the_fen(client, household, officer):
    body = {
        **INCOME,
        "wage_income": "100.01",
        "operating_income": "0.00",
        "transfer_income": "0.00",
        "resident_count": 2,
    }
    response = await client.put(url(household, "2026Q1"), json=body, headers=officer)
    assert response.json()["total_income"] == "100.01"
    assert response.json()["per_capita_income"] == "50.01"  # 50.005 half up, not half even


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"resident_count": 0}, "resident_count"),
        ({"wage_income": 30000.0}, "wage_income"),
        ({"wage_income": "12.345"}, "wage_income"),
        ({"wage_income": "-1.00"}, "wage_income"),
        ({"village_code": "33112610"}, "village_code"),
        ({"category": "rich"}, "category"),
    ],
)
async def test_bad_values_are_refused_naming_the_field(client, household, officer, change, field):
    response = await client.put(
        url(household, "2026Q1"), json={**INCOME, **change}, headers=officer
    )
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["field"] == field


@pytest.mark.parametrize("period", ["2026Q5", "2026Q0", "2026-03", "26Q1", "2026"])
async def test_a_bad_period_is_refused_naming_period(client, household, officer, period):
    response = await client.put(url(household, period), json=INCOME, headers=officer)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "period"
    got = await client.get(url(household, period), headers=officer)
    assert got.status_code == 422


@pytest.mark.smoke
async def test_same_values_are_a_no_op_and_changes_need_the_current_version(
    app, client, household, officer
):
    period = url(household, "2026Q2")
    assert (await client.put(period, json=INCOME, headers=officer)).status_code == 201

    repeat = await client.put(period, json=INCOME, headers=officer)  # a phone's retry
    assert repeat.status_code == 200
    assert repeat.headers["ETag"] == '"1"' and repeat.json()["version"] == 1
    assert len(await income_events(app)) == 1

    changed = {**INCOME, "wage_income": "31000.00"}
    assert (await client.put(period, json=changed, headers=officer)).status_code == 428
    stale = await client.put(period, json=changed, headers={**officer, "If-Match": '"5"'})
    assert stale.status_code == 412
    response = await client.put(period, json=changed, headers={**officer, "If-Match": '"1"'})
    assert response.status_code == 200
    assert response.headers["ETag"] == '"2"'
    assert response.json()["total_income"] == "31500.01"
    events = await income_events(app)
    assert [e["version"] for e in events] == [1, 2]
    assert events[-1]["data"]["wage_income"] == "31000.00"


async def test_earlier_periods_keep_their_village_and_category_after_a_move(
    client, household, officer
):
    assert (await client.put(url(household, "2026Q1"), json=INCOME, headers=officer)).is_success
    moved = household_body(VILLAGE_A2, category="small_farmer", low_income_subtype=None)
    response = await client.put(
        f"/v1/households/{household['id']}", json=moved, headers={**officer, "If-Match": '"1"'}
    )
    assert response.status_code == 200, response.text

    later = await client.put(url(household, "2026Q2"), json=INCOME, headers=officer)
    assert (later.json()["village_code"], later.json()["category"]) == (
        VILLAGE_A2,
        "small_farmer",
    )
    earlier = await client.get(url(household, "2026Q1"), headers=officer)
    assert (earlier.json()["village_code"], earlier.json()["category"]) == (
        VILLAGE_A1,
        "low_income",
    )
    # Correcting the earlier figures does not rewrite where and what the household was then.
    corrected = await client.put(
        url(household, "2026Q1"),
        json={**INCOME, "wage_income": "29000.00"},
        headers={**officer, "If-Match": '"1"'},
    )
    assert corrected.status_code == 200
    assert (corrected.json()["village_code"], corrected.json()["category"]) == (
        VILLAGE_A1,
        "low_income",
    )


async def test_given_village_and_category_correct_the_record_within_scope(
    client, household, officer
):
    outside = await client.put(
        url(household, "2026Q1"), json={**INCOME, "village_code": VILLAGE_B1}, headers=officer
    )
    assert outside.status_code == 422
    assert outside.json()["errors"][0]["field"] == "village_code"

    given = {**INCOME, "village_code": VILLAGE_A2, "category": "small_farmer"}
    response = await client.put(url(household, "2026Q1"), json=given, headers=officer)
    assert response.status_code == 201
    assert (response.json()["village_code"], response.json()["category"]) == (
        VILLAGE_A2,
        "small_farmer",
    )


async def test_list_is_newest_period_first_and_pages(client, household, officer):
    for period in ("2025Q4", "2026Q2", "2026Q1", "2025Q3"):
        response = await client.put(url(household, period), json=INCOME, headers=officer)
        assert response.status_code == 201

    first = (await client.get(url(household) + "?limit=3", headers=officer)).json()
    assert [r["period"] for r in first["items"]] == ["2026Q2", "2026Q1", "2025Q4"]
    rest = await client.get(
        url(household) + f"?limit=3&cursor={first['next_cursor']}", headers=officer
    )
    assert [r["period"] for r in rest.json()["items"]] == ["2025Q3"]
    assert rest.json()["next_cursor"] is None


async def test_delete_needs_the_version_and_leaves_a_tombstone(app, client, household, officer):
    period = url(household, "2026Q1")
    await client.put(period, json=INCOME, headers=officer)
    assert (await client.delete(period, headers=officer)).status_code == 428
    assert (await client.delete(period, headers={**officer, "If-Match": '"1"'})).status_code == 204
    assert (await client.get(period, headers=officer)).status_code == 404
    last = (await income_events(app))[-1]
    assert last["type"] == "income_record.deleted" and last["version"] == 2


async def test_readers_within_scope_cadres_only_their_paired_households(
    app, client, household, officer, tokens
):
    await client.put(url(household, "2026Q1"), json=INCOME, headers=officer)
    other_response = await client.post(
        "/v1/households", json=household_body(first_sequence=201), headers=officer
    )
    other = other_response.json()
    await client.put(url(other, "2026Q1"), json=INCOME, headers=officer)
    async with app.state.sessionmaker.begin() as session:
        cadre = Cadre(name="张干部", type="township_staff", home_area_code=VILLAGE_A1)
        session.add(cadre)
        await session.flush()
        session.add(
            Pairing(
                cadre_id=cadre.id,
                household_id=UUID(household["id"]),
                started_on=date(2026, 1, 1),
            )
        )
        cadre_id = cadre.id
    cadre_headers = tokens.headers(Role.CADRE, area=COUNTY, cadre_id=cadre_id)

    mine = await client.get(url(household), headers=cadre_headers)
    assert [r["period"] for r in mine.json()["items"]] == ["2026Q1"]
    assert (await client.get(url(other, "2026Q1"), headers=cadre_headers)).status_code == 404
    assert (await client.get(url(other), headers=cadre_headers)).status_code == 404
    write = await client.put(url(household, "2026Q2"), json=INCOME, headers=cadre_headers)
    assert write.status_code == 403

    leader = tokens.headers(Role.LEADER, area=COUNTY)
    assert (await client.get(url(other, "2026Q1"), headers=leader)).status_code == 200
    assert (await client.put(url(other, "2026Q2"), json=INCOME, headers=leader)).status_code == 403
    elsewhere = tokens.headers(Role.TOWNSHIP_OFFICER, area="331126201")
    assert (await client.get(url(other, "2026Q1"), headers=elsewhere)).status_code == 404
    put = await client.put(url(other, "2026Q2"), json=INCOME, headers=elsewhere)
    assert put.status_code == 404
