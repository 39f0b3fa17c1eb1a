"""Money: exact decimals in yuan, sent as JSON strings (``"12345.67"``), stored as integer fen."""

import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, PlainSerializer
from pydantic_core import PydanticCustomError

CENT = Decimal("0.01")
# Plain decimal notation only: Decimal also reads "1e5", "NaN" and "Infinity", which no office
# writes for an amount and which would slip past the digit limits.
_PLAIN = re.compile(r"^-?\d+(\.\d+)?$")


def no_floats(value: Any) -> Any:
    """Refuse a JSON number (a float has already lost exactness) and any string that is not a
    plain decimal; ask for the promised string."""
    if isinstance(value, float):
        raise PydanticCustomError(
            "money_string",
            '数额请用字符串，例如 "12.34" / send the amount as a string like "12.34"',
        )
    if isinstance(value, str) and not _PLAIN.match(value.strip()):
        raise PydanticCustomError(
            "money_format", '请用普通小数写法，例如 "12.34" / write a plain decimal like "12.34"'
        )
    return value


Money = Annotated[
    Decimal,
    BeforeValidator(no_floats),
    Field(max_digits=14, decimal_places=2, examples=["12345.67"]),
    PlainSerializer(lambda d: str(d.quantize(CENT)), return_type=str, when_used="json"),
]
NonNegativeMoney = Annotated[Money, Field(ge=0)]
# A sum of amounts, only ever answered: exact, and as long as it comes (the sum of many amounts
# may have more digits than one amount may).
MoneyTotal = Annotated[
    Decimal,
    Field(examples=["12345.67"]),
    PlainSerializer(lambda d: str(d.quantize(CENT)), return_type=str, when_used="json"),
]


def to_fen(amount: Decimal) -> int:
    return int((amount * 100).to_integral_value())


def from_fen(fen: int) -> Decimal:
    return (Decimal(fen) / 100).quantize(CENT)


def round_yuan(amount: Decimal) -> Decimal:
    """Display rounding: half up to the fen."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)
