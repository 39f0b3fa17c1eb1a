"""The merged OpenAPI document: every service's public paths under /api, components merged."""

from typing import Any

import httpx
import pytest


def refs_in(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return own + [ref for value in node.values() for ref in refs_in(value)]
    if isinstance(node, list):
        return [ref for item in node for ref in refs_in(item)]
    return []


def resolve(document: dict[str, Any], ref: str) -> Any:
    node: Any = document
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return node


@pytest.fixture
async def merged(gateway: httpx.AsyncClient) -> dict[str, Any]:
    response = await gateway.get("/api/openapi.json")
    assert response.status_code == 200
    return response.json()


async def test_paths_of_both_services_appear_under_api(merged: dict[str, Any]) -> None:
    paths = merged["paths"]

    assert "/api/v1/households/{household_id}" in paths
    assert "post" in paths["/api/v1/households"]
    assert "/api/v1/visits" in paths
    assert "/api/.well-known/jwks.json" in paths
    assert not [p for p in paths if not p.startswith("/api/")]
    assert not [p for p in paths if "internal" in p]


async def test_every_ref_resolves_and_clashing_names_are_told_apart(
    merged: dict[str, Any],
) -> None:
    refs = refs_in(merged)
    for ref in refs:
        resolve(merged, ref)  # raises KeyError when a $ref points at nothing

    schemas = merged["components"]["schemas"]
    assert set(schemas["registry_Item"]["properties"]) == {"name", "size"}
    assert set(schemas["assistance_Item"]["properties"]) == {"title", "done"}
    assert "Item" not in schemas
    # The same definition in both services stays one, under its own name.
    assert "HTTPValidationError" in schemas
    household = resolve(
        merged,
        merged["paths"]["/api/v1/households/{household_id}"]["get"]["responses"]["200"]["content"][
            "application/json"
        ]["schema"]["$ref"],
    )
    assert resolve(merged, household["properties"]["head"]["$ref"]) == schemas["registry_Item"]
    visits = merged["paths"]["/api/v1/visits"]["get"]["responses"]["200"]["content"]
    assert visits["application/json"]["schema"]["items"]["$ref"].endswith("/assistance_Item")


async def test_a_service_that_is_down_is_left_out_with_a_note(merged: dict[str, Any]) -> None:
    assert "indicators" in merged["info"]["description"]
    assert "registry" not in merged["info"]["description"]
