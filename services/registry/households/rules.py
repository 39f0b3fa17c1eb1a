"""Checks on a household body that the schema alone cannot make (they name the field)."""

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from kit.auth import Principal
from kit.problems import invalid
from registry.households import errors
from registry.households.categories import check_subtype
from registry.households.schemas import HouseholdIn
from registry.models import Area, Household, Member
from registry.models.vocab import AreaLevel, Relation
from registry.privacy import mask_id_number


async def check_village(
    session: AsyncSession, principal: Principal, code: str, field: str = "village_code"
) -> None:
    """``code`` is an existing village-level area inside the writer's scope, else 422."""
    if not principal.covers(code):
        raise invalid(
            field,
            f"村 {code} 不在你的管辖范围内 / village {code} is outside your area",
            "outside_scope",
        )
    area = await session.get(Area, code)
    if area is None:
        raise invalid(field, f"区划 {code} 不存在 / no area with code {code}", "no_such_area")
    if area.level != AreaLevel.VILLAGE:
        raise invalid(field, f"{code} 不是村级区划 / {code} is not a village", "not_a_village")


def check_body(body: HouseholdIn) -> None:
    """Subtype iff low income; exactly one head; no member or ID number given twice."""
    check_subtype(body.category, body.low_income_subtype)
    heads = [m for m in body.members if m.relation == Relation.HEAD]
    if len(heads) != 1:
        raise invalid(
            "members",
            f"须有且仅有一位户主，现有 {len(heads)} 位 / exactly one head, got {len(heads)}",
            "one_head",
            heads=len(heads),
        )
    seen_numbers: dict[str, int] = {}
    seen_ids: set[object] = set()
    for index, member in enumerate(body.members):
        if member.id_number in seen_numbers:
            raise invalid(
                f"members.{index}.id_number",
                f"与第 {seen_numbers[member.id_number]} 位成员的身份证号重复 / "
                f"repeats members.{seen_numbers[member.id_number]}.id_number",
                "repeated_id_number",
            )
        seen_numbers[member.id_number] = index
        if member.id is not None:
            if member.id in seen_ids:
                raise invalid(f"members.{index}.id", "成员重复 / member given twice")
            seen_ids.add(member.id)


async def check_id_numbers_free(
    session: AsyncSession,
    principal: Principal,
    body: HouseholdIn,
    household_id: object | None = None,
) -> None:
    """No member of another household holds one of the body's ID numbers (409 naming the
    holder where the writer may see it, else only that it is registered)."""
    numbers = [m.id_number for m in body.members]
    query = select(Member).where(col(Member.id_number).in_(numbers))
    if household_id is not None:
        query = query.where(col(Member.household_id) != household_id)
    holder = (await session.execute(query.limit(1))).scalars().first()
    if holder is None:
        return
    index = numbers.index(holder.id_number)
    field = f"members.{index}.id_number"
    holding = await session.get(Household, holder.household_id)
    if holding is None or not principal.covers(holding.village_code):
        raise errors.id_number_registered_elsewhere(field=field)
    head = await head_name(session, holder.household_id)
    shown = mask_id_number(holder.id_number)
    raise errors.duplicate_id_number(
        field=field,
        shown=shown,
        holder_household_id=holder.household_id,
        head=head,
    )


async def head_name(session: AsyncSession, household_id: object) -> str:
    query = select(Member.name).where(
        col(Member.household_id) == household_id, col(Member.relation) == Relation.HEAD
    )
    return (await session.execute(query)).scalars().first() or ""
