"""The flags an officer reviews a visit by (issue 15, "a visits view"), each a plain rule of the
visit's own facts, decided when it is written (and again on an edit):

- ``far_from_home``: the GPS point is more than ``far_metres`` from the household's registered
  position (the registry's household latitude/longitude, kept in the registry copy; areas carry
  no position, so there is no village fallback). Unknown (``None``) when the visit has no GPS
  point or the household no position: neither near nor far.
- ``late_entry``: recorded more than ``late_days`` local calendar days after the visit's local
  day, or in a later calendar month than the visit's (its month's figures were already being
  read). Reckoned from when it first arrived, in Asia/Shanghai.
- ``risk``: any risk flag; hidden with the risk flags themselves (privacy.py).
"""

from datetime import datetime

from assistance.months import local_day


def is_far_from_home(distance_m: int | None, far_metres: int) -> bool | None:
    """Further than ``far_metres``; ``None`` when the distance is unknown."""
    return None if distance_m is None else distance_m > far_metres


def is_late_entry(occurred_at: datetime, received_at: datetime, *, late_days: int) -> bool:
    """Recorded more than ``late_days`` days after the visit's day, or in a later month."""
    occurred, received = local_day(occurred_at), local_day(received_at)
    later_month = (received.year, received.month) > (occurred.year, occurred.month)
    return later_month or (received - occurred).days > late_days
