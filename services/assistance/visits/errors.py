"""What visits answer when they refuse a request, in the domain's words."""

from datetime import date
from uuid import UUID

from kit.problems import (
    ConcurrentWrite,
    Forbidden,
    NotFound,
    SameIdOtherBody,
    UnprocessableEntity,
    field_error,
    invalid,
)


class EmptyVisit(UnprocessableEntity):
    """A visit recording nothing seen or done (shared/DOMAIN.md): it would count for the month."""

    code = "empty-visit"
    title = "走访没有记录内容 / The visit records nothing"


def not_found(visit_id: UUID) -> NotFound:
    return NotFound(f"走访 {visit_id} 不存在或不在你的范围内 / not found")


def same_id_other_body() -> SameIdOtherBody:
    return SameIdOtherBody(
        "该 id 已用于另一条走访；修改请带 If-Match / this id holds a different visit; "
        "send If-Match to edit it",
        field="id",
    )


def vanished() -> ConcurrentWrite:
    return ConcurrentWrite("走访已被并发删除 / the visit vanished meanwhile")


def not_own_visit() -> Forbidden:
    return Forbidden("只能修改自己的走访 / a cadre edits only their own visits")


def household_unknown() -> UnprocessableEntity:
    return invalid(
        "household_id",
        "农户不存在、不在你的范围内或尚未从登记库同步"
        " / no such household in your area (or not yet synced from the registry)",
    )


def household_changed() -> UnprocessableEntity:
    return invalid("household_id", "走访的农户不能更改 / a visit's household cannot change")


def unpaired_on(day: date) -> UnprocessableEntity:
    return invalid(
        "household_id",
        f"该户在走访当日（{day}）没有结对干部 / no cadre was paired to it on {day}",
        "not_paired",
        day=str(day),
    )


def paired_to_another_on(day: date) -> UnprocessableEntity:
    return invalid(
        "household_id",
        f"走访当日（{day}）该户未与你结对 / not paired to you on {day}, the visit's day",
        "not_paired_to_you",
        day=str(day),
    )


def photo_unknown(index: int) -> UnprocessableEntity:
    """Also for a photo that exists but is another's: the answers must not differ."""
    return invalid(
        f"photo_ids.{index}",
        "照片尚未由你上传，请先 PUT /v1/attachments/{id}"
        " / no such photo of yours: upload it first (PUT /v1/attachments/{id})",
    )


def in_the_future() -> UnprocessableEntity:
    return invalid(
        "occurred_at", "走访时间不能晚于现在 / a visit cannot be in the future", "future"
    )


def backdate_reason_needed(backdate_days: int) -> UnprocessableEntity:
    return invalid(
        "backdate_reason",
        f"走访时间早于 {backdate_days} 天前，须说明补录原因"
        f" / a visit more than {backdate_days} days back needs a backdate_reason",
        "backdate_reason_needed",
        days=backdate_days,
    )


def risk_filter_forbidden() -> Forbidden:
    return Forbidden(
        "无权按风险标记筛选走访（风险标记属敏感信息）"
        " / you may not filter visits by risk: risk flags are withheld from your role"
    )


def empty_visit(few_chars: int) -> EmptyVisit:
    message = (
        f"请至少用 {few_chars} 个字记下所见情况、群众诉求或已办/承诺事项"
        f" / record an observation, a need or an action in at least {few_chars} characters"
    )
    return EmptyVisit(message, errors=[field_error("observations", message)])
