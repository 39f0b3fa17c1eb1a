"""The assistance service's own table base and metadata (kept apart from other services')."""

from sqlalchemy.orm import registry
from sqlmodel import SQLModel

from kit.db import new_metadata
from kit.outbox import feed_cursor_table, outbox_table
from kit.write_audit import audit_table, outbox_lookup_index

metadata = new_metadata()
outbox = outbox_table(metadata)
feed_cursor = feed_cursor_table(metadata)
# Who changed which fields of a visit, plan, happiness item or need (kit.write_audit), and how
# it finds a record's state before a write: its last outbox event.
audit_entry = audit_table(metadata)
outbox_by_aggregate = outbox_lookup_index(outbox)


class AssistanceTable(SQLModel, registry=registry(metadata=metadata)):
    pass
