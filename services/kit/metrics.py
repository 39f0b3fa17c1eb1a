"""``/metrics`` in Prometheus text format: requests, latencies and feed lag.

Each app has a registry of its own (tests build many apps in one process). Requests are counted
by route template, never by raw path, so ids in paths don't make a series each. The endpoint
needs no token: it is served on the service's own port, which only the cluster reaches; the
gateway never forwards it (it routes ``/api/v1/<resource>`` only) and serves its own on a
separate port (``FUMIN_GATEWAY_METRICS_PORT``).
"""

import time
from collections.abc import Callable, Iterator

from fastapi import APIRouter, Request
from fastapi.responses import Response
from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from prometheus_client.registry import Collector
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kit.consumer import FeedProgress

# Seconds; the API answers in tens of milliseconds, imports take up to minutes.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300)
UNMATCHED = "unmatched"  # any path no route knows (scanners): one series, not one per path

RouteLabel = Callable[[Scope], str]


class Metrics:
    """An app's registry and the request metrics; feed lag is read when scraped."""

    def __init__(self, service: str, feeds: Callable[[], list[FeedProgress]] | None = None):
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter(
            "fumin_http_requests",
            "HTTP requests answered, by method, route template and status",
            ["service", "method", "route", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "fumin_http_request_duration_seconds",
            "Time to answer an HTTP request, by method and route template",
            ["service", "method", "route"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.service = service
        if feeds is not None:
            self.registry.register(FeedCollector(service, feeds))

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        self.requests.labels(self.service, method, route, str(status)).inc()
        self.latency.labels(self.service, method, route).observe(seconds)

    def exposition(self) -> bytes:
        return generate_latest(self.registry)


class FeedCollector(Collector):
    """Feed lag per consumer, computed at scrape time so a stuck consumer's lag keeps growing.

    Only the replica that holds a feed's lock reports its lag; the others report
    ``fumin_feed_consumer_active 0``, so ``max by (feed)`` across replicas is the real lag.
    """

    def __init__(self, service: str, feeds: Callable[[], list[FeedProgress]]) -> None:
        self.service, self.feeds = service, feeds

    def collect(self) -> Iterator[Metric]:
        active = GaugeMetricFamily(
            "fumin_feed_consumer_active",
            "1 while this process holds the feed's lock and applies its events",
            labels=["service", "feed"],
        )
        lag = GaugeMetricFamily(
            "fumin_feed_lag_seconds",
            "Seconds since the newest moment up to which every event of the feed is applied",
            labels=["service", "feed"],
        )
        applied = CounterMetricFamily(
            "fumin_feed_events_applied",
            "Feed events applied by this process",
            labels=["service", "feed"],
        )
        now = time.time()
        for progress in self.feeds():
            labels = [self.service, progress.feed]
            active.add_metric(labels, 1 if progress.active else 0)
            applied.add_metric(labels, progress.applied)
            if progress.active and progress.complete_through is not None:
                lag.add_metric(labels, max(0.0, now - progress.complete_through))
        yield from (active, lag, applied)


def route_template(scope: Scope) -> str:
    route = scope.get("route")
    path = getattr(route, "path", None)
    return path if isinstance(path, str) else UNMATCHED


class MetricsMiddleware:
    """Counts and times every HTTP request; the route is known once the router has matched."""

    def __init__(
        self, app: ASGIApp, metrics: Metrics, route_label: RouteLabel = route_template
    ) -> None:
        self.app, self.metrics, self.route_label = app, metrics, route_label

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_and_see(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_and_see)
        finally:
            self.metrics.observe(
                scope["method"], self.route_label(scope), status, time.perf_counter() - started
            )


router = APIRouter(tags=["health"])


@router.get("/metrics", include_in_schema=False)
async def metrics(request: Request) -> Response:
    body = request.app.state.metrics.exposition()
    return Response(body, media_type=CONTENT_TYPE_LATEST)
