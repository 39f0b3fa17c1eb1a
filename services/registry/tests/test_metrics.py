"""The registry's /metrics: open on the service port, requests counted by route template."""

import pytest
from prometheus_client.parser import text_string_to_metric_families

pytestmark = pytest.mark.smoke


def requests_counted(text: str) -> dict[tuple[str, str, str], float]:
    """``fumin_http_requests_total`` by (method, route, status)."""
    return {
        (s.labels["method"], s.labels["route"], s.labels["status"]): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
        if s.name == "fumin_http_requests_total" and s.labels["service"] == "registry"
    }


async def test_a_request_shows_in_metrics_under_its_route_template(client, areas, admin):
    before = requests_counted((await client.get("/metrics")).text)
    listed = await client.get("/v1/areas", headers=admin)
    assert listed.status_code == 200
    missing = await client.get("/v1/households/00000000-0000-0000-0000-000000000000", headers=admin)
    assert missing.status_code == 404

    response = await client.get("/metrics")  # no token needed: only the cluster reaches it
    assert response.status_code == 200
    after = requests_counted(response.text)
    key = ("GET", "/v1/areas", "200")
    assert after[key] - before.get(key, 0) == 1
    template = ("GET", "/v1/households/{household_id}", "404")
    assert after[template] - before.get(template, 0) == 1
    assert not any("00000000" in route for _, route, _ in after), "ids never become labels"
    assert "fumin_http_request_duration_seconds_bucket" in response.text


async def test_metrics_is_not_in_the_openapi_document(app):
    assert "/metrics" not in app.openapi()["paths"]
