"""Evaluating the rules when the read model changes: after each applied page, for the
households the page touched (their income records, their visits), and once for each month that
has ended (its end is the event that makes a visit overdue). No timer scans everything."""

from collections import defaultdict
from datetime import date, timedelta
from typing import Any
from uuid import UUID

from sqlalchemy import exists, false, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from indicators.alerts.rules import Observation, dropped, income_below_line, observe_all
from indicators.models import AlertRule, AlertSweep, Household, IncomeRecord, Pairing, VisitCopy
from indicators.periods import month_last_day, month_text
from indicators.programme import active_on
from kit.clock import local_today

BELOW_LINE, DROP = AlertRule.INCOME_BELOW_LINE, AlertRule.INCOME_DROP
RISK, OVERDUE = AlertRule.VISIT_RISK, AlertRule.VISIT_OVERDUE


async def _places(
    session: AsyncSession, household_ids: set[UUID], on: date
) -> dict[UUID, tuple[str, UUID | None]]:
    """household → (its village now, the cadre paired to it on ``on``)."""
    villages = dict(
        (
            await session.execute(
                select(col(Household.id), col(Household.village_code)).where(
                    col(Household.id).in_(household_ids)
                )
            )
        ).all()
    )
    pairings = await session.execute(
        select(col(Pairing.household_id), col(Pairing.cadre_id)).where(
            col(Pairing.household_id).in_(household_ids), *active_on(Pairing, on)
        )
    )
    cadres = dict(pairings.all())
    return {h: (villages.get(h, ""), cadres.get(h)) for h in household_ids}


def _total(record: Any) -> int:
    return int(record.wage_fen + record.operating_fen + record.property_fen + record.transfer_fen)


async def income_changed(session: AsyncSession, *, household_ids: set[UUID]) -> None:
    """Re-judge the income rules of every year the households have records for."""
    if not household_ids:
        return
    records = (
        (
            await session.execute(
                select(IncomeRecord).where(
                    col(IncomeRecord.household_id).in_(household_ids),
                    col(IncomeRecord.deleted) == false(),
                )
            )
        )
        .scalars()
        .all()
    )
    by_household: dict[UUID, dict[tuple[int, int], IncomeRecord]] = defaultdict(dict)
    for record in records:
        by_household[record.household_id][(record.year, record.quarter)] = record
    places = await _places(session, household_ids, local_today())
    observations = []
    for household_id, periods in by_household.items():
        village, cadre = places[household_id]
        for year in sorted({year for year, _ in periods}):
            quarter = max(q for y, q in periods if y == year)
            now = periods[(year, quarter)]
            before = periods.get((year - 1, quarter))
            for seen in _income_observations(now, before):
                seen.village_code, seen.cadre_id = village or now.village_code, cadre
                observations.append(seen)
    await observe_all(session, observations=observations)


def _income_observations(now: IncomeRecord, before: IncomeRecord | None) -> list[Observation]:
    total, residents = _total(now), now.resident_count
    evidence = f"income_record:{now.id}:{now.year}Q{now.quarter}:v{now.version}"
    detail = {
        "record_id": str(now.id),
        "period": f"{now.year}Q{now.quarter}",
        "total_fen": total,
        "resident_count": residents,
    }
    below = income_below_line(total, now.quarter, residents)
    seen = [
        Observation(now.household_id, BELOW_LINE, str(now.year), below, evidence, "", None, detail)
    ]
    if before is None or _total(before) <= 0:
        drop = False
        evidence_drop = evidence + ":no_earlier"
    else:
        then = _total(before)
        drop = dropped(total, residents, then, before.resident_count)
        evidence_drop = f"{evidence}|{before.id}:v{before.version}"
        detail = detail | {
            "earlier_total_fen": then,
            "earlier_resident_count": before.resident_count,
        }
    seen.append(
        Observation(now.household_id, DROP, str(now.year), drop, evidence_drop, "", None, detail)
    )
    return seen


