"""Per-client rate limit: an in-process token bucket per client, answering 429 when empty.

One gateway replica counts only its own traffic; with N replicas a client gets about N times the
rate, which is fine for what this guards against (a runaway script, a stuck retry loop).
"""

import hashlib
import math
import time
from dataclasses import dataclass, field

from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from kit.problems import Problem, problem_response
from kit.tokens import unverified_subject

# Buckets idle long enough to be full again are forgotten once there are this many.
MAX_TRACKED_CLIENTS = 10_000


class TooManyRequests(Problem):
    status, code, title = 429, "rate-limited", "请求过于频繁 / Too many requests"


@dataclass
class Bucket:
    tokens: float
    updated: float = field(default_factory=time.monotonic)


class TokenBuckets:
    """``burst`` requests at once, refilled at ``per_second`` tokens a second."""

    def __init__(self, per_second: float, burst: int) -> None:
        self.per_second = per_second
        self.burst = burst
        self.buckets: dict[str, Bucket] = {}

    def take(self, key: str) -> float:
        """Takes one token; answers 0 when allowed, else the seconds until one is there."""
        now = time.monotonic()
        bucket = self.buckets.get(key)
        if bucket is None:
            self._forget_idle(now)
            bucket = self.buckets[key] = Bucket(self.burst, now)
        bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.updated) * self.per_second)
        bucket.updated = now
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            return 0.0
        return (1 - bucket.tokens) / self.per_second

    def _forget_idle(self, now: float) -> None:
        if len(self.buckets) < MAX_TRACKED_CLIENTS:
            return
        refill = self.burst / self.per_second
        self.buckets = {k: b for k, b in self.buckets.items() if now - b.updated < refill}


# Outside platforms' clients (OAuth2 client credentials) have subjects ``client:<client_id>``.
MACHINE_SUBJECT_PREFIX = "client:"


def subject_of(scope: Scope) -> str | None:
    authorization = dict(scope["headers"]).get(b"authorization", b"").decode("latin-1")
    scheme, _, token = authorization.partition(" ")
    return unverified_subject(token) if scheme.lower() == "bearer" else None


def client_key(scope: Scope) -> str:
    """The caller's IP, and a hash of its token's subject so users behind one NAT count apart.

    The IP is the socket peer; behind an ingress, uvicorn's --proxy-headers puts the real one there.
    The subject is read without verifying the token (the services verify it): a forged subject
    only buys a separate bucket for requests every service will then refuse. For the same reason
    the IP stays in the key of a machine client too: a token forged with its subject elsewhere
    never drains the real client's bucket.
    """
    ip = scope["client"][0] if scope.get("client") else "-"
    subject = subject_of(scope)
    if not subject:
        return ip
    return f"{ip}|{hashlib.sha256(subject.encode()).hexdigest()[:16]}"


class RateLimitMiddleware:
    """Limits calls to ``/api/``; static files of the SPA are never counted. People (and
    addresses without a token) share one rate; each outside platform's client has its own
    bucket at the clients' rate, since a sync reads in long runs of pages."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        per_second: float,
        burst: int,
        client_per_second: float | None = None,
        client_burst: int | None = None,
    ) -> None:
        self.app = app
        self.buckets = TokenBuckets(per_second, burst) if per_second > 0 else None
        client_rate = per_second if client_per_second is None else client_per_second
        client_size = burst if client_burst is None else client_burst
        self.client_buckets = TokenBuckets(client_rate, client_size) if client_rate > 0 else None

    def _buckets(self, scope: Scope) -> TokenBuckets | None:
        subject = subject_of(scope) or ""
        if subject.startswith(MACHINE_SUBJECT_PREFIX):
            return self.client_buckets
        return self.buckets

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/api/"):
            await self.app(scope, receive, send)
            return
        buckets = self._buckets(scope)
        if buckets is None:
            await self.app(scope, receive, send)
            return
        wait = buckets.take(client_key(scope))
        if wait == 0:
            await self.app(scope, receive, send)
            return
        seconds = math.ceil(wait)
        response = problem_response(
            TooManyRequests(f"请 {seconds} 秒后再试 / retry in {seconds} s"), Request(scope)
        )
        response.headers["Retry-After"] = str(seconds)
        await response(scope, receive, send)
