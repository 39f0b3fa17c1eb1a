"""What areas answer when a write clashes with what is stored, in the domain's words."""

from kit.problems import Conflict


class DuplicateCode(Conflict):
    code = "duplicate-code"
    title = "代码已被使用 / Code already taken"


def duplicate_code(code: str, holder_name: str) -> DuplicateCode:
    return DuplicateCode(
        f"区划代码 {code} 已属于「{holder_name}」/ code {code} is {holder_name}", field="code"
    )
