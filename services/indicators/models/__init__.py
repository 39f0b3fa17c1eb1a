"""Every indicators table, imported here so the metadata (and Alembic) sees them all."""

from indicators.models.base import IndicatorsTable, feed_cursor, metadata, outbox
from indicators.models.registry_copy import (
    Area,
    Cadre,
    CadreEntityLink,
    CollectiveIncome,
    Entity,
    EntityFigures,
    EntityHouseholdLink,
    Household,
    IncomeRecord,
    Member,
    Pairing,
)
from indicators.models.reported import ReportedValue

# The tables the registry feed fills, emptied by ``python -m indicators rebuild``.
READ_MODEL = [
    Area,
    CollectiveIncome,
    Household,
    Member,
    IncomeRecord,
    Entity,
    EntityFigures,
    Cadre,
    CadreEntityLink,
    EntityHouseholdLink,
    Pairing,
]

__all__ = [
    "READ_MODEL",
    "Area",
    "Cadre",
    "CadreEntityLink",
    "CollectiveIncome",
    "Entity",
    "EntityFigures",
    "EntityHouseholdLink",
    "Household",
    "IncomeRecord",
    "IndicatorsTable",
    "Member",
    "Pairing",
    "ReportedValue",
    "feed_cursor",
    "metadata",
    "outbox",
]
