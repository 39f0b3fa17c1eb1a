"""Category history: entering and leaving a category (认定 / 退出), each dated and with a reason.

A change is two rows on one day: the old category exited, the new one recognised. The household's
own category is always the one most recently recognised, so the history and the current state
cannot disagree.
"""

from datetime import date
from uuid import UUID

from sqlalchemy import func
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from kit.clock import local_today
from kit.problems import invalid
from registry.models import CategoryChange, Household
from registry.models.vocab import CategoryChangeKind, HouseholdCategory


def check_subtype(category: str, subtype: str | None) -> None:
    """A subtype iff low income (named on the field that is wrong)."""
    if category == HouseholdCategory.LOW_INCOME and subtype is None:
        raise invalid(
            "low_income_subtype",
            "低收入农户须填类型 / required for a low-income household",
            "missing",
        )
    if category != HouseholdCategory.LOW_INCOME and subtype is not None:
        raise invalid(
            "low_income_subtype",
            "仅低收入农户可填类型 / only a low-income household has a subtype",
            "not_applicable",
        )


def recognise(household: Household, on: date, reason: str) -> CategoryChange:
    """The row saying the household entered its current category on ``on``."""
    return CategoryChange(
        household_id=household.id,
        kind=CategoryChangeKind.RECOGNISED,
        category=household.category,
        low_income_subtype=household.low_income_subtype,
        changed_on=on,
        reason=reason,
    )


async def check_date(
    session: AsyncSession, household_id: UUID, on: date, field: str = "changed_on"
) -> None:
    """Not in the future, and not before the last change: history is appended in order."""
    if on > local_today():
        raise invalid(field, "日期不能晚于今天 / the date cannot be in the future", "future")
    last = await session.scalar(
        select(func.max(CategoryChange.changed_on)).where(
            col(CategoryChange.household_id) == household_id
        )
    )
    if last is not None and on < last:
        raise invalid(
            field,
            f"日期不能早于上次变更（{last}）/ cannot be before the last change ({last})",
            "before_last_change",
            last=str(last),
        )


async def move(
    session: AsyncSession,
    household: Household,
    category: str,
    subtype: str | None,
    on: date,
    reason: str,
    date_field: str = "changed_on",
) -> bool:
    """Put the household in ``category``/``subtype`` from ``on``, recording both rows.

    Returns False (and writes nothing) when it is already there.
    """
    if (household.category, household.low_income_subtype) == (category, subtype):
        return False
    await check_date(session, household.id, on, date_field)
    session.add(
        CategoryChange(
            household_id=household.id,
            kind=CategoryChangeKind.EXITED,
            category=household.category,
            low_income_subtype=household.low_income_subtype,
            changed_on=on,
            reason=reason,
        )
    )
    household.category, household.low_income_subtype = category, subtype
    session.add(recognise(household, on, reason))
    return True
