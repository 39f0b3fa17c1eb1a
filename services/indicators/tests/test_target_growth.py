"""The targets' growth path (DOMAIN.md, "Targets and progress tables"): level targets are
annual; 2025's are the plan's (34,700 for #1, 25,000 for #3), later years compound the plan's
growth (#1 × 1.11, #3 × 1.16) on the previous year's target in force, unless the county set its
own; a year's own target stands for its quarters; a reset returns to the plan's path."""

from indicators.tests.events import COUNTY, TOWN_A, TOWN_B, county, sync

I01, I03 = "I01_rural_income", "I03_low_income_income"


async def _levels(client, tokens, area: str, period: str) -> dict[tuple[str, str], dict]:
    found = {}
    for indicator in (I01, I03):
        response = await client.get(
            "/v1/targets",
            params={"area": area, "period": period, "indicator": indicator},
            headers=tokens.headers("leader"),
        )
        assert response.status_code == 200, response.text
        for item in response.json()["items"]:
            if item["measure"] == "per_capita":
                found[(item["area_code"], indicator)] = item
    return found


async def test_later_years_compound_the_plans_growth(app, client, tokens):
    await sync(app, county())
    for period, one, three in [
        ("2025", "34700", "25000"),
        ("2026Q3", "38517", "29000"),
        ("2026", "38517", "29000"),
        ("2027Q1", "42753.87", "33640"),
    ]:
        found = await _levels(client, tokens, COUNTY, period)
        assert found[(TOWN_A, I01)]["value"] == one, period
        assert found[(TOWN_A, I03)]["value"] == three, period
        assert found[(COUNTY, I01)]["source"] == "catalogue"
    # The growth targets themselves stay the plan's rates.
    growth = await client.get(
        "/v1/targets",
        params={"area": TOWN_A, "period": "2027", "indicator": I01},
        headers=tokens.headers("leader"),
    )
    rates = {i["measure"]: i["value"] for i in growth.json()["items"] if i["area_code"] == TOWN_A}
    assert rates["growth"] == "11"


async def test_the_countys_own_target_is_the_base_of_later_years(app, client, tokens):
    await sync(app, county())
    admin = tokens.headers("county_admin")
    url = f"/v1/targets/{I01}/per_capita/{TOWN_A}/2026"
    assert (await client.put(url, json={"value": "40000"}, headers=admin)).status_code == 201

    found = await _levels(client, tokens, COUNTY, "2026Q2")
    # The year's own target stands for its quarters (level targets are annual) ...
    assert (found[(TOWN_A, I01)]["value"], found[(TOWN_A, I01)]["source"]) == ("40000", "set")
    assert found[(TOWN_A, I01)]["set_for"] == "2026Q4"
    assert found[(TOWN_B, I01)]["value"] == "38517"
    # ... and the next year compounds on it.
    found = await _levels(client, tokens, COUNTY, "2027")
    assert found[(TOWN_A, I01)]["value"] == "44400"
    assert found[(TOWN_B, I01)]["value"] == "42753.87"

    # A reset (If-Match the version read) returns the area to the plan's path.
    reset = await client.delete(url, headers=admin | {"If-Match": '"1"'})
    assert reset.status_code == 200, reset.text
    assert (reset.json()["value"], reset.json()["source"]) == ("38517", "catalogue")
    found = await _levels(client, tokens, COUNTY, "2027")
    assert found[(TOWN_A, I01)]["value"] == "42753.87"
    missing = await client.delete(url, headers=admin | {"If-Match": '"1"'})
    assert missing.status_code == 404
