"""Assistance plans: one per household and year, created by a PUT and replaced at the version
read (If-Match); a repeated create with the same body answers the stored plan."""

import hashlib
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col, select

from assistance import households
from assistance.measure_types.catalogue import MEASURES
from assistance.measure_types.service import check_usable
from assistance.models import Household, MeasureType, Plan
from assistance.plans import errors
from assistance.plans.schemas import PlanIn, PlanPublic
from assistance.scope import households_in_reach
from kit.auth import Principal
from kit.db import insert_for, utcnow
from kit.outbox import record_event
from kit.pagination import Page, paginate
from kit.versioning import bump, check_version

AGGREGATE = "plan"
# Plans are named by (household, year): the same plan has the same id wherever it is made.
PLAN_NAMESPACE = uuid.UUID("5b0f3c1e-7f1d-4d0e-9a51-2c1f6b8e4a10")


def plan_id(household_id: UUID, year: int) -> UUID:
    return uuid.uuid5(PLAN_NAMESPACE, f"{household_id}/{year}")


@dataclass(frozen=True)
class PlanFilters:
    area: str | None = None
    year: int | None = None
    household_id: UUID | None = None
    has_main_measure: bool | None = None
    insured: bool | None = None


def body_hash(body: PlanIn) -> str:
    canonical = json.dumps(body.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def fields(body: PlanIn) -> dict[str, Any]:
    insurance = body.insurance
    return {
        "main_measure": body.main_measure,
        "goals": body.goals,
        "insured": insurance.insured,
        "insurer": insurance.insurer,
        "policy_number": insurance.policy_number,
        "insurance_starts_on": insurance.starts_on,
        "insurance_ends_on": insurance.ends_on,
        "premium_paid_by": insurance.premium_paid_by.value if insurance.premium_paid_by else None,
        "body_hash": body_hash(body),
    }


def to_public(
    plan: Mapping[str, Any], village_code: str, types: dict[str, MeasureType]
) -> PlanPublic:
    """The plan from its column values (``Plan.model_dump()`` or a row dict)."""
    measure = None
    code = plan["main_measure"]
    if code is not None:
        known = types.get(code)
        number = known.measure_no if known else 0
        measure = {
            "code": code,
            "name_zh": known.name_zh if known else code,
            "name_en": known.name_en if known else code,
            "measure_no": number,
            "action": MEASURES[number].action if number in MEASURES else None,
        }
    return PlanPublic.model_validate(
        {
            **plan,
            "village_code": village_code,
            "main_measure": measure,
            "insurance": {
                "insured": plan["insured"],
                "insurer": plan["insurer"],
                "policy_number": plan["policy_number"],
                "starts_on": plan["insurance_starts_on"],
                "ends_on": plan["insurance_ends_on"],
                "premium_paid_by": plan["premium_paid_by"],
            },
        }
    )


async def measure_types(session: AsyncSession) -> dict[str, MeasureType]:
    """The catalogue by code, to name a plan's main measure."""
    return {row.code: row for row in (await session.execute(select(MeasureType))).scalars()}


def emit(session: AsyncSession, *, plan: PlanPublic) -> None:
    """The whole plan; indicators reads the "six ones" facts from it (household_id, year,
    main_measure.code, insurance.insured/starts_on/ends_on), docs/assistance.md."""
    record_event(
        session,
        aggregate=AGGREGATE,
        aggregate_id=plan.id,
        version=plan.version,
        data=plan.model_dump(mode="json"),
        area_code=plan.village_code,
    )


async def _locked(session: AsyncSession, household_id: UUID, year: int) -> Plan | None:
    query = (
        select(Plan)
        .where(col(Plan.household_id) == household_id, col(Plan.year) == year)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return (await session.execute(query)).scalars().first()


async def put_plan(
    session: AsyncSession,
    *,
    principal: Principal,
    household_id: UUID,
    year: int,
    data: PlanIn,
    if_match: str | None,
    today: date,
) -> tuple[PlanPublic, bool]:
    """``PUT /v1/plans/{household_id}/{year}``: answers the plan and whether it is new.

    No plan yet: made (If-Match, if sent, is not needed). A plan there: replaced at the version
    If-Match names (428 without, 412 stale), except that the same body sent again without
    If-Match (a phone repeating its create) answers the stored plan."""
    household = await households.named_in_path(
        session, principal=principal, household_id=household_id, today=today
    )
    if data.main_measure is not None:
        await check_usable(session, code=data.main_measure)
    plan = await _locked(session, household_id, year)
    if plan is None:
        now = utcnow()
        values = {
            "id": plan_id(household_id, year),
            "household_id": household_id,
            "year": year,
            "recorded_by": principal.subject,
            "version": 1,
            "created_at": now,
            "updated_at": now,
            **fields(data),
        }
        table = Plan.__table__  # type: ignore[attr-defined]
        inserted = await session.scalar(
            insert_for(session)(table)
            .values(values)
            .on_conflict_do_nothing(index_elements=[table.c.id])
            .returning(table.c.id)
        )
        if inserted is not None:
            public = to_public(values, household.village_code, await measure_types(session))
            emit(session, plan=public)
            return public, True
        plan = await _locked(session, household_id, year)  # made meanwhile by another request
        if plan is None:  # cannot be: the conflict was on this plan's id
            raise errors.vanished()
    if if_match is None and plan.body_hash == body_hash(data):
        return to_public(
            plan.model_dump(), household.village_code, await measure_types(session)
        ), False
    check_version(if_match, plan.version)
    for name, value in fields(data).items():
        setattr(plan, name, value)
    bump(plan)
    plan.recorded_by = principal.subject
    await session.flush()
    public = to_public(plan.model_dump(), household.village_code, await measure_types(session))
    emit(session, plan=public)
    return public, False


async def _villages(session: AsyncSession, household_ids: set[UUID]) -> dict[UUID, str]:
    if not household_ids:
        return {}
    query = select(col(Household.id), col(Household.village_code)).where(
        col(Household.id).in_(household_ids)
    )
    return {row.id: row.village_code for row in (await session.execute(query)).all()}


async def get_plan(
    session: AsyncSession, *, principal: Principal, household_id: UUID, year: int, today: date
) -> PlanPublic:
    """A household's plan for a year, if the household is in the caller's reach."""
    query = select(Plan).where(
        col(Plan.household_id) == household_id,
        col(Plan.year) == year,
        col(Plan.household_id).in_(households_in_reach(principal, today)),
    )
    plan = (await session.execute(query)).scalars().first()
    if plan is None:
        raise errors.not_found(year)
    villages = await _villages(session, {plan.household_id})
    return to_public(
        plan.model_dump(), villages.get(plan.household_id, ""), await measure_types(session)
    )


async def list_plans(
    session: AsyncSession,
    *,
    principal: Principal,
    filters: PlanFilters,
    today: date,
    cursor: str | None,
    limit: int,
) -> Page[PlanPublic]:
    """The plans in the caller's reach, newest year first."""
    reach = households_in_reach(principal, today)
    if filters.area:
        reach = reach.where(col(Household.village_code).startswith(filters.area))
    conditions: list[ColumnElement[bool]] = [col(Plan.household_id).in_(reach)]
    if filters.year is not None:
        conditions.append(col(Plan.year) == filters.year)
    if filters.household_id is not None:
        conditions.append(col(Plan.household_id) == filters.household_id)
    if filters.has_main_measure is not None:
        has = col(Plan.main_measure).is_not(None)
        conditions.append(has if filters.has_main_measure else ~has)
    if filters.insured is not None:
        conditions.append(col(Plan.insured).is_(filters.insured))
    rows, next_cursor = await paginate(
        session,
        select(Plan).where(*conditions),
        [col(Plan.year), col(Plan.id)],
        cursor=cursor,
        limit=limit,
        descending=True,
    )
    villages = await _villages(session, {plan.household_id for plan in rows})
    types = await measure_types(session)
    shown = [to_public(p.model_dump(), villages.get(p.household_id, ""), types) for p in rows]
    return Page(items=shown, next_cursor=next_cursor)
