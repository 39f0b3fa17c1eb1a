"""household: every write in the audit log (kit.write_audit; issue 15)

The audit entry gains the writer's name, the changed fields' old and new values, the area and
the household it concerns; the outbox gains an index to find an aggregate's last state.

Revision ID: a1d17e0b5c01
Revises: 48a71c21c699
Create Date: 2026-12-04 09:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "a1d17e0b5c01"
down_revision: str | None = "48a71c21c699"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("subject_name", sa.String(length=100), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("changes", JSON, nullable=False, server_default=sa.text("'[]'"))
        )
        batch_op.add_column(sa.Column("area_code", sa.String(length=12), nullable=True))
        batch_op.add_column(sa.Column("household_id", sa.String(length=64), nullable=True))
        batch_op.create_index(batch_op.f("ix_audit_entry_area_code"), ["area_code"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_audit_entry_household_id"), ["household_id"], unique=False
        )
    op.create_index("ix_outbox_aggregate_id", "outbox", ["aggregate_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_outbox_aggregate_id", table_name="outbox")
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_entry_household_id"))
        batch_op.drop_index(batch_op.f("ix_audit_entry_area_code"))
        batch_op.drop_column("household_id")
        batch_op.drop_column("area_code")
        batch_op.drop_column("changes")
        batch_op.drop_column("subject_name")
