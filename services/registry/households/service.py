"""Households and their members: one aggregate, one version, one event per write."""

from collections import defaultdict
from typing import Any
from uuid import UUID

from sqlalchemy import func
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from kit.auth import Principal
from kit.clock import local_today
from kit.pagination import Page, paginate
from kit.problems import Forbidden, invalid
from kit.versioning import bump_if_match
from registry import aggregates
from registry.households import categories, errors, search
from registry.households.rules import check_body, check_id_numbers_free, check_village
from registry.households.schemas import (
    CategoryChangeCreate,
    CategoryChangePublic,
    HouseholdCreate,
    HouseholdIn,
    HouseholdPhone,
    HouseholdPublic,
    HouseholdUpdate,
    MemberIn,
    MemberPublic,
)
from registry.identity import parse
from registry.models import (
    CategoryChange,
    EntityHouseholdLink,
    Household,
    IncomeRecord,
    Member,
    Pairing,
)
from registry.models.vocab import Relation
from registry.privacy import Unmask, audit_whole_read, mask_id_number, mask_phone, wants_whole
from registry.scope import visible_households

AGGREGATE = "household"


def to_public(household: Household, members: list[Member]) -> HouseholdPublic:
    """The whole (unmasked) state, members head first."""
    ordered = sorted(members, key=lambda m: m.position)
    head = next((m.name for m in ordered if m.relation == Relation.HEAD), "")
    return HouseholdPublic.model_validate(
        {
            **household.model_dump(),
            "head_name": head,
            "members": [MemberPublic.model_validate(m.model_dump()) for m in ordered],
        }
    )


async def members_of(session: AsyncSession, household_ids: list[UUID]) -> dict[UUID, list[Member]]:
    query = select(Member).where(col(Member.household_id).in_(household_ids))
    grouped: dict[UUID, list[Member]] = defaultdict(list)
    for member in (await session.execute(query.order_by(col(Member.position)))).scalars():
        grouped[member.household_id].append(member)
    return grouped


async def find(
    session: AsyncSession, *, principal: Principal, household_id: UUID, for_update: bool = False
) -> Household:
    """The household if the caller may see it, else 404."""
    return await aggregates.get_visible(
        session, Household, household_id, *visible_households(principal), for_update=for_update
    )


async def get_household(
    session: AsyncSession, *, principal: Principal, household_id: UUID
) -> HouseholdPublic:
    """One household the caller sees (whole: ``show`` masks it for the caller)."""
    household = await find(session, principal=principal, household_id=household_id)
    members = await members_of(session, [household.id])
    return to_public(household, members[household.id])


async def list_households(
    session: AsyncSession,
    *,
    principal: Principal,
    filters: search.HouseholdFilters,
    cursor: str | None,
    limit: int,
) -> Page[HouseholdPublic]:
    """The households the caller sees that match ``filters``, by village (whole: see ``show``)."""
    query = select(Household).where(
        *visible_households(principal),
        search.in_area(principal.area),  # the scope again, as a range the index can serve
        *await search.conditions(session, filters),
    )
    keys = [col(Household.village_code), col(Household.id)]
    households, next_cursor = await paginate(session, query, keys, cursor=cursor, limit=limit)
    members = await members_of(session, [h.id for h in households])
    return Page(items=[to_public(h, members[h.id]) for h in households], next_cursor=next_cursor)


async def show(
    session: AsyncSession,
    *,
    principal: Principal,
    households: list[HouseholdPublic],
    unmask: Unmask,
) -> list[HouseholdPublic]:
    """As this caller may see them: masked, or whole with an audit entry per household."""
    if wants_whole(principal, unmask):
        for household in households:
            await audit_whole_read(
                session,
                principal,
                resource=AGGREGATE,
                resource_id=household.id,
                fields=["id_number", "phone"],
                reason=unmask.reason,
            )
        return households
    return [masked(h) for h in households]


