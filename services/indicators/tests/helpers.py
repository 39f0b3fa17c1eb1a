"""Asking the indicator-values API in tests."""

from typing import Any

import httpx

from kit.testing import TokenFactory


async def values(
    client: httpx.AsyncClient,
    tokens: TokenFactory,
    indicator: str,
    area: str,
    period: str,
    **params: str,
) -> dict[tuple[str, str], dict[str, Any]]:
    """(area code, measure) → the value item, as the county admin sees it."""
    response = await client.get(
        "/v1/indicator-values",
        params={"indicator": indicator, "area": area, "period": period, **params},
        headers=tokens.headers("county_admin"),
    )
    assert response.status_code == 200, response.text
    return {(item["area_code"], item["measure"]): item for item in response.json()["items"]}
