"""Per-caller rate limits on ``/api/``: token buckets that answer 429 with Retry-After when empty.

Who the caller is comes only from what cannot be made up:
- a bearer token the gateway has verified (signature, issuer, audience, expiry; the registry's
  public keys, as every service verifies) is keyed on its subject: a person's own bucket, or an
  outside platform's client's (subject ``client:…``) at the clients' rate;
- anything else (no token, a token that does not verify) is keyed on the connection's address:
  the socket peer, or behind an ingress the address uvicorn's ``--proxy-headers`` took from
  the proxies it was told to trust; never a header the gateway reads itself;
- a login (``POST /api/v1/auth/token`` with a password or client secret) also takes from two
  login buckets: one per address (so spraying passwords across many names is slowed) and one per
  address and attempted name.

Buckets live in a store: in the process's memory (one gateway), or in Redis, where every replica
takes from the same bucket (``rate_limit_redis_url``). If Redis cannot be reached, each replica
falls back to its own memory until it can again: limits loosen to one bucket a replica, requests
are never refused for it.
"""

import hashlib
import logging
import math
import time
from collections.abc import Awaitable
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import parse_qs

from redis.asyncio import Redis
from redis.exceptions import RedisError
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kit.problems import Problem, problem_response
from kit.tokens import TokenError, TokenVerifier

log = logging.getLogger("fumin.gateway.ratelimit")

# Buckets idle long enough to be full again are forgotten once there are this many.
MAX_TRACKED_CLIENTS = 10_000
# Verified tokens remembered (by hash) so each is checked once, not on every request.
MAX_VERIFIED_TOKENS = 10_000
LOGIN_PATH = "/api/v1/auth/token"
# A login form is a few fields; a larger body is not read for a name (the address still counts).
LOGIN_FORM_MAX_BYTES = 8 * 1024
# Outside platforms' clients (OAuth2 client credentials) have subjects ``client:<client_id>``.
MACHINE_SUBJECT_PREFIX = "client:"
REDIS_KEY_PREFIX = "fumin:ratelimit:"
# A Redis that does not answer within this lets the request through on the local bucket.
REDIS_TIMEOUT_SECONDS = 0.5


class TooManyRequests(Problem):
    status, code, title = 429, "rate-limited", "请求过于频繁 / Too many requests"


@dataclass(frozen=True)
class Rate:
    """``burst`` requests at once, refilled at ``per_second`` a second; off when 0."""

    per_second: float
    burst: int

    @property
    def on(self) -> bool:
        return self.per_second > 0 and self.burst > 0


class Store(Protocol):
    async def take(self, key: str, rate: Rate) -> float:
        """Takes one token; answers 0 when allowed, else the seconds until one is there."""
        ...


@dataclass
class Bucket:
    tokens: float
    updated: float = field(default_factory=time.monotonic)


class MemoryStore:
    """Buckets in this process: right for one gateway, a fallback for several."""

    def __init__(self) -> None:
        self.buckets: dict[str, Bucket] = {}

    async def take(self, key: str, rate: Rate) -> float:
        now = time.monotonic()
        bucket = self.buckets.get(key)
        if bucket is None:
            self._forget_idle(now, rate)
            bucket = self.buckets[key] = Bucket(rate.burst, now)
        bucket.tokens = min(rate.burst, bucket.tokens + (now - bucket.updated) * rate.per_second)
        bucket.updated = now
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            return 0.0
        return (1 - bucket.tokens) / rate.per_second

    def _forget_idle(self, now: float, rate: Rate) -> None:
        if len(self.buckets) < MAX_TRACKED_CLIENTS:
            return
        refill = rate.burst / rate.per_second
        self.buckets = {k: b for k, b in self.buckets.items() if now - b.updated < refill}


# The same bucket as MemoryStore's, kept in a Redis hash and moved in one atomic step on Redis's
# own clock (so replicas whose clocks differ agree). A bucket unused until it is full again
# expires. The wait goes back as text: Redis would cut a Lua number to an integer.
TAKE_SCRIPT = """
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) + tonumber(clock[2]) / 1000000
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * rate)
local wait = 0
if tokens >= 1 then tokens = tokens - 1 else wait = (1 - tokens) / rate end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate * 1000) + 1000)
return tostring(wait)
"""


class RedisStore:
    """Buckets in Redis, shared by every gateway replica; memory while Redis is away."""

    def __init__(self, url: str) -> None:
        self.redis = Redis.from_url(
            url,
            socket_timeout=REDIS_TIMEOUT_SECONDS,
            socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
        )
        self.script = self.redis.register_script(TAKE_SCRIPT)
        self.fallback = MemoryStore()
        self.failing_since: float | None = None

    async def take(self, key: str, rate: Rate) -> float:
        try:
            keys: list[Any] = [REDIS_KEY_PREFIX + key]
            args: list[Any] = [repr(rate.per_second), rate.burst]
            wait: Awaitable[bytes] = self.script(keys=keys, args=args)
            seconds = float(await wait)
        except (RedisError, OSError) as exc:
            if self.failing_since is None:
                self.failing_since = time.monotonic()
                log.warning("rate limit store unreachable, limiting per replica: %s", exc)
            return await self.fallback.take(key, rate)
        if self.failing_since is not None:
            log.warning("rate limit store back after %.0f s", time.monotonic() - self.failing_since)
            self.failing_since = None
        return seconds

    async def aclose(self) -> None:
        await self.redis.aclose()