async def phone_to_call(
    session: AsyncSession, *, principal: Principal, household_id: UUID, reason: str
) -> HouseholdPhone:
    """The household's phone whole, audited as a whole read of that one field."""
    if not principal.may_read_pii:
        raise Forbidden("无权查看完整电话 / not allowed to read phones whole")
    if len(reason.strip()) < 2:
        raise invalid("reason", "须说明原因（2–200 字）/ a reason (2–200 chars) is required")
    household = await find(session, principal=principal, household_id=household_id)
    await audit_whole_read(
        session,
        principal,
        resource=AGGREGATE,
        resource_id=household.id,
        fields=["phone"],
        reason=reason.strip(),
    )
    return HouseholdPhone(phone=household.phone)


def masked(household: HouseholdPublic) -> HouseholdPublic:
    members = [
        m.model_copy(update={"id_number": mask_id_number(m.id_number)}) for m in household.members
    ]
    return household.model_copy(update={"phone": mask_phone(household.phone), "members": members})


async def _check(
    session: AsyncSession, principal: Principal, body: HouseholdIn, household_id: UUID | None
) -> None:
    check_body(body)
    await check_village(session, principal, body.village_code)
    await check_id_numbers_free(session, principal, body, household_id)


def _apply(household: Household, body: HouseholdIn) -> None:
    for field in (
        "village_code",
        "category",
        "low_income_subtype",
        "monitoring_type",
        "address",
        "phone",
        "latitude",
        "longitude",
    ):
        setattr(household, field, getattr(body, field))


def _member_fields(given: MemberIn, position: int) -> dict[str, Any]:
    """A member's columns from its input, birth date and sex derived from the ID number."""
    resident = parse(given.id_number)
    return {
        "position": position,
        "name": given.name,
        "id_number": resident.number,
        "birth_date": resident.birth_date,
        "sex": resident.sex,
        "relation": given.relation,
        "resident": given.resident,
        "labour_ability": given.labour_ability,
        "health": given.health,
        "employment": given.employment,
    }


def _head_first(members: list[MemberIn]) -> list[MemberIn]:
    return sorted(members, key=lambda m: m.relation != Relation.HEAD)  # stable: keeps the rest


async def create_household(
    session: AsyncSession, *, principal: Principal, data: HouseholdCreate
) -> HouseholdPublic:
    """Register a household with its members, its category recognised from the day given."""
    for index, member in enumerate(data.members):
        if member.id is not None:
            raise invalid(f"members.{index}.id", "新户的成员不带 id / a new member has no id yet")
    await _check(session, principal, data, None)
    household = Household(village_code=data.village_code, category=data.category)
    _apply(household, data)
    session.add(household)
    await session.flush()  # the members' and category rows' foreign keys need the household row
    members = [
        Member(household_id=household.id, **_member_fields(given, position))
        for position, given in enumerate(_head_first(data.members))
    ]
    session.add_all(members)
    session.add(
        categories.recognise(
            household, data.category_changed_on or local_today(), data.category_change_reason
        )
    )
    await session.flush()
    state = to_public(household, members)
    aggregates.emit(session, AGGREGATE, household, state, household.village_code)
    return state


async def update_household(
    session: AsyncSession,
    *,
    principal: Principal,
    household_id: UUID,
    data: HouseholdUpdate,
    if_match: str | None,
) -> HouseholdPublic:
    """Replace a household and its members (matched by id), at the version the caller read."""
    household = await find(session, principal=principal, household_id=household_id, for_update=True)
    bump_if_match(household, if_match)
    await _check(session, principal, data, household.id)
    members = await _replace_members(session, household.id, data.members)
    await categories.move(
        session,
        household,
        data.category,
        data.low_income_subtype,
        data.category_changed_on or local_today(),
        data.category_change_reason,
        date_field="category_changed_on",
    )
    _apply(household, data)
    await session.flush()
    state = to_public(household, members)
    aggregates.emit(session, AGGREGATE, household, state, household.village_code)
    return state


