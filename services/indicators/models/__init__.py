"""Every indicators table, imported here so the metadata (and Alembic) sees them all."""

from indicators.models.alerts import (
    Alert,
    AlertAction,
    AlertLog,
    AlertRule,
    AlertStatus,
    AlertSweep,
)
from indicators.models.assistance_copy import HappinessItemCopy, PlanCopy, VisitCopy
from indicators.models.base import IndicatorsTable, feed_cursor, metadata, outbox
from indicators.models.registry_copy import (
    Area,
    Cadre,
    CadreEntityLink,
    CollectiveIncome,
    Department,
    Entity,
    EntityFigures,
    EntityHouseholdLink,
    Household,
    IncomeRecord,
    IncomeSums,
    Member,
    Pairing,
)
from indicators.models.reported import ReportedValue
from indicators.models.targets import RankingSet, TargetValue

# The tables the registry feed fills, emptied by ``python -m indicators rebuild``.
REGISTRY_COPY = [
    Area,
    CollectiveIncome,
    Household,
    Member,
    IncomeRecord,
    IncomeSums,
    Entity,
    EntityFigures,
    Cadre,
    CadreEntityLink,
    EntityHouseholdLink,
    Pairing,
    Department,
]
# The tables the assistance feed fills, emptied when that copy is rebuilt.
ASSISTANCE_COPY = [VisitCopy, PlanCopy, HappinessItemCopy]

__all__ = [
    "ASSISTANCE_COPY",
    "REGISTRY_COPY",
    "Alert",
    "AlertAction",
    "AlertLog",
    "AlertRule",
    "AlertStatus",
    "AlertSweep",
    "Area",
    "Cadre",
    "CadreEntityLink",
    "CollectiveIncome",
    "Department",
    "Entity",
    "EntityFigures",
    "EntityHouseholdLink",
    "HappinessItemCopy",
    "Household",
    "IncomeRecord",
    "IncomeSums",
    "IndicatorsTable",
    "Member",
    "Pairing",
    "PlanCopy",
    "RankingSet",
    "ReportedValue",
    "TargetValue",
    "VisitCopy",
    "feed_cursor",
    "metadata",
    "outbox",
]