def make_store(redis_url: str) -> MemoryStore | RedisStore:
    return RedisStore(redis_url) if redis_url else MemoryStore()


def _digest(text: str) -> str:
    """Keys hold no names or tokens, only a short hash of them."""
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def address_of(scope: Scope) -> str:
    """The connection's address (the ASGI server's, never a request header)."""
    client = scope.get("client")
    return str(client[0]) if client else "-"


class VerifiedSubjects:
    """The subject of a bearer token once its signature and claims check out; None otherwise.
    A token is verified once and remembered (by hash) until it expires."""

    def __init__(self, verifier: TokenVerifier) -> None:
        self.verifier = verifier
        self.known: dict[str, tuple[str, float]] = {}

    async def subject(self, token: str) -> str | None:
        digest = _digest(token)
        now = time.time()
        known = self.known.get(digest)
        if known is not None and known[1] > now:
            return known[0]
        try:
            claims = await self.verifier.verify(token)
        except TokenError:
            return None
        subject = claims.get("sub")
        if not isinstance(subject, str) or not subject:
            return None
        if len(self.known) >= MAX_VERIFIED_TOKENS:
            self.known = {k: v for k, v in self.known.items() if v[1] > now}
            if len(self.known) >= MAX_VERIFIED_TOKENS:
                self.known.clear()
        self.known[digest] = (subject, float(claims.get("exp", now)))
        return subject


def bearer_token(scope: Scope) -> str | None:
    authorization = dict(scope["headers"]).get(b"authorization", b"").decode("latin-1")
    scheme, _, token = authorization.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


async def read_login_form(receive: Receive) -> tuple[dict[str, list[str]], list[Message]]:
    """The login form's fields, and the messages read for them (to be handed on unchanged).
    Reading stops at ``LOGIN_FORM_MAX_BYTES``: a larger body gives no fields."""
    messages: list[Message] = []
    size = 0
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request":
            return {}, messages
        size += len(message.get("body", b""))
        if size > LOGIN_FORM_MAX_BYTES:
            return {}, messages
        if not message.get("more_body", False):
            break
    body = b"".join(m.get("body", b"") for m in messages)
    return parse_qs(body.decode("utf-8", errors="replace")), messages


def replaying(messages: list[Message], receive: Receive) -> Receive:
    """A ``receive`` that hands out ``messages`` first, then the rest of the request."""
    pending = list(messages)

    async def replay() -> Message:
        return pending.pop(0) if pending else await receive()

    return replay


LOGIN_GRANTS = {"password": "username", "client_credentials": "client_id"}


@dataclass(frozen=True)
class Limits:
    people: Rate
    clients: Rate
    login_address: Rate
    login_name: Rate


class RateLimitMiddleware:
    """Limits calls to ``/api/``; the web app's files are never counted."""

    def __init__(
        self, app: ASGIApp, *, limits: Limits, store: Store, subjects: VerifiedSubjects
    ) -> None:
        self.app = app
        self.limits = limits
        self.store = store
        self.subjects = subjects

    async def buckets(self, scope: Scope) -> list[tuple[str, Rate]]:
        """The buckets this request takes from (login buckets come separately)."""
        token = bearer_token(scope)
        subject = await self.subjects.subject(token) if token else None
        if subject is None:
            return [(f"address:{address_of(scope)}", self.limits.people)]
        if subject.startswith(MACHINE_SUBJECT_PREFIX):
            return [(f"client:{_digest(subject)}", self.limits.clients)]
        return [(f"subject:{_digest(subject)}", self.limits.people)]

    def login_buckets(self, scope: Scope, form: dict[str, list[str]]) -> list[tuple[str, Rate]]:
        grant = (form.get("grant_type") or [""])[0]
        if grant not in LOGIN_GRANTS:
            return []  # a refresh token cannot be guessed; it counts as the address's traffic
        address = address_of(scope)
        name = (form.get(LOGIN_GRANTS[grant]) or [""])[0].strip().casefold()
        return [
            (f"login:{address}", self.limits.login_address),
            (f"login-name:{_digest(f'{address}|{name}')}", self.limits.login_name),
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/api/"):
            await self.app(scope, receive, send)
            return
        buckets = await self.buckets(scope)
        if scope["method"] == "POST" and scope["path"] == LOGIN_PATH:
            form, messages = await read_login_form(receive)
            receive = replaying(messages, receive)
            buckets += self.login_buckets(scope, form)
        wait = 0.0
        for key, rate in buckets:
            if rate.on:
                wait = max(wait, await self.store.take(key, rate))
        if wait == 0:
            await self.app(scope, receive, send)
            return
        seconds = max(1, math.ceil(wait))
        problem = TooManyRequests(f"请 {seconds} 秒后再试 / retry in {seconds} s")
        problem.headers = {"Retry-After": str(seconds)}
        await problem_response(problem, Request(scope))(scope, receive, send)
