"""What the links answer when they refuse a request, in the domain's words."""

from datetime import date
from uuid import UUID

from kit.problems import Conflict, UnprocessableEntity, field_error, invalid
from registry.models.base import Link


class ActiveLinkExists(Conflict):
    """A second active link where one is allowed, without ``replace_active``."""

    code = "active-link-exists"
    title = "已有有效关系 / An active link already exists"


class LinkEnded(Conflict):
    """Ending a link that has ended already."""

    code = "link-ended"
    title = "该关系已结束 / The link has already ended"


def active_link_exists(current: Link, holder: str) -> ActiveLinkExists:
    return ActiveLinkExists(
        f"已有有效关系：{holder}（{current.id}）；如要替换请带 replace_active=true"
        f" / already active: {holder} ({current.id}); send replace_active=true to replace it",
        current_id=str(current.id),
    )


def active_link_out_of_reach() -> ActiveLinkExists:
    """The clashing link is outside the writer's sight: neither it nor its holder is named."""
    return ActiveLinkExists(
        "已有你范围外的有效关系，请联系县农业农村局"
        " / an active link outside your area already exists; ask the county office"
    )


def link_ended(link: Link) -> LinkEnded:
    return LinkEnded(
        f"该关系已于 {link.ended_on} 结束 / this link already ended on {link.ended_on}"
    )


# Who holds the active link, as the refusal names them.
def cadre_links_entity(cadre: str, entity: str) -> str:
    return f"干部「{cadre}」已联系主体「{entity}」"


def entity_drives_household(entity: str, mode: str) -> str:
    return f"主体「{entity}」已带动该户（{mode}）"


def household_paired_to(cadre: str, cadre_id: UUID) -> str:
    return f"该户已与干部「{cadre}」({cadre_id}) 结对"


def household_paired_out_of_reach() -> str:
    return "该户已与你范围外的干部结对"


def starts_before_current(current_start: date) -> UnprocessableEntity:
    return invalid(
        "started_on",
        f"不能早于现有关系的开始日期 {current_start}"
        f" / cannot be before the current link's start {current_start}",
    )


def ends_before_start(started_on: date) -> UnprocessableEntity:
    return invalid(
        "ended_on",
        f"不能早于开始日期 {started_on} / cannot be before the start {started_on}",
    )


def no_such_cadre(field: str, cadre_id: UUID) -> UnprocessableEntity:
    """Absent, or out of the writer's reach (a cadre of another township or of the county)."""
    return invalid(field, f"干部 {cadre_id} 不存在或不在你的范围内 / no such cadre in your area")


def cadre_inactive(field: str, name: str) -> UnprocessableEntity:
    return invalid(field, f"干部「{name}」已停用 / cadre {name} is not active")


def no_such_entity() -> UnprocessableEntity:
    return invalid("entity_id", "主体不存在或不在你的范围内 / no such entity in your area")


def entity_deregistered(name: str) -> UnprocessableEntity:
    return invalid("entity_id", f"主体「{name}」已注销 / entity is deregistered")


def no_such_household() -> UnprocessableEntity:
    return invalid("household_id", "农户不存在或不在你的范围内 / no such household in your area")


def not_low_income() -> UnprocessableEntity:
    return invalid(
        "household_id", "只有低收入农户可以结对帮扶 / only low-income households may be paired"
    )


# The handover's refusals.
def same_cadre() -> UnprocessableEntity:
    return invalid("to_cadre_id", "不能移交给同一名干部 / must differ from from_cadre_id")


def nothing_to_hand_over() -> UnprocessableEntity:
    return invalid(
        "from_cadre_id",
        "该干部在你的范围内没有在帮农户 / this cadre has no active pairings in your area",
    )


def listed_twice(index: int) -> UnprocessableEntity:
    return invalid(f"household_ids.{index}", "重复的农户 / listed twice")


def not_paired_here(indexes: list[int]) -> UnprocessableEntity:
    """Each named household not actively paired to from_cadre (or outside the caller's area)."""
    message = "该户未与移出干部有效结对或不在你的范围内 / not actively paired to from_cadre_id here"
    errors = [field_error(f"household_ids.{index}", message) for index in indexes]
    fields = ", ".join(e["field"] for e in errors)
    return UnprocessableEntity(f"{fields}: {message}", errors=errors)
