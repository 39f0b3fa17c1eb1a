"""The checks a visit passes before it is stored, and the flags it gets (kept apart from the
queries, so each rule is plain to read and to test)."""

import hashlib
import json
import math
from datetime import UTC, date, datetime, timedelta

from assistance.months import local_day
from assistance.visits import errors
from assistance.visits.schemas import VisitIn

EARTH_RADIUS_M = 6_371_008.8  # mean radius
# Phones' clocks drift; a visit a few minutes "in the future" is a clock, not a forgery.
CLOCK_SKEW = timedelta(minutes=5)
# "In at least a few words" (shared/DOMAIN.md): letters, digits or characters of one field, not
# counting spaces and punctuation; four is a short Chinese phrase (屋顶漏雨) or an English word.
FEW_CHARS = 4


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))


def body_hash(body: VisitIn) -> str:
    """The body's fingerprint: the same visit sent again (even with another UTC offset on
    occurred_at) hashes the same; any other change does not."""
    data = body.model_dump(mode="json")
    data["occurred_at"] = body.occurred_at.astimezone(UTC).isoformat()
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def check_time(body: VisitIn, received_at: datetime, backdate_days: int) -> bool:
    """Refuse a visit from the future; one dated more than ``backdate_days`` (local calendar
    days) before it arrived needs a reason. Answers whether it is a late entry."""
    if body.occurred_at > received_at + CLOCK_SKEW:
        raise errors.in_the_future()
    late = (local_day(received_at) - local_day(body.occurred_at)) > timedelta(days=backdate_days)
    if late and not (body.backdate_reason or "").strip():
        raise errors.backdate_reason_needed(backdate_days)
    return late


def _few_words(text: str) -> bool:
    return sum(char.isalnum() for char in text) >= FEW_CHARS


def check_content(body: VisitIn) -> None:
    """Refuse a visit that records nothing seen or done: no observation, need or action
    written in a few words. GPS, photos and the mode alone do not make a visit count."""
    texts = [
        *body.observations.model_dump().values(),
        *body.needs_raised,
        body.actions_taken,
        body.actions_promised,
    ]
    if not any(_few_words(text) for text in texts):
        raise errors.empty_visit(FEW_CHARS)


def distance_from_home(body: VisitIn, home_lat: float | None, home_lon: float | None) -> int | None:
    """Metres from the household's registered location, when both points are known."""
    if body.latitude is None or body.longitude is None or home_lat is None or home_lon is None:
        return None
    return round(haversine_m(body.latitude, body.longitude, home_lat, home_lon))


def visit_day(body: VisitIn) -> date:
    """The local calendar day of the visit: the day its pairing is checked on."""
    return local_day(body.occurred_at)
