"""The one clock every service reads for "now", "today" and "this month".

Dates people mean (today, this month) are reckoned in Asia/Shanghai. The clock is the wall
clock unless a service's ``clock`` setting says otherwise, so that month ends, deadlines and
quiet hours can be tried on the real processes (system tests, e2e, the demo):

- ``""`` (the default): the wall clock;
- an ISO 8601 date-time with offset, ``2026-11-30T23:59:00+08:00``: stopped at that instant;
- an offset, ``+3d``, ``-12h``, ``+90m``, ``+30s``: the wall clock moved by that much.

Token lifetimes and measured durations keep the wall clock: they guard real time.
"""

import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

LOCAL_TZ = ZoneInfo("Asia/Shanghai")

_OFFSET = re.compile(r"^([+-])(\d+)([dhms])$")
_UNITS = {"d": "days", "h": "hours", "m": "minutes", "s": "seconds"}

_fixed: datetime | None = None
_offset = timedelta(0)


def parse_clock(setting: str) -> tuple[datetime | None, timedelta]:
    """(a stopped instant, or None) and the offset the setting names; ValueError if neither."""
    setting = setting.strip()
    if not setting:
        return None, timedelta(0)
    if match := _OFFSET.match(setting):
        sign, amount, unit = match.groups()
        offset = timedelta(**{_UNITS[unit]: int(amount)})
        return None, -offset if sign == "-" else offset
    instant = datetime.fromisoformat(setting)
    if instant.tzinfo is None:
        raise ValueError(f"clock: {setting!r} needs an offset (e.g. +08:00)")
    return instant.astimezone(UTC), timedelta(0)


def set_clock(setting: str) -> None:
    """Set this process's clock from a setting (see the module's docstring)."""
    global _fixed, _offset
    _fixed, _offset = parse_clock(setting)


def now() -> datetime:
    """The current instant, in UTC."""
    return _fixed if _fixed is not None else datetime.now(UTC) + _offset


def local_now() -> datetime:
    return now().astimezone(LOCAL_TZ)


def local_today() -> date:
    """Today's date in Asia/Shanghai (a write at 23:30 UTC is already tomorrow there)."""
    return local_now().date()
