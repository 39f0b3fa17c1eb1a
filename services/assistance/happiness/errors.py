"""What the happiness list answers when it refuses a request, in the domain's words."""

from uuid import UUID

from kit.problems import NotFound, SameIdOtherBody, UnprocessableEntity, invalid


def not_found(item_id: UUID) -> NotFound:
    return NotFound(f"幸福清单事项 {item_id} 不存在或不在你的范围内 / not found")


def same_id_other_body() -> SameIdOtherBody:
    return SameIdOtherBody(
        "该 id 已用于另一事项；修改请带 If-Match / this id holds another item; send If-Match "
        "to edit it",
        field="id",
    )


def household_changed() -> UnprocessableEntity:
    return invalid("household_id", "事项的农户不能更改 / an item's household cannot change")
