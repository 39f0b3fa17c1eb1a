"""What the catalogue of main measures answers when it refuses a value, in its words."""

from kit.problems import UnprocessableEntity, invalid


def unknown(field: str, code: str) -> UnprocessableEntity:
    return invalid(field, f"没有帮扶措施 {code} / no measure type {code}")


def retired(field: str, code: str) -> UnprocessableEntity:
    return invalid(field, f"帮扶措施 {code} 已停用 / measure type {code} is retired")
