"""How an actual compares with its target: the completion rate of the progress tables and the
score townships are ranked by (docs/architecture.md, "Targets, progress and rankings").

Both work in the measure's shown unit (yuan, a count, percentage points, times), exactly:
- higher is better, target > 0: actual ÷ target (1 on target, above 1 beyond it);
- higher is better, target ≤ 0: 1 when the target is met, else 0;
- lower is better: (target + 1) ÷ (actual + 1), so a zero target still ranks 0 households
  (score 1) above 1 (½) above 3 (¼), and a share of 0.5 % (1 ÷ 1.5) above 2 % (⅓).
No actual, no score.
"""

from decimal import Decimal
from fractions import Fraction

from indicators.catalogue.definitions import Direction, Unit
from indicators.values.exact import round_half_up


def in_shown_unit(value: Fraction, unit: Unit) -> Fraction:
    return value * 100 if unit is Unit.PERCENT else value


def completion(
    actual: Fraction | None, target: Decimal, unit: Unit, direction: Direction
) -> Fraction | None:
    if actual is None:
        return None
    shown, goal = in_shown_unit(actual, unit), Fraction(target)
    if direction is Direction.LOWER:
        return (goal + 1) / (shown + 1) if shown > -1 else None
    if goal > 0:
        return shown / goal
    return Fraction(1 if shown >= goal else 0)


def met(actual: Fraction | None, target: Decimal, unit: Unit, comparison: str) -> bool | None:
    """Whether the actual meets the target by the catalogue's comparison, exactly."""
    if actual is None:
        return None
    shown, goal = in_shown_unit(actual, unit), Fraction(target)
    return {
        ">=": shown >= goal,
        ">": shown > goal,
        "<=": shown <= goal,
        "<": shown < goal,
        "=": shown == goal,
    }[comparison]


def rate_text(value: Fraction | None) -> str | None:
    """A completion rate or score as shown: a percentage to 0.01, half up."""
    return None if value is None else str(round_half_up(value * 100, 2))
