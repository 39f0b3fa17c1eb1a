"""Ending access before a token runs out: each subject's "not before" instant.

The registry records, per subject (a user's id, or ``client:<id>``), the instant before which
that subject's access tokens are refused: logout, a new password, deactivation, a change of
roles, area or cadre, a client revoked or given a new secret. Every service refuses a token
whose ``iat`` is earlier than its subject's instant (kit.auth). The registry reads its own
table; every other service keeps the instants in memory, polled from the registry's
``GET /v1/auth/revocations`` every couple of seconds with its service token. While the registry
cannot be reached a service keeps the instants it has (it goes on answering; what it has not
heard of yet it learns when the registry is back). Instants older than the longest access-token
life mean nothing (every token issued before them has expired) and are dropped.

Instants are epoch milliseconds on the wall clock, the clock tokens are stamped with (kit.tokens),
never kit.clock's (which a demo may move).
"""

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, Protocol

import httpx
from fastapi import FastAPI

from kit.consumer import ClientCredentials

log = logging.getLogger("fumin.revocation")


def now_ms() -> int:
    return int(time.time() * 1000)


class Revocations(Protocol):
    async def not_before_ms(self, subject: str) -> int | None:
        """The instant before which ``subject``'s tokens are refused, if there is one."""
        ...


def issued_before(claims: dict[str, Any], not_before_ms: int) -> bool:
    """Was the token issued before ``not_before_ms``? A token without ``iat`` counts as old."""
    iat = claims.get("iat")
    if not isinstance(iat, int | float):
        return True
    return round(iat * 1000) < not_before_ms


async def refused(revocations: Revocations | None, claims: dict[str, Any]) -> bool:
    """Has the token's subject been revoked since the token was issued?"""
    if revocations is None:
        return False
    not_before = await revocations.not_before_ms(str(claims.get("sub", "")))
    return not_before is not None and issued_before(claims, not_before)


class PolledRevocations:
    """The registry's revocations, in memory: subject → not-before instant."""

    def __init__(self) -> None:
        self.instants: dict[str, int] = {}
        self.cursor: str | None = None
        self.keep_ms = 0
        # When the last poll answered (epoch seconds); None until one has.
        self.polled_at: float | None = None

    async def not_before_ms(self, subject: str) -> int | None:
        return self.instants.get(subject)

    def merge(self, page: dict[str, Any]) -> None:
        """Take one answer of the registry's endpoint."""
        for item in page["items"]:
            subject, instant = str(item["subject"]), int(item["not_before_ms"])
            self.instants[subject] = max(instant, self.instants.get(subject, instant))
        self.cursor = page["next_cursor"]
        self.keep_ms = int(page["keep_seconds"]) * 1000
        oldest = now_ms() - self.keep_ms
        for subject in [s for s, instant in self.instants.items() if instant < oldest]:
            del self.instants[subject]

    async def poll_once(
        self, http: httpx.AsyncClient, url: str, token: Callable[[], Awaitable[str]]
    ) -> None:
        params = {"after": self.cursor} if self.cursor else {}
        response = await http.get(
            url, params=params, headers={"Authorization": f"Bearer {await token()}"}
        )
        response.raise_for_status()
        self.merge(response.json())
        self.polled_at = time.time()

    async def run_forever(
        self,
        http: httpx.AsyncClient,
        url: str,
        token: Callable[[], Awaitable[str]],
        every_seconds: float,
    ) -> None:
        while True:
            try:
                await self.poll_once(http, url, token)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # unreachable, refused, malformed: keep the map, try again
                log.warning("revocations unreachable at %s: %s", url, exc)
            await asyncio.sleep(every_seconds)


@contextlib.asynccontextmanager
async def polling(app: FastAPI) -> AsyncIterator[None]:
    """Keep ``app.state.revocations`` (a PolledRevocations) current while the app runs."""
    settings = app.state.settings
    revocations: PolledRevocations = app.state.revocations
    if not settings.client_id or settings.revocation_poll_seconds <= 0:
        yield
        return
    async with httpx.AsyncClient(timeout=5, trust_env=False) as http:
        token = ClientCredentials(
            http, settings.token_url, settings.client_id, settings.client_secret
        )
        task = asyncio.create_task(
            revocations.run_forever(
                http, settings.revocations_endpoint, token, settings.revocation_poll_seconds
            )
        )
        try:
            yield
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
