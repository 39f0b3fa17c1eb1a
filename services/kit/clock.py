"""Local time: dates people mean (today, this month) are reckoned in Asia/Shanghai."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

LOCAL_TZ = ZoneInfo("Asia/Shanghai")


def local_today() -> date:
    """Today's date in Asia/Shanghai (a write at 23:30 UTC is already tomorrow there)."""
    return datetime.now(LOCAL_TZ).date()
