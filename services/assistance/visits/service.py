"""Visits: logged once however often the phone repeats the upload, checked against the
registry copy (household, pairing at the visit's time), flagged rather than refused where the
rule says so, and shown to each caller without what they may not see."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import delete, insert, or_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from assistance.models import Attachment, Household, Pairing, Visit, VisitPhoto
from assistance.months import Month
from assistance.needs.service import raise_from_visit
from assistance.privacy import redact, sees_sensitive
from assistance.scope import active_on, cadre_only, visible_visits
from assistance.settings import AssistanceSettings
from assistance.sql import insert_for
from assistance.visits import rules
from assistance.visits.schemas import VisitIn, VisitPublic
from kit.auth import Principal
from kit.db import utcnow
from kit.outbox import record_event
from kit.pagination import paginate
from kit.problems import Conflict, Forbidden, NotFound, invalid
from kit.versioning import check_version

AGGREGATE = "visit"


@dataclass(frozen=True)
class VisitFilters:
    household_id: UUID | None = None
    cadre_id: UUID | None = None
    village: str | None = None  # an area code prefix
    month: str | None = None
    flagged: bool | None = None


@dataclass(frozen=True)
class Assessed:
    """What the checks found: who the visit belongs to and its flags."""

    household: Household
    cadre_id: UUID
    distance_m: int | None
    far_from_home: bool
    late_entry: bool


def to_public(visit: Visit) -> VisitPublic:
    return public_from_row(visit.model_dump())


def public_from_row(row: Mapping[str, Any]) -> VisitPublic:
    """A visit's public shape from its column values (the demo builds events from rows)."""
    return VisitPublic.model_validate(
        {
            **row,
            "observations": {"health": "", "income": "", "employment": "", "housing": ""}
            | row["observations"],
            "flags": {
                "far_from_home": row["far_from_home"],
                "distance_m": row["distance_m"],
                "late_entry": row["late_entry"],
            },
            "received_at": row["created_at"],
        }
    )


async def _paired_now_ids(
    session: AsyncSession, principal: Principal, household_ids: list[UUID], today: date
) -> set[UUID]:
    if principal.cadre_id is None or not household_ids:
        return set()
    query = select(col(Pairing.household_id)).where(
        col(Pairing.cadre_id) == principal.cadre_id,
        col(Pairing.household_id).in_(household_ids),
        *active_on(today),
    )
    return set((await session.execute(query)).scalars())


async def shown_to(
    session: AsyncSession, principal: Principal, visits: list[Visit], today: date
) -> list[dict[str, Any]]:
    """The visits as JSON for this caller, sensitive fields nulled where not entitled."""

    def entitled(visit: Visit, paired: set[UUID]) -> bool:
        return sees_sensitive(
            principal,
            village_code=visit.village_code,
            visit_cadre_id=visit.cadre_id,
            paired_now=visit.household_id in paired,
        )

    # Only a cadre reading visits made by others needs to know whom they are paired to now.
    unsure = [v.household_id for v in visits if not entitled(v, set())]
    paired = await _paired_now_ids(session, principal, unsure, today) if unsure else set()
    shown = []
    for visit in visits:
        data = to_public(visit).model_dump(mode="json")
        shown.append(data if entitled(visit, paired) else redact(data))
    return shown


async def _household(session: AsyncSession, principal: Principal, household_id: UUID) -> Household:
    household = await session.get(Household, household_id)
    if household is None or household.deleted or not principal.covers(household.village_code):
        raise invalid(
            "household_id",
            "农户不存在、不在你的范围内或尚未从登记库同步"
            " / no such household in your area (or not yet synced from the registry)",
        )
    return household


async def _pairing_on(session: AsyncSession, household_id: UUID, day: date) -> Pairing | None:
    query = select(Pairing).where(col(Pairing.household_id) == household_id, *active_on(day))
    return (await session.execute(query.order_by(col(Pairing.started_on).desc()))).scalars().first()


async def _check_photos(session: AsyncSession, photo_ids: list[str]) -> None:
    if not photo_ids:
        return
    query = select(col(Attachment.id)).where(col(Attachment.id).in_(photo_ids))
    known = set((await session.execute(query)).scalars())
    for index, photo_id in enumerate(photo_ids):
        if photo_id not in known:
            raise invalid(
                f"photo_ids.{index}",
                "照片尚未上传，请先 PUT /v1/attachments/{id} / upload the photo first",
            )


