"""Every assistance table, imported here so the metadata (and Alembic) sees them all."""

from assistance.models.base import AssistanceTable, audit_entry, feed_cursor, metadata, outbox
from assistance.models.happiness import HappinessItem
from assistance.models.needs import Need
from assistance.models.plans import MeasureType, Plan
from assistance.models.registry_copy import Cadre, Department, Household, Pairing
from assistance.models.visits import Attachment, AttachmentUpload, Visit, VisitPhoto

__all__ = [
    "AssistanceTable",
    "Attachment",
    "AttachmentUpload",
    "Cadre",
    "Department",
    "HappinessItem",
    "Household",
    "MeasureType",
    "Need",
    "Pairing",
    "Plan",
    "Visit",
    "VisitPhoto",
    "audit_entry",
    "feed_cursor",
    "metadata",
    "outbox",
]
