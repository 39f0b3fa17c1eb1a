"""What entities answer when a write clashes with what is stored, in the domain's words."""

from uuid import UUID

from kit.problems import Conflict


class DuplicateCreditCode(Conflict):
    code = "duplicate-credit-code"
    title = "统一社会信用代码已属于其他主体 / Credit code held by another entity"


def duplicate_credit_code(code: str, holder_name: str, holder_id: UUID) -> DuplicateCreditCode:
    return DuplicateCreditCode(
        f"统一社会信用代码 {code} 已属于主体「{holder_name}」({holder_id})"
        f" / credit code {code} is already held by entity {holder_name} ({holder_id})",
        field="credit_code",
        holder_id=str(holder_id),
    )


def credit_code_registered_elsewhere(code: str) -> DuplicateCreditCode:
    """The holder is outside the writer's area: not named (docs/security.md, "Existence
    oracles")."""
    return DuplicateCreditCode(
        f"统一社会信用代码 {code} 已登记，请联系县农业农村局"
        f" / credit code {code} is already registered; ask the county office",
        field="credit_code",
    )
