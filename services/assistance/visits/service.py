"""Visits: logged once however often the phone repeats the upload, checked against the
registry copy (household, pairing at the visit's time), flagged rather than refused where the
rule says so, and shown to each caller without what they may not see."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import delete, func, insert, or_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col, select

from assistance.attachments import service as photos
from assistance.models import Cadre, Household, Pairing, Visit, VisitPhoto
from assistance.months import Month
from assistance.needs.service import raise_from_visit
from assistance.privacy import redact, sees_every_risk, sees_sensitive
from assistance.scope import active_on, cadre_only, visible_visits
from assistance.settings import AssistanceSettings
from assistance.visits import errors, flags, rules
from assistance.visits.schemas import VisitIn, VisitPublic, VisitRead
from kit.auth import Principal
from kit.db import insert_for, is_postgres, utcnow
from kit.outbox import record_event
from kit.pagination import Page, paginate
from kit.versioning import bump, check_version

AGGREGATE = "visit"


@dataclass(frozen=True)
class VisitFilters:
    household_id: UUID | None = None
    cadre_id: UUID | None = None
    village: str | None = None  # an area code prefix
    month: str | None = None
    flagged: bool | None = None  # far from home or late
    far_from_home: bool | None = None
    late_entry: bool | None = None
    risk: bool | None = None  # any risk flag (only for callers who see them all)


@dataclass(frozen=True)
class Assessed:
    """What the checks found: who the visit belongs to and its flags."""

    household: Household
    cadre_id: UUID
    distance_m: int | None
    far_from_home: bool | None
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
                "risk": bool(row["risk_flags"]),
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


def redacted(visit: VisitPublic) -> VisitPublic:
    """The visit without its sensitive fields (nulled and named, privacy.redact)."""
    return VisitPublic.model_validate(redact(visit.model_dump()))


async def shown_to(
    session: AsyncSession, *, principal: Principal, visits: list[Visit], today: date
) -> list[VisitPublic]:
    """The visits as this caller sees them, sensitive fields nulled where not entitled."""

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
    return [
        to_public(visit) if entitled(visit, paired) else redacted(to_public(visit))
        for visit in visits
    ]


async def _household(session: AsyncSession, principal: Principal, household_id: UUID) -> Household:
    household = await session.get(Household, household_id)
    if household is None or household.deleted or not principal.covers(household.village_code):
        raise errors.household_unknown()
    return household


async def _pairing_on(session: AsyncSession, household_id: UUID, day: date) -> Pairing | None:
    query = select(Pairing).where(col(Pairing.household_id) == household_id, *active_on(day))
    return (await session.execute(query.order_by(col(Pairing.started_on).desc()))).scalars().first()


async def _check_photos(
    session: AsyncSession, principal: Principal, photo_ids: list[str], today: date
) -> None:
    """Each photo named must be one the writer uploaded or may already see: another's photo is
    refused with the very answer of a photo nobody uploaded (attachments/service.py)."""
    allowed = await photos.attachable(
        session, principal=principal, photo_ids=photo_ids, today=today
    )
    for index, photo_id in enumerate(photo_ids):
        if photo_id not in allowed:
            raise errors.photo_unknown(index)


async def assess(
    session: AsyncSession,
    *,
    principal: Principal,
    data: VisitIn,
    received_at: datetime,
    settings: AssistanceSettings,
    today: date,
) -> Assessed:
    """Every rule a visit must pass, in the order a person would fix them."""
    household = await _household(session, principal, data.household_id)
    rules.check_content(data)
    rules.check_time(data, received_at, settings.backdate_days)
    day = rules.visit_day(data)
    pairing = await _pairing_on(session, household.id, day)
    if pairing is None:
        raise errors.unpaired_on(day)
    if cadre_only(principal) and pairing.cadre_id != principal.cadre_id:
        raise errors.paired_to_another_on(day)
    await _check_photos(session, principal, data.photo_ids, today)
    distance = rules.distance_from_home(data, household.latitude, household.longitude)
    return Assessed(
        household=household,
        cadre_id=pairing.cadre_id,
        distance_m=distance,
        far_from_home=flags.is_far_from_home(distance, settings.far_metres),
        late_entry=flags.is_late_entry(data.occurred_at, received_at, late_days=settings.late_days),
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


async def _shown(
    session: AsyncSession, principal: Principal, visit: Visit, today: date
) -> VisitPublic:
    return (await shown_to(session, principal=principal, visits=[visit], today=today))[0]


async def _repeat(
    session: AsyncSession, principal: Principal, stored: Visit, data: VisitIn, today: date
) -> VisitPublic:
    """The same id again: the same body answers the stored visit, another body 409."""
    visible = (
        await session.execute(
            select(col(Visit.id)).where(
                col(Visit.id) == stored.id, *visible_visits(principal, today)
            )
        )
    ).first()
    if visible is None or stored.body_hash != rules.body_hash(data):
        raise errors.same_id_other_body()
    return await _shown(session, principal, stored, today)


async def create_or_return(
    session: AsyncSession,
    *,
    principal: Principal,
    visit_id: UUID,
    data: VisitIn,
    settings: AssistanceSettings,
    today: date,
) -> tuple[VisitPublic, bool]:
    """``PUT /v1/visits/{id}`` without If-Match. Answers the visit and whether it is new.

    Ten phones' worth of repeats at once store one visit: the insert is ON CONFLICT DO NOTHING
    on the id (on PostgreSQL a second insert waits for the first to commit), and the losers of
    the race answer the winner's row."""
    stored = await session.get(Visit, visit_id)
    if stored is not None:
        return await _repeat(session, principal, stored, data, today), False
    received_at = utcnow()
    assessed = await assess(
        session,
        principal=principal,
        data=data,
        received_at=received_at,
        settings=settings,
        today=today,
    )
    values = {
        "id": visit_id,
        "recorded_by": principal.subject,
        "version": 1,
        "created_at": received_at,
        "updated_at": received_at,
        **_fields(data, assessed),
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
            raise errors.vanished()
        return await _repeat(session, principal, stored, data, today), False
    if data.photo_ids:
        await session.execute(
            insert(VisitPhoto),
            [{"visit_id": visit_id, "attachment_id": p} for p in data.photo_ids],
        )
        await photos.mark_attached(
            session, principal=principal, photo_ids=data.photo_ids, at=received_at
        )
    visit = Visit(**values)  # the stored row's state, for the answer and the event
    _emit(session, visit)
    await raise_from_visit(session, visit=visit, need_days=settings.need_days, today=today)
    return await _shown(session, principal, visit, today), True


async def update(
    session: AsyncSession,
    *,
    principal: Principal,
    visit_id: UUID,
    data: VisitIn,
    if_match: str,
    settings: AssistanceSettings,
    today: date,
) -> VisitPublic:
    """``PUT /v1/visits/{id}`` with If-Match: a whole replacement at the version read. The
    checks run again; a late entry is reckoned from when the visit first arrived."""
    query = (
        select(Visit)
        .where(col(Visit.id) == visit_id, *visible_visits(principal, today))
        .with_for_update()
    )
    visit = (await session.execute(query)).scalars().first()
    if visit is None:
        raise errors.not_found(visit_id)
    if cadre_only(principal) and visit.cadre_id != principal.cadre_id:
        raise errors.not_own_visit()
    check_version(if_match, visit.version)
    if data.household_id != visit.household_id:
        raise errors.household_changed()
    assessed = await assess(
        session,
        principal=principal,
        data=data,
        received_at=visit.created_at,
        settings=settings,
        today=today,
    )
    for name, value in _fields(data, assessed).items():
        setattr(visit, name, value)
    bump(visit)
    await session.execute(delete(VisitPhoto).where(col(VisitPhoto.visit_id) == visit.id))
    session.add_all(VisitPhoto(visit_id=visit.id, attachment_id=p) for p in data.photo_ids)
    await session.flush()
    await photos.mark_attached(
        session, principal=principal, photo_ids=data.photo_ids, at=visit.updated_at
    )
    _emit(session, visit)
    await raise_from_visit(session, visit=visit, need_days=settings.need_days, today=today)
    return await _shown(session, principal, visit, today)


async def named(session: AsyncSession, visits: list[VisitPublic]) -> list[VisitRead]:
    """The visits with their household's and cadre's names, from the registry copy."""
    household_ids = {v.household_id for v in visits}
    cadre_ids = {v.cadre_id for v in visits}
    head_rows = await session.execute(
        select(col(Household.id), col(Household.head_name)).where(
            col(Household.id).in_(household_ids)
        )
    )
    cadre_rows = await session.execute(
        select(col(Cadre.id), col(Cadre.name)).where(col(Cadre.id).in_(cadre_ids))
    )
    heads = {household_id: name for household_id, name in head_rows}
    cadres = {cadre_id: name for cadre_id, name in cadre_rows}
    return [
        VisitRead(
            **v.model_dump(),
            household_name=heads.get(v.household_id) or None,
            cadre_name=cadres.get(v.cadre_id),
        )
        for v in visits
    ]


async def get_visit(
    session: AsyncSession, *, principal: Principal, visit_id: UUID, today: date
) -> VisitRead:
    """One visit the caller may see, as they may see it."""
    query = select(Visit).where(col(Visit.id) == visit_id, *visible_visits(principal, today))
    visit = (await session.execute(query)).scalars().first()
    if visit is None:
        raise errors.not_found(visit_id)
    return (await named(session, [await _shown(session, principal, visit, today)]))[0]


def _has_risk(session: AsyncSession) -> ColumnElement[bool]:
    """Any risk flag: the JSON list is not empty (JSONB on PostgreSQL, JSON text on SQLite)."""
    length = (
        func.jsonb_array_length
        if is_postgres(session.get_bind().dialect)
        else func.json_array_length
    )
    return length(col(Visit.risk_flags)) > 0


def _flag_conditions(session: AsyncSession, filters: VisitFilters) -> list[ColumnElement[bool]]:
    """Each flag asked for holds (true) or does not (false); an unknown distance is neither."""
    conditions: list[ColumnElement[bool]] = []
    if filters.flagged is not None:
        flagged = or_(col(Visit.far_from_home).is_(True), col(Visit.late_entry))
        conditions.append(flagged if filters.flagged else ~flagged)
    if filters.far_from_home is not None:
        conditions.append(col(Visit.far_from_home).is_(filters.far_from_home))
    if filters.late_entry is not None:
        conditions.append(col(Visit.late_entry).is_(filters.late_entry))
    if filters.risk is not None:
        conditions.append(_has_risk(session) if filters.risk else ~_has_risk(session))
    return conditions


async def list_visits(
    session: AsyncSession,
    *,
    principal: Principal,
    filters: VisitFilters,
    today: date,
    cursor: str | None,
    limit: int,
) -> Page[VisitRead]:
    """The caller's visits, newest first."""
    if filters.risk is not None and not sees_every_risk(principal):
        raise errors.risk_filter_forbidden()
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
    conditions += _flag_conditions(session, filters)
    rows, next_cursor = await paginate(
        session,
        select(Visit).where(*conditions),
        [col(Visit.occurred_at), col(Visit.id)],
        cursor=cursor,
        limit=limit,
        descending=True,
    )
    shown = await shown_to(session, principal=principal, visits=rows, today=today)
    return Page(items=await named(session, shown), next_cursor=next_cursor)
