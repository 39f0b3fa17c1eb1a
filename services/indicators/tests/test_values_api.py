"""The catalogue, reported values, scope and the explanation of a value."""

import uuid

import pytest

from indicators.tests.events import (
    COUNTY,
    TOWN_A,
    TOWN_B,
    VILLAGE_A1,
    VILLAGE_B1,
    county,
    entity,
    household,
    income,
    sync,
)
from indicators.tests.helpers import values

URBAN = "/v1/reported-values/I02_urban_rural_ratio/urban_income/331126/2025"
BODY = {"value": "60000.00", "source": "县统计局", "reported_on": "2026-02-01"}


@pytest.mark.smoke
async def test_the_catalogue_has_the_seventeen_indicators(client, tokens):
    response = await client.get("/v1/indicators", headers=tokens.headers("leader"))
    items = response.json()["items"]
    assert [i["number"] for i in items] == list(range(1, 18))
    first = items[0]
    assert (first["code"], first["unit"], first["kind"], first["direction"]) == (
        "I01_rural_income",
        "yuan",
        "computed",
        "higher",
    )
    assert first["target"] == {"value": "34700", "comparison": ">=", "year": 2025, "grows": "11"}
    assert items[1]["kind"] == "reported"
    assert [i["code"] for i in items if not i["computed_now"]] == []  # #14 in part, see six_ones
    assert (await client.get("/v1/indicators")).status_code == 401


@pytest.mark.smoke
async def test_reported_urban_income_gives_the_ratio(app, client, tokens):
    await sync(app, [*county(), income(uuid.uuid4(), "2025Q4", wage="30000.00", residents=1)])
    admin = tokens.headers("county_admin")
    created = await client.put(URBAN, json=BODY, headers=admin)
    assert created.status_code == 201, created.text
    assert created.json()["value"] == "60000" and created.headers["ETag"] == '"1"'
    assert (await client.put(URBAN, json=BODY, headers=admin)).status_code == 200  # a repeat
    changed = BODY | {"value": "61500.00"}
    assert (await client.put(URBAN, json=changed, headers=admin)).status_code == 428
    again = await client.put(URBAN, json=changed, headers=admin | {"If-Match": '"1"'})
    assert again.status_code == 200 and again.json()["version"] == 2

    got = await values(client, tokens, "I02_urban_rural_ratio", COUNTY, "2025")
    assert got[(COUNTY, "ratio")]["value"] == "2.05"  # 61,500 ÷ 30,000
    assert got[(COUNTY, "urban_income")]["reported"]["source"] == "县统计局"
    assert got[(TOWN_A, "ratio")]["value"] is None  # nothing reported for the township

    listed = await client.get(
        "/v1/reported-values", params={"period": "2025"}, headers=tokens.headers("leader")
    )
    assert [i["value"] for i in listed.json()["items"]] == ["61500"]


async def test_reported_values_are_the_county_admins_and_checked(app, client, tokens):
    await sync(app, county())
    for role in ("township_officer", "leader", "cadre"):
        refused = await client.put(URBAN, json=BODY, headers=tokens.headers(role, area=TOWN_A))
        assert refused.status_code == 403
    admin = tokens.headers("county_admin")
    computed_only = "/v1/reported-values/I01_rural_income/per_capita/331126/2025"
    assert (await client.put(computed_only, json=BODY, headers=admin)).status_code == 422
    jobs = "/v1/reported-values/I11_rural_ecommerce/jobs/331126/2025"
    half = BODY | {"value": "10.5"}
    assert (await client.put(jobs, json=half, headers=admin)).json()["errors"][0][
        "field"
    ] == "value"
    floating = await client.put(jobs, json=BODY | {"value": 10.0}, headers=admin)
    assert floating.status_code == 422
    nowhere = "/v1/reported-values/I11_rural_ecommerce/jobs/999999/2025"
    assert (await client.put(nowhere, json=BODY, headers=admin)).status_code == 404


