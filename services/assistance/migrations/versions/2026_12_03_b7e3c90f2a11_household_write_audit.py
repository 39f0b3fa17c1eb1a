"""household: the assistance service's audit log of writes (kit.write_audit; issue 15)

Revision ID: b7e3c90f2a11
Revises: b3e1f0a7c915
Create Date: 2026-12-04 09:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import kit.db

revision: str = "b7e3c90f2a11"
down_revision: str | None = "b3e1f0a7c915"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    op.create_table(
        "audit_entry",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("at", kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("subject", sa.String(length=64), nullable=False),
        sa.Column("subject_name", sa.String(length=100), server_default="", nullable=False),
        sa.Column("roles", JSON, nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("resource", sa.String(length=40), nullable=False),
        sa.Column("resource_id", sa.String(length=64), nullable=False),
        sa.Column("fields", JSON, nullable=False),
        sa.Column("changes", JSON, nullable=False),
        sa.Column("area_code", sa.String(length=12), nullable=True),
        sa.Column("household_id", sa.String(length=64), nullable=True),
        sa.Column("request_id", sa.String(length=64), server_default="", nullable=False),
        sa.Column("reason", sa.String(length=200), server_default="", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entry")),
    )
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_entry_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_entry_subject"), ["subject"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_entry_area_code"), ["area_code"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_audit_entry_household_id"), ["household_id"], unique=False
        )
    op.create_index("ix_outbox_aggregate_id", "outbox", ["aggregate_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_outbox_aggregate_id", table_name="outbox")
    op.drop_table("audit_entry")
