"""Quarterly income records (year to date) whose levels and growth follow the plan's figures.

The plan (DOMAIN.md, indicators 1, 3, 4) wants rural per-capita disposable income of about
34,700 yuan in 2025 growing 11 % a year, and low-income households' about 25,000 yuan growing
16 %. Each household's per-capita level is its category's level times a log-normal factor whose
mean is 1, so Σ income ÷ Σ residents lands on the level; the low tail leaves a few households under
the 13,000 line for the alerts to show. Records run 2025Q1..2026Q3 (the demo's "now").
"""

import math
import random
from dataclasses import dataclass

from registry.models.vocab import HouseholdCategory

# 2025 per-capita level (yuan), yearly growth (mean, spread) and the level's log spread.
# Small farmers sit above the rural figure because low-income households pull it down.
LEVEL_2025 = {HouseholdCategory.SMALL_FARMER: 37_300, HouseholdCategory.LOW_INCOME: 25_000}
GROWTH = {HouseholdCategory.SMALL_FARMER: (0.107, 0.05), HouseholdCategory.LOW_INCOME: (0.16, 0.05)}
LOG_SPREAD = {HouseholdCategory.SMALL_FARMER: 0.35, HouseholdCategory.LOW_INCOME: 0.28}
# Shares of the year's income: wage, net operating, net property, net transfer.
COMPONENTS = {
    HouseholdCategory.SMALL_FARMER: (0.58, 0.28, 0.03, 0.11),
    HouseholdCategory.LOW_INCOME: (0.38, 0.17, 0.02, 0.43),
}
# How much of the year's income has come in by the end of each quarter (harvests come late).
YEAR_TO_DATE = (0.23, 0.48, 0.74, 1.0)
PERIODS = [(2025, 1), (2025, 2), (2025, 3), (2025, 4), (2026, 1), (2026, 2), (2026, 3)]
COLUMNS = ("wage_fen", "operating_fen", "property_fen", "transfer_fen")


@dataclass(frozen=True)
class Period:
    year: int
    quarter: int
    fen: tuple[int, int, int, int]  # year to date, in the order of COLUMNS


def yearly_per_capita(rng: random.Random, category: HouseholdCategory) -> float:
    """A household's 2025 per-capita income in yuan: log-normal around its category's level."""
    spread = LOG_SPREAD[category]
    return LEVEL_2025[category] * math.exp(rng.gauss(-spread * spread / 2, spread))


def periods(rng: random.Random, category: HouseholdCategory, residents: int) -> list[Period]:
    """The household's records, each quarter's year-to-date figures above the last one's."""
    yearly = yearly_per_capita(rng, category) * residents * 100  # fen
    mean, spread = GROWTH[category]
    growth = 1 + rng.gauss(mean, spread)
    shares = _split(rng, COMPONENTS[category])
    result = []
    for year, quarter in PERIODS:
        total = yearly * (growth if year == 2026 else 1.0) * YEAR_TO_DATE[quarter - 1]
        fen = [int(total * share) for share in shares]
        result.append(Period(year, quarter, (fen[0], fen[1], fen[2], fen[3])))
    return result


def _split(rng: random.Random, typical: tuple[float, ...]) -> list[float]:
    """The household's own component shares: the category's, each varied, summing to 1."""
    varied = [share * rng.uniform(0.5, 1.5) for share in typical]
    whole = sum(varied)
    return [share / whole for share in varied]
