"""What households answer when a write clashes with what is stored, in the domain's words."""

from uuid import UUID

from kit.problems import Conflict


class DuplicateIdNumber(Conflict):
    """A member's ID number is already registered in another household."""

    code = "duplicate-id-number"
    title = "身份证号已登记在其他农户 / ID number already registered in another household"


class CategoryUnchanged(Conflict):
    """A category change to the category the household is in already."""

    code = "category-unchanged"
    title = "该户已是这一类别 / The household is in this category already"


class HouseholdInUse(Conflict):
    """Deleting a household that income records or links still refer to."""

    code = "household-in-use"
    title = "该户仍有关联记录，不能删除 / Records still refer to the household"


def duplicate_id_number(
    *, field: str, shown: str | None, holder_household_id: UUID, head: str
) -> DuplicateIdNumber:
    """``shown``: the ID number masked, as the refusal may show it to anyone who can write."""
    return DuplicateIdNumber(
        f"身份证号 {shown} 已登记在农户 {holder_household_id}（户主 {head}）/ "
        f"ID number {shown} is already registered in household {holder_household_id} "
        f"(head {head})",
        field=field,
        holder_household_id=str(holder_household_id),
        holder_head_name=head,
    )


def id_number_registered_elsewhere(*, field: str) -> DuplicateIdNumber:
    """The holder is outside the writer's area: neither the household nor its head is named
    (docs/security.md, "Existence oracles"); the county admin, who sees it, is."""
    return DuplicateIdNumber(REGISTERED_ELSEWHERE, field=field)


# Said of an ID number held outside the caller's area, wherever a write or an import meets one.
REGISTERED_ELSEWHERE = (
    "该身份证号已登记，请联系县农业农村局 / "
    "this ID number is already registered; ask the county office"
)


def category_unchanged() -> CategoryUnchanged:
    return CategoryUnchanged(
        "该户已是这一类别 / the household is in this category already", field="category"
    )


# What may still refer to a household, by table.
REFERRING = {
    "income_record": "收入记录 / income records",
    "pairing": "帮扶结对 / assistance pairings",
    "entity_household_link": "主体带动关系 / entity links",
}


def household_in_use(table: str, *, active: bool) -> HouseholdInUse:
    what = REFERRING[table]
    if active:
        detail = f"该户仍有进行中的{what}，不能删除 / the household still has active {what}"
    else:
        detail = f"该户仍有{what}，不能删除 / the household still has {what}"
    return HouseholdInUse(detail, blocking=table)
