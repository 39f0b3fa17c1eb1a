"""search: needs given to a registry department; the registry's departments copied here

Departments were skipped by the registry feed consumer until now, so the consumer reads the
registry feed again from its start: every event applies only when newer than the copy's row, so
the households, pairings and cadres already copied are left as they are.

Revision ID: a1d3e5f7b9c2
Revises: b7e3c90f2a11
Create Date: 2026-12-03 13:50:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import kit.db

revision: str = "a1d3e5f7b9c2"
down_revision: str | None = "b7e3c90f2a11"
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
        sa.Column("synced_at", kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_department")),
    )
    with op.batch_alter_table("need", schema=None) as batch_op:
        batch_op.add_column(sa.Column("responsible_department_id", sa.Uuid(), nullable=True))
    op.execute("DELETE FROM feed_cursor WHERE feed = 'registry'")


def downgrade() -> None:
    with op.batch_alter_table("need", schema=None) as batch_op:
        batch_op.drop_column("responsible_department_id")
    op.drop_table("department")