async def test_reported_figures_show_the_entities_sum_beside(app, client, tokens):
    await sync(
        app,
        [
            *county(),
            entity(uuid.uuid4(), type="e_commerce",
                   figures=[{"year": 2025, "online_sales": "1000.10"}]),
            entity(uuid.uuid4(), type="e_commerce",
                   figures=[{"year": 2025, "online_sales": "2000.20", "jobs_created": 3}]),
        ],
    )  # fmt: skip
    got = await values(client, tokens, "I11_rural_ecommerce", COUNTY, "2025")
    sales = got[(COUNTY, "online_sales")]
    assert (sales["value"], sales["computed"], sales["reported"]) == ("3000.30", "3000.30", None)
    assert got[(COUNTY, "jobs")]["value"] == "3"
    await client.put(
        "/v1/reported-values/I11_rural_ecommerce/online_sales/331126/2025",
        json=BODY | {"value": "7100000000"},
        headers=tokens.headers("county_admin"),
    )
    got = await values(client, tokens, "I11_rural_ecommerce", COUNTY, "2025")
    sales = got[(COUNTY, "online_sales")]
    assert (sales["value"], sales["computed"]) == ("7100000000", "3000.30")


async def test_scope_and_bad_requests(app, client, tokens):
    await sync(app, county())
    query = {"indicator": "I01_rural_income", "area": TOWN_A, "period": "2026Q3"}
    officer = tokens.headers("township_officer", area=TOWN_A)
    assert (
        await client.get("/v1/indicator-values", params=query, headers=officer)
    ).status_code == 200
    for area in (TOWN_B, COUNTY):
        hidden = await client.get(
            "/v1/indicator-values", params=query | {"area": area}, headers=officer
        )
        assert hidden.status_code == 404
    machine = tokens.headers("machine", area="", scopes="indicators:read")
    assert (
        await client.get("/v1/indicator-values", params=query, headers=machine)
    ).status_code == 200
    admin = tokens.headers("county_admin")
    for bad, field in [
        ({"indicator": "I99"}, "indicator"),
        ({"period": "2026Q5"}, "period"),
        ({"level": "county"}, "level"),
        ({"measure": "nope"}, "measure"),
    ]:
        response = await client.get("/v1/indicator-values", params=query | bad, headers=admin)
        assert response.status_code == 422, bad
        assert response.json()["errors"][0]["field"] == field
    assert (await client.get("/v1/indicator-values", params=query)).status_code == 401  # fmt: skip


async def test_members_explain_a_value(app, client, tokens):
    under, over, elsewhere = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    await sync(
        app,
        [
            *county(),
            household(under, head_name="吴低"),
            household(over, head_name="吴高"),
            household(elsewhere, village=VILLAGE_B1),
            income(under, "2026Q3", wage="9749.99"),
            income(over, "2026Q3", wage="9750.00"),
            income(elsewhere, "2026Q3", wage="1.00", village=VILLAGE_B1),
        ],
    )
    path = f"/v1/indicator-values/I04_below_13000/{TOWN_A}/2026Q3/members"
    officer = tokens.headers("township_officer", area=TOWN_A)
    listed = (await client.get(path, params={"limit": 1}, headers=officer)).json()
    cursor = listed["next_cursor"]
    rest = (await client.get(path, params={"cursor": cursor}, headers=officer)).json()
    members = {m["name"]: m for m in listed["items"] + rest["items"]}
    assert set(members) == {"吴低", "吴高"} and rest["next_cursor"] is None
    assert members["吴低"]["counted"] is True and members["吴高"]["counted"] is False
    assert members["吴低"]["figures"]["per_capita_income"] == "9749.99"
    assert "id_number" not in str(members)
    only = await client.get(path, params={"counted": "true"}, headers=officer)
    assert [m["name"] for m in only.json()["items"]] == ["吴低"]
    for role in ("cadre", "leader"):
        refused = await client.get(path, headers=tokens.headers(role, area=TOWN_A))
        assert refused.status_code == 403
    other_town = f"/v1/indicator-values/I04_below_13000/{TOWN_B}/2026Q3/members"
    assert (await client.get(other_town, headers=officer)).status_code == 404


async def test_every_computed_indicator_answers_and_explains(app, client, tokens):
    """Each calculation runs on the same data, for the area, its children and its members."""
    await sync(
        app,
        [*county(), household(uuid.uuid4()), entity(uuid.uuid4(), cultivated_year=2024)],
    )
    catalogue = (await client.get("/v1/indicators", headers=tokens.headers("leader"))).json()
    admin = tokens.headers("county_admin")
    for indicator in catalogue["items"]:
        if not indicator["computed_now"]:
            continue
        code = indicator["code"]
        got = await values(client, tokens, code, COUNTY, "2026Q3")
        assert len(got) == 3 * len(indicator["measures"]), code
        for measure in indicator["measures"]:
            path = f"/v1/indicator-values/{code}/{VILLAGE_A1}/2026Q3/members"
            response = await client.get(path, params={"measure": measure["code"]}, headers=admin)
            assert response.status_code == 200, (code, response.text)
