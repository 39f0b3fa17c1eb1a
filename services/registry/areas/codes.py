"""What an area code says by itself: its level, its parent's length and its kind."""

from typing import Annotated

from pydantic import Field

from registry.models.vocab import LEVEL_BY_LENGTH, AreaKind, AreaLevel

LENGTHS = sorted(LEVEL_BY_LENGTH)  # 2, 4, 6, 9, 12
# A data scope: the code of a whole area at any level.
ScopeCode = Annotated[
    str, Field(pattern=r"^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$", description="数据范围 / data scope")
]


def level_of(code: str) -> AreaLevel:
    return LEVEL_BY_LENGTH[len(code)]


def parent_length(code: str) -> int | None:
    """The length of the level above (9 for a village), None for a province."""
    shorter = [n for n in LENGTHS if n < len(code)]
    return shorter[-1] if shorter else None


# The last three digits' ranges per level (统计用区划代码), first match wins.
KIND_RANGES = {
    AreaLevel.TOWNSHIP: [
        (1, 99, AreaKind.SUBDISTRICT),
        (100, 199, AreaKind.TOWN),
        (200, 399, AreaKind.TOWNSHIP),
    ],
    AreaLevel.VILLAGE: [
        (1, 199, AreaKind.COMMUNITY),
        (200, 399, AreaKind.ADMINISTRATIVE_VILLAGE),
    ],
}


def kind_of(code: str) -> AreaKind | None:
    """The kind the last three digits give a township or village; None above townships."""
    ranges = KIND_RANGES.get(level_of(code))
    if ranges is None:
        return None
    number = int(code[-3:])
    return next((kind for low, high, kind in ranges if low <= number <= high), AreaKind.OTHER)


def prefixes(code: str) -> list[str]:
    """The codes of every level above ``code`` and ``code`` itself (a scope's ancestors)."""
    return [code[:n] for n in LENGTHS if n <= len(code)]