async def assess(
    session: AsyncSession,
    principal: Principal,
    body: VisitIn,
    received_at: datetime,
    settings: AssistanceSettings,
) -> Assessed:
    """Every rule a visit must pass, in the order a person would fix them."""
    household = await _household(session, principal, body.household_id)
    late = rules.check_time(body, received_at, settings.backdate_days)
    day = rules.visit_day(body)
    pairing = await _pairing_on(session, household.id, day)
    if pairing is None:
        raise invalid(
            "household_id",
            f"该户在走访当日（{day}）没有结对干部 / no cadre was paired to it on {day}",
        )
    if cadre_only(principal) and pairing.cadre_id != principal.cadre_id:
        raise invalid(
            "household_id",
            f"走访当日（{day}）该户未与你结对 / not paired to you on {day}, the visit's day",
        )
    await _check_photos(session, body.photo_ids)
    distance = rules.distance_from_home(body, household.latitude, household.longitude)
    return Assessed(
        household=household,
        cadre_id=pairing.cadre_id,
        distance_m=distance,
        far_from_home=distance is not None and distance > settings.far_metres,
        late_entry=late,
    )


def _fields(body: VisitIn, assessed: Assessed) -> dict[str, Any]:
    return {
        "household_id": body.household_id,
        "cadre_id": assessed.cadre_id,
        "village_code": assessed.household.village_code,
        "mode": body.mode.value,
        "occurred_at": body.occurred_at,
        "latitude": body.latitude,
        "longitude": body.longitude,
        "accuracy_m": body.accuracy_m,
        "observations": body.observations.model_dump(),
        "needs_raised": list(body.needs_raised),
        "actions_taken": body.actions_taken,
        "actions_promised": body.actions_promised,
        "risk_flags": [flag.value for flag in body.risk_flags],
        "photo_ids": list(body.photo_ids),
        "backdate_reason": body.backdate_reason,
        "distance_m": assessed.distance_m,
        "far_from_home": assessed.far_from_home,
        "late_entry": assessed.late_entry,
        "body_hash": rules.body_hash(body),
    }


def _emit(session: AsyncSession, visit: Visit) -> None:
    """The whole state, sensitive fields included: the feed masks per reader (privacy.py)."""
    record_event(
        session,
        aggregate=AGGREGATE,
        aggregate_id=visit.id,
        version=visit.version,
        data=to_public(visit).model_dump(mode="json"),
        area_code=visit.village_code,
    )


async def _repeat(
    session: AsyncSession, principal: Principal, stored: Visit, body: VisitIn, today: date
) -> dict[str, Any]:
    """The same id again: the same body answers the stored visit, another body 409."""
    visible = (
        await session.execute(
            select(col(Visit.id)).where(
                col(Visit.id) == stored.id, *visible_visits(principal, today)
            )
        )
    ).first()
    if visible is None or stored.body_hash != rules.body_hash(body):
        raise Conflict(
            "该 id 已用于另一条走访；修改请带 If-Match / this id holds a different visit; "
            "send If-Match to edit it",
            field="id",
        )
    return (await shown_to(session, principal, [stored], today))[0]


async def create_or_return(
    session: AsyncSession,
    principal: Principal,
    visit_id: UUID,
    body: VisitIn,
    settings: AssistanceSettings,
    today: date,
) -> tuple[dict[str, Any], bool]:
    """``PUT /v1/visits/{id}`` without If-Match. Answers the visit and whether it is new.

    Ten phones' worth of repeats at once store one visit: the insert is ON CONFLICT DO NOTHING
    on the id (on PostgreSQL a second insert waits for the first to commit), and the losers of
    the race answer the winner's row."""
    stored = await session.get(Visit, visit_id)
    if stored is not None:
        return await _repeat(session, principal, stored, body, today), False
    received_at = utcnow()
    assessed = await assess(session, principal, body, received_at, settings)
    values = {
        "id": visit_id,
        "recorded_by": principal.subject,
        "version": 1,
        "created_at": received_at,
        "updated_at": received_at,
        **_fields(body, assessed),
    }
    table = Visit.__table__  # type: ignore[attr-defined]
    inserted = await session.scalar(
        insert_for(session)(table)
        .values(values)
        .on_conflict_do_nothing(index_elements=[table.c.id])
        .returning(table.c.id)
    )
    if inserted is None:
        stored = await session.get(Visit, visit_id, populate_existing=True)
        if stored is None:  # cannot be: the conflict was on this id
            raise Conflict("走访已被并发删除 / the visit vanished meanwhile")
        return await _repeat(session, principal, stored, body, today), False
    if body.photo_ids:
        await session.execute(
            insert(VisitPhoto),
            [{"visit_id": visit_id, "attachment_id": p} for p in body.photo_ids],
        )
    visit = Visit(**values)  # the stored row's state, for the answer and the event
    _emit(session, visit)
    await raise_from_visit(session, visit, settings.need_days, today)
    return (await shown_to(session, principal, [visit], today))[0], True


