"""The dynamic-monitoring rules (DOMAIN.md, 防止返贫动态监测), their thresholds, and how an
observation of a cause becomes an alert.

Rules and their periods:
- ``income_below_line`` (year): the household's latest income record of the year, year to
  date and annualised (× 4 ÷ quarter), is under 13,000 yuan per resident — the #4 line
  (``programme.below_line``), compared in integers: total × 4 < 1,300,000 fen × quarter ×
  residents.
- ``income_drop`` (year): that latest record's per-capita figure is at most 70 % of the same
  quarter's a year earlier (a drop of 30 % or more; the earlier figure positive):
  total × residents_before × 10 ≤ 7 × total_before × residents (``dropped``).
- ``visit_risk`` (month): a visit in the month flags a risk (illness, disability, disaster,
  accident, job loss, other).
- ``visit_overdue`` (month): the household was due a visit in a month that has ended (a
  pairing held on its last day, the assistance service's rule) and had none.

An alert is keyed by household, rule and period, so one cause makes one alert. Each
observation carries its evidence (which record or visits, at which version): the same evidence
again changes nothing; new evidence of the cause updates the alert and reopens it if it was
closed (the cause returned in the same period); evidence that the cause is gone marks it
``cause_present = false`` and leaves closing to a person. Every change is logged.
"""

from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from indicators.models import Alert, AlertAction, AlertLog, AlertRule, AlertStatus
from indicators.programme import below_line
from kit.versioning import bump

DROP_TENTHS = 7  # a drop of 30 % or more: now ≤ 7/10 of a year earlier
SYSTEM = "system"
OBSERVED_AT_ONCE = 2_000  # observations whose alerts one query reads


def income_below_line(total_fen: int, quarter: int, residents: int) -> bool:
    """``income_below_line``: a record's year-to-date total under the #4 line per resident."""
    return bool(below_line(total_fen, quarter, residents))


def dropped(total_fen: int, residents: int, earlier_fen: int, earlier_residents: int) -> bool:
    """``income_drop``: the per-capita figure at most 7/10 of the earlier (positive) one."""
    return total_fen * earlier_residents * 10 <= DROP_TENTHS * earlier_fen * residents


@dataclass
class Observation:
    household_id: UUID
    rule: AlertRule
    period: str
    present: bool
    evidence: str
    village_code: str
    cadre_id: UUID | None = None
    detail: dict[str, Any] = field(default_factory=dict)


def _log(session: AsyncSession, alert: Alert, action: AlertAction, note: str = "") -> None:
    session.add(AlertLog(alert_id=alert.id, action=action, by=SYSTEM, note=note))


async def observe_all(session: AsyncSession, *, observations: list[Observation]) -> None:
    """Observe many causes at once: the alerts they name are read (and locked) in one query,
    not one each, so a page of a thousand households costs a few statements."""
    for start in range(0, len(observations), OBSERVED_AT_ONCE):
        batch = observations[start : start + OBSERVED_AT_ONCE]
        query = select(Alert).where(
            col(Alert.household_id).in_({seen.household_id for seen in batch}),
            col(Alert.rule).in_({seen.rule for seen in batch}),
            col(Alert.period).in_({seen.period for seen in batch}),
        )
        found = (await session.execute(query.with_for_update())).scalars()
        alerts = {(alert.household_id, alert.rule, alert.period): alert for alert in found}
        for seen in batch:
            key = (seen.household_id, seen.rule, seen.period)
            alerts[key] = _judge(session, alerts.get(key), seen)  # type: ignore[assignment]


def _judge(session: AsyncSession, alert: Alert | None, seen: Observation) -> Alert | None:
    """Apply one observation to its alert (None: there is none yet); answers the alert."""
    if alert is None:
        if seen.present:
            alert = Alert(
                household_id=seen.household_id,
                rule=seen.rule,
                period=seen.period,
                village_code=seen.village_code,
                cadre_id=seen.cadre_id,
                evidence=seen.evidence,
                detail=seen.detail,
            )
            session.add(alert)
            _log(session, alert, AlertAction.RAISED, seen.evidence)
        return alert
    if seen.present:
        if alert.cause_present and alert.evidence == seen.evidence:
            return alert
        alert.evidence, alert.detail, alert.cause_present = seen.evidence, seen.detail, True
        alert.village_code = seen.village_code
        if not alert.assigned:  # a cadre an officer assigned keeps the alert
            alert.cadre_id = seen.cadre_id or alert.cadre_id
        if alert.status == AlertStatus.CLOSED:
            alert.status = AlertStatus.OPEN
            alert.reopened += 1
            _log(session, alert, AlertAction.REOPENED, seen.evidence)
        else:
            _log(session, alert, AlertAction.EVIDENCE, seen.evidence)
    elif alert.cause_present and alert.evidence != seen.evidence:
        alert.cause_present = False
        alert.evidence = seen.evidence
        _log(session, alert, AlertAction.CAUSE_GONE, seen.evidence)
    else:
        return alert
    bump(alert)
    return alert
