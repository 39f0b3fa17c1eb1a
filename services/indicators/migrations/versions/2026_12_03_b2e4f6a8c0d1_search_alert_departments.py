"""search: alerts given to a department; the registry's departments copied here

Departments were skipped by the registry feed consumer until now, so the consumer reads the
registry feed again from its start: every event applies only when newer than the copy's row,
so what is already copied is left as it is.

Revision ID: b2e4f6a8c0d1
Revises: 7c41d0e2b8a5
Create Date: 2026-12-03 14:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "b2e4f6a8c0d1"
down_revision: str | None = "7c41d0e2b8a5"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "department",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("area_code", sa.String(length=12), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_department")),
    )
    with op.batch_alter_table("alert", schema=None) as batch_op:
        batch_op.add_column(sa.Column("department_id", sa.Uuid(), nullable=True))
        batch_op.create_index(batch_op.f("ix_alert_department_id"), ["department_id"])
    with op.batch_alter_table("alert_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("department_id", sa.Uuid(), nullable=True))
    op.execute("DELETE FROM feed_cursor WHERE feed = 'registry'")


def downgrade() -> None:
    with op.batch_alter_table("alert_log", schema=None) as batch_op:
        batch_op.drop_column("department_id")
    with op.batch_alter_table("alert", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alert_department_id"))
        batch_op.drop_column("department_id")
    op.drop_table("department")
