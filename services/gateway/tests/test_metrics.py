"""The gateway's metrics: on a port of their own, never on the public one; counted by resource."""

import socket

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from gateway.app import create_app
from gateway.tests.conftest import gateway_settings


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def requests_counted(text: str) -> dict[tuple[str, str, str], float]:
    return {
        (s.labels["method"], s.labels["route"], s.labels["status"]): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
        if s.name == "fumin_http_requests_total"
    }


@pytest.mark.smoke
async def test_metrics_are_served_on_their_own_port_and_count_proxied_calls_by_resource(
    upstreams: dict[str, str],
) -> None:
    port = free_port()
    app = create_app(gateway_settings(upstreams, metrics_port=port))
    transport = httpx.ASGITransport(app=app)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://gateway") as public,
    ):
        assert (await public.get("/api/v1/households/h-1")).status_code == 200
        assert (await public.get("/api/v1/feeds/registry")).status_code == 200
        # The public port has no /metrics, and /api never reaches a service's.
        for path in ("/metrics", "/api/v1/metrics", "/api/metrics"):
            response = await public.get(path)
            assert "fumin_http_requests_total" not in response.text, path

        async with httpx.AsyncClient(trust_env=False) as scraper:
            scraped = await scraper.get(f"http://127.0.0.1:{port}/metrics")
    assert scraped.status_code == 200
    counted = requests_counted(scraped.text)
    assert counted["GET", "/api/v1/households", "200"] == 1, "by resource, not by id"
    assert counted["GET", "/api/v1/feeds/registry", "200"] == 1
    assert not any("h-1" in route for _, route, _ in counted)
