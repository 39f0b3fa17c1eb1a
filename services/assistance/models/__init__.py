"""Every assistance table, imported here so the metadata (and Alembic) sees them all."""

from assistance.models.base import AssistanceTable, feed_cursor, metadata, outbox
from assistance.models.registry_copy import Cadre, Household, Pairing
from assistance.models.visits import Attachment, Visit, VisitPhoto

__all__ = [
    "AssistanceTable",
    "Attachment",
    "Cadre",
    "Household",
    "Pairing",
    "Visit",
    "VisitPhoto",
    "feed_cursor",
    "metadata",
    "outbox",
]
