"""The settings page's ranking-set form puts each refusal at its field: the API names it
(``items.<n>.measure``, ``items.<n>.weight``, ``name``)."""

import pytest

from indicators.tests.events import county, sync

GOOD = {"indicator": "I01_rural_income", "measure": "per_capita", "weight": "1"}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "考核", "items": [GOOD | {"weight": "0"}]}, "items.0.weight"),
        ({"name": "考核", "items": [GOOD, GOOD]}, "items.1.measure"),
        ({"name": "考核", "items": [GOOD | {"measure": "nope"}]}, "items.0.measure"),
        ({"name": "", "items": [GOOD]}, "name"),
    ],
)
async def test_a_refused_ranking_set_names_its_field(app, client, tokens, body, field):
    await sync(app, county())
    response = await client.put(
        "/v1/ranking-sets/kh", json=body, headers=tokens.headers("county_admin")
    )
    assert response.status_code == 422, response.text
    assert [e["field"] for e in response.json()["errors"]] == [field]
