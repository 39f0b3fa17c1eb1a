"""GB 32100 unified social credit codes (统一社会信用代码) and their check character.

The charset leaves out I, O, S, V and Z (easily misread); the check value over the first 17
characters is (31 − Σ value×weight mod 31) mod 31, written back in the same charset.
"""

from typing import Annotated

from pydantic import AfterValidator, BeforeValidator
from pydantic_core import PydanticCustomError

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
LENGTH = 18
_VALUE = {char: value for value, char in enumerate(CHARSET)}


def check_character(body: str) -> str:
    """The check character for a 17-character body (assumed in the charset)."""
    total = sum(_VALUE[char] * weight for char, weight in zip(body, WEIGHTS, strict=True))
    return CHARSET[(31 - total % 31) % 31]


def credit_code_error(code: str) -> str | None:
    """What is wrong with ``code`` (already upper-cased), in words for people; None when valid."""
    if len(code) != LENGTH:
        return f"应为 18 位，收到 {len(code)} 位 / must be 18 characters, got {len(code)}"
    for position, char in enumerate(code, start=1):
        if char not in _VALUE:
            return (
                f"第 {position} 位「{char}」不是允许的字符（0-9 与除 I、O、S、V、Z 外的大写字母）"
                f" / character {position} {char!r} is not allowed (0-9, A-Z without I O S V Z)"
            )
    if check_character(code[:17]) != code[17]:
        return "校验位不符，请核对代码 / the check character does not match; check the code"
    return None


def _normalise(value: object) -> object:
    # People paste codes with spaces or in lower case; the code itself is upper case.
    return value.strip().upper() if isinstance(value, str) else value


def _validate(code: str) -> str:
    error = credit_code_error(code)
    if error is not None:
        raise PydanticCustomError("credit_code", error)
    return code


# A schema field type: normalised, then refused with the reason when invalid.
CreditCode = Annotated[str, BeforeValidator(_normalise), AfterValidator(_validate)]