async def visits_changed(session: AsyncSession, *, keys: set[tuple[UUID, str]]) -> None:
    """Re-judge the visit rules for (household, month) pairs whose visits changed."""
    if not keys:
        return
    households = {household for household, _ in keys}
    months = {month for _, month in keys}
    visits = (
        (
            await session.execute(
                select(VisitCopy).where(
                    col(VisitCopy.household_id).in_(households),
                    col(VisitCopy.month).in_(months),
                    col(VisitCopy.deleted) == false(),
                )
            )
        )
        .scalars()
        .all()
    )
    found: dict[tuple[UUID, str], list[VisitCopy]] = defaultdict(list)
    for visit in visits:
        found[(visit.household_id, visit.month)].append(visit)
    places = await _places(session, households, local_today())
    current = month_text(local_today())
    observations = []
    for household_id, month in sorted(keys):
        month_visits = sorted(found.get((household_id, month), []), key=lambda v: str(v.id))
        flagged = [v for v in month_visits if v.risk_flags]
        village, cadre = places[household_id]
        evidence = "visits:" + ",".join(f"{v.id}:v{v.version}" for v in flagged)
        detail = {
            "visits": [
                {
                    "visit_id": str(v.id),
                    "risk_flags": v.risk_flags,
                    "occurred_at": v.occurred_at.isoformat(),
                }
                for v in flagged
            ]
        }
        fallback = month_visits[-1].village_code if month_visits else ""
        observations.append(
            Observation(
                household_id,
                RISK,
                month,
                bool(flagged),
                evidence,
                village or fallback,
                cadre,
                detail,
            ),
        )
        if month < current and month_visits:
            # A visit logged late for an ended month: the overdue cause, if raised, is gone.
            observations.append(
                Observation(
                    household_id,
                    OVERDUE,
                    month,
                    False,
                    f"visited:{month_visits[0].id}",
                    village or fallback,
                    cadre,
                ),
            )
    await observe_all(session, observations=observations)


# A service down for longer than this catches up on the latest months only: older ones are
# history by then, better judged by a person than raised as a flood of overdue alerts.
SWEEP_MONTHS_MAX = 12


def months_to_sweep(last_swept: str | None, today: date) -> list[str]:
    """The ended months not yet judged, oldest first: every month after the last one swept up
    to the one that last ended (at most ``SWEEP_MONTHS_MAX``), so a service that was down
    across several month ends misses none. With no sweep ever (a new install), only the month
    that last ended: the months before it predate the service's watch."""
    day = today.replace(day=1) - timedelta(days=1)  # the last day of the month that ended
    months: list[str] = []
    while len(months) < SWEEP_MONTHS_MAX:
        month = month_text(day)
        if last_swept is not None and month <= last_swept:
            break
        months.append(month)
        if last_swept is None:
            break
        day = day.replace(day=1) - timedelta(days=1)
    return months[::-1]


async def sweep_ended_months(session: AsyncSession, *, today: date | None = None) -> None:
    """Judge each ended month not yet judged (``months_to_sweep``): raise ``visit_overdue``
    for every household due that month without a visit. Run when the assistance feed is
    caught up (an empty page), so a rebuild does not judge months on half the visits."""
    last_swept = await session.scalar(
        select(func.max(col(AlertSweep.period))).where(col(AlertSweep.rule) == OVERDUE)
    )
    for month in months_to_sweep(last_swept, today or local_today()):
        if await session.get(AlertSweep, (OVERDUE, month)) is None:
            await _sweep_month(session, month)


async def _sweep_month(session: AsyncSession, month: str) -> None:
    due = active_on(Pairing, month_last_day(month))
    visited = exists().where(
        col(VisitCopy.household_id) == col(Pairing.household_id),
        col(VisitCopy.month) == month,
        col(VisitCopy.deleted) == false(),
    )
    rows = await session.execute(
        select(col(Pairing.household_id), col(Pairing.cadre_id), col(Household.village_code))
        .join(Household, col(Household.id) == col(Pairing.household_id))
        .where(*due, ~visited, col(Household.deleted) == false())
    )
    overdue = [
        Observation(
            household_id,
            OVERDUE,
            month,
            True,
            f"month_ended:{month}",
            village,
            cadre_id,
            {"month": month, "due_from_cadre": str(cadre_id)},
        )
        for household_id, cadre_id, village in rows.all()
    ]
    await observe_all(session, observations=overdue)
    session.add(AlertSweep(rule=OVERDUE, period=month))