async def update(
    session: AsyncSession,
    principal: Principal,
    visit_id: UUID,
    body: VisitIn,
    if_match: str,
    settings: AssistanceSettings,
    today: date,
) -> dict[str, Any]:
    """``PUT /v1/visits/{id}`` with If-Match: a whole replacement at the version read. The
    checks run again; a late entry is reckoned from when the visit first arrived."""
    query = (
        select(Visit)
        .where(col(Visit.id) == visit_id, *visible_visits(principal, today))
        .with_for_update()
    )
    visit = (await session.execute(query)).scalars().first()
    if visit is None:
        raise NotFound(f"走访 {visit_id} 不存在或不在你的范围内 / not found")
    if cadre_only(principal) and visit.cadre_id != principal.cadre_id:
        raise Forbidden("只能修改自己的走访 / a cadre edits only their own visits")
    check_version(if_match, visit.version)
    if body.household_id != visit.household_id:
        raise invalid("household_id", "走访的农户不能更改 / a visit's household cannot change")
    assessed = await assess(session, principal, body, visit.created_at, settings)
    for name, value in _fields(body, assessed).items():
        setattr(visit, name, value)
    visit.version += 1
    visit.updated_at = utcnow()
    await session.execute(delete(VisitPhoto).where(col(VisitPhoto.visit_id) == visit.id))
    session.add_all(VisitPhoto(visit_id=visit.id, attachment_id=p) for p in body.photo_ids)
    await session.flush()
    _emit(session, visit)
    await raise_from_visit(session, visit, settings.need_days, today)
    return (await shown_to(session, principal, [visit], today))[0]


async def get_visit(
    session: AsyncSession, principal: Principal, visit_id: UUID, today: date
) -> tuple[dict[str, Any], int]:
    query = select(Visit).where(col(Visit.id) == visit_id, *visible_visits(principal, today))
    visit = (await session.execute(query)).scalars().first()
    if visit is None:
        raise NotFound(f"走访 {visit_id} 不存在或不在你的范围内 / not found")
    return (await shown_to(session, principal, [visit], today))[0], visit.version


async def list_visits(
    session: AsyncSession,
    principal: Principal,
    filters: VisitFilters,
    today: date,
    *,
    cursor: str | None,
    limit: int,
) -> tuple[list[dict[str, Any]], str | None]:
    """Newest first."""
    conditions = visible_visits(principal, today)
    if filters.household_id is not None:
        conditions.append(col(Visit.household_id) == filters.household_id)
    if filters.cadre_id is not None:
        conditions.append(col(Visit.cadre_id) == filters.cadre_id)
    if filters.village:
        conditions.append(col(Visit.village_code).startswith(filters.village))
    if filters.month:
        month = Month.parse(filters.month)
        conditions += [
            col(Visit.occurred_at) >= month.starts_at,
            col(Visit.occurred_at) < month.ends_at,
        ]
    if filters.flagged is not None:
        flagged = or_(col(Visit.far_from_home), col(Visit.late_entry))
        conditions.append(flagged if filters.flagged else ~flagged)
    rows, next_cursor = await paginate(
        session,
        select(Visit).where(*conditions),
        [col(Visit.occurred_at), col(Visit.id)],
        cursor=cursor,
        limit=limit,
        descending=True,
    )
    return await shown_to(session, principal, rows, today), next_cursor
