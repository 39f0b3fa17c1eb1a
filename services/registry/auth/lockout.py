"""Failed logins: each one answers more slowly, and too many in a row lock the account a while.

Names that are no account are counted the same way (in memory), so neither the lock nor the
delay tells a guesser which names exist.
"""

import math
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from kit.problems import Problem
from registry.auth.errors import AccountLocked
from registry.settings import RegistrySettings

# How many unknown names are remembered; the oldest are forgotten first (bounded memory).
UNKNOWN_NAMES_KEPT = 10_000


class Lockable(Protocol):
    failed_logins: int
    locked_until: datetime | None


@dataclass
class UnknownName:
    failed_logins: int = 0
    locked_until: datetime | None = None


class UnknownNames:
    """The failure counts of names that are no account (per process, bounded)."""

    def __init__(self, capacity: int = UNKNOWN_NAMES_KEPT) -> None:
        self._capacity = capacity
        self._names: OrderedDict[str, UnknownName] = OrderedDict()

    def record(self, username: str) -> UnknownName:
        entry = self._names.pop(username, None) or UnknownName()
        self._names[username] = entry
        while len(self._names) > self._capacity:
            self._names.popitem(last=False)
        return entry


@dataclass(frozen=True)
class Refusal:
    """A refused attempt: the problem to answer, after ``delay`` seconds."""

    problem: Problem
    delay: float = 0.0


def delay_for(failures: int, settings: RegistrySettings) -> float:
    return min(settings.login_delay_step_seconds * failures, settings.login_delay_max_seconds)


def locked_for(record: Lockable, now: datetime) -> int:
    """Seconds the lock has left (0 when not locked); an expired lock starts the count anew."""
    if record.locked_until is None:
        return 0
    if record.locked_until <= now:
        record.failed_logins, record.locked_until = 0, None
        return 0
    return math.ceil((record.locked_until - now).total_seconds())


def fail(record: Lockable, now: datetime, settings: RegistrySettings, problem: Problem) -> Refusal:
    """Count a failure; the one that reaches the limit locks the account and says so."""
    record.failed_logins += 1
    delay = delay_for(record.failed_logins, settings)
    if record.failed_logins >= settings.login_max_failures:
        record.locked_until = now + timedelta(minutes=settings.login_lock_minutes)
        return Refusal(AccountLocked(settings.login_lock_minutes * 60), delay)
    return Refusal(problem, delay)


def succeed(record: Lockable) -> None:
    record.failed_logins, record.locked_until = 0, None
