"""Text holding a NUL character, which PostgreSQL cannot store or even compare, is bad input
(422 naming the field), never a 500; schemathesis found it in query strings."""

from registry.tests.factories import household_body


async def test_a_nul_in_a_query_is_a_422_naming_the_parameter(client, admin):
    response = await client.get("/v1/users", params={"q": "\x00"}, headers=admin)

    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["errors"][0]["field"] == "q"


async def test_a_nul_in_a_body_is_a_422_and_nothing_is_written(client, areas, admin):
    body = household_body(address="黄田村\x001号")
    response = await client.post("/v1/households", json=body, headers=admin)

    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["field"] == "body"
    listed = await client.get("/v1/households", headers=admin)
    assert listed.json()["items"] == []