async def change_category(
    session: AsyncSession,
    *,
    principal: Principal,
    household_id: UUID,
    data: CategoryChangeCreate,
    if_match: str | None,
) -> HouseholdPublic:
    """认定/退出 with a date and reason; the household's category follows."""
    household = await find(session, principal=principal, household_id=household_id, for_update=True)
    bump_if_match(household, if_match)  # a refusal below rolls the bump back
    categories.check_subtype(data.category, data.low_income_subtype)
    moved = await categories.move(
        session, household, data.category, data.low_income_subtype, data.changed_on, data.reason
    )
    if not moved:
        raise errors.category_unchanged()
    await session.flush()
    members = (await members_of(session, [household.id]))[household.id]
    state = to_public(household, members)
    aggregates.emit(session, AGGREGATE, household, state, household.village_code)
    return state


async def _replace_members(
    session: AsyncSession, household_id: UUID, given: list[MemberIn]
) -> list[Member]:
    """Members matched by id are updated, new ones added, the missing ones removed."""
    existing = {m.id: m for m in (await members_of(session, [household_id]))[household_id]}
    for index, member in enumerate(given):
        if member.id is not None and member.id not in existing:
            raise invalid(f"members.{index}.id", "不是本户成员 / not a member of this household")
    kept_ids = {m.id for m in given if m.id is not None}
    for member_id, row in existing.items():
        if member_id not in kept_ids:
            await session.delete(row)
    # Removed members go first, so their ID numbers are free for the rows written next.
    await session.flush()
    members = []
    for position, member_in in enumerate(_head_first(given)):
        fields = _member_fields(member_in, position)
        stored = existing.get(member_in.id) if member_in.id else None
        if stored is None:
            stored = Member(household_id=household_id, **fields)
            session.add(stored)
        else:
            for name, value in fields.items():
                setattr(stored, name, value)
        members.append(stored)
    return members


async def delete_household(
    session: AsyncSession, *, principal: Principal, household_id: UUID, if_match: str | None
) -> None:
    """Delete a household nothing refers to, at the version the caller read."""
    household = await find(session, principal=principal, household_id=household_id, for_update=True)
    bump_if_match(household, if_match)
    await _check_unreferenced(session, household.id)
    members = await members_of(session, [household.id])
    state = to_public(household, members[household.id])
    await session.delete(household)  # members and category history go with it (ON DELETE CASCADE)
    await session.flush()
    aggregates.emit(session, AGGREGATE, household, state, household.village_code, deleted=True)


async def _check_unreferenced(session: AsyncSession, household_id: UUID) -> None:
    """409 while income records, pairings or entity links (active or kept as history) refer
    to the household: those are other records' facts, not to be dropped with it."""
    referring: list[Any] = [IncomeRecord, Pairing, EntityHouseholdLink]
    for model in referring:
        query = select(func.count()).where(col(model.household_id) == household_id)
        if hasattr(model, "ended_on"):
            active = await session.scalar(query.where(col(model.ended_on).is_(None)))
            if active:
                raise errors.household_in_use(model.__tablename__, active=True)
        if await session.scalar(query):
            raise errors.household_in_use(model.__tablename__, active=False)


async def category_changes(
    session: AsyncSession,
    *,
    principal: Principal,
    household_id: UUID,
    cursor: str | None,
    limit: int,
) -> Page[CategoryChangePublic]:
    """A household's category history, oldest first."""
    await find(session, principal=principal, household_id=household_id)
    query = select(CategoryChange).where(col(CategoryChange.household_id) == household_id)
    # "exited" sorts before "recognised": on one day the old category ends, then the new begins.
    keys = [col(CategoryChange.changed_on), col(CategoryChange.kind), col(CategoryChange.id)]
    rows, next_cursor = await paginate(session, query, keys, cursor=cursor, limit=limit)
    items = [CategoryChangePublic.model_validate(r.model_dump()) for r in rows]
    return Page(items=items, next_cursor=next_cursor)
