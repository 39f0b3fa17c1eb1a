"""Exact arithmetic for indicator figures: sums come from SQL as integers (fen, people,
households), every quotient is a Fraction, and rounding happens once, half up, when shown."""

from decimal import Decimal
from fractions import Fraction

from indicators.catalogue.definitions import Unit

Number = Fraction | int


def ratio(numerator: Number, denominator: Number) -> Fraction | None:
    """numerator ÷ denominator, or None when there is nothing to divide by."""
    return None if denominator == 0 else Fraction(numerator) / Fraction(denominator)


def growth(current: Fraction | None, earlier: Fraction | None) -> Fraction | None:
    """current ÷ earlier − 1; None without both figures or when earlier is zero."""
    if current is None or earlier is None or earlier == 0:
        return None
    return current / earlier - 1


def yuan(fen: int) -> Fraction:
    return Fraction(fen, 100)


def round_half_up(value: Fraction, places: int) -> Decimal:
    """Half away from zero, as Decimal's ROUND_HALF_UP: 0.125 → 0.13, −0.125 → −0.13."""
    scaled = abs(value) * 10**places
    units = int(scaled + Fraction(1, 2))  # int() truncates a non-negative value: the floor
    sign = -1 if value < 0 else 1
    return Decimal(sign * units).scaleb(-places)


def shown(value: Fraction | None, unit: Unit) -> str | None:
    """How a figure is shown: money to 0.01 yuan, a share or growth as a percentage to 0.01,
    a ratio to 0.01, a count whole."""
    if value is None:
        return None
    if unit is Unit.PERCENT:
        return str(round_half_up(value * 100, 2))
    if unit is Unit.COUNT and value.denominator == 1:
        return str(value.numerator)
    return str(round_half_up(value, 2))


def plain(value: Number | None) -> str | None:
    """A numerator or denominator: whole numbers as they are, money to the fen (exact for a
    sum of fen; a per-capita figure shown beside a growth rate is rounded there)."""
    if value is None:
        return None
    value = Fraction(value)
    return str(value.numerator) if value.denominator == 1 else str(round_half_up(value, 2))
