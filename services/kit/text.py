"""Text a person must actually have written: names and required free text.

``Name`` (one line: a person's, household's, entity's, area's or department's name) and
``RequiredText`` (free text that may not be left empty: a need, a closing note) are stripped of
spaces and invisible characters at both ends, and refused when nothing visible is left — a name of
spaces, of zero-width spaces (U+200B), of ideographic spaces (U+3000) or of Hangul fillers reads
as blank on every screen and export, so it is as good as none. A ``Name`` also refuses control
characters (line breaks, tabs) anywhere. Give the length with ``Field(max_length=…)`` where used.
"""

import unicodedata
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field
from pydantic_core import PydanticCustomError

# Unicode categories that show nothing: controls, format characters (zero-width space and
# joiners, BOM, bidi marks, soft hyphen) and separators; stripped at both ends.
_BLANK_CATEGORIES = {"Cc", "Cf", "Zs", "Zl", "Zp"}
# Marks show only on a character before them: kept at the end ("José" written e + U+0301), but
# a text of marks alone shows nothing.
_MARKS = {"Mn", "Me"}
# Letters and symbols that render as blank (Hangul fillers, the braille blank).
_BLANK_CHARACTERS = {"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800"}


def blank(character: str) -> bool:
    return character in _BLANK_CHARACTERS or unicodedata.category(character) in _BLANK_CATEGORIES


def strip_invisible(value: str) -> str:
    """``value`` without spaces and invisible characters at either end."""
    start, end = 0, len(value)
    while start < end and blank(value[start]):
        start += 1
    while end > start and blank(value[end - 1]):
        end -= 1
    return value[start:end]


def shows_something(value: str) -> bool:
    return any(not blank(c) and unicodedata.category(c) not in _MARKS for c in value)


def _visible_text(value: object) -> object:
    if not isinstance(value, str):
        return value  # the str validation after this says what is wrong
    stripped = strip_invisible(value)
    if not shows_something(stripped):
        raise PydanticCustomError(
            "blank", "不能为空或只有空白字符 / must not be blank or only invisible characters"
        )
    return stripped


def _one_line(value: str) -> str:
    if any(unicodedata.category(c) == "Cc" for c in value):
        raise PydanticCustomError(
            "control_characters", "不能含换行、制表等控制字符 / must not hold line breaks or tabs"
        )
    return value


Name = Annotated[
    str, BeforeValidator(_visible_text), AfterValidator(_one_line), Field(min_length=1)
]
RequiredText = Annotated[str, BeforeValidator(_visible_text), Field(min_length=1)]
