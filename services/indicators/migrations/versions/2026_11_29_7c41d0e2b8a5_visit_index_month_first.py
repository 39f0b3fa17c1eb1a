"""visit index month first: one month's visits sit together for the six ones' probes

Revision ID: 7c41d0e2b8a5
Revises: 5a3e7c1d9b42
Create Date: 2026-11-29 09:00:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "7c41d0e2b8a5"
down_revision: str | None = "5a3e7c1d9b42"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.drop_index("ix_visit_household_month")
        batch_op.create_index("ix_visit_month_household", ["month", "household_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.drop_index("ix_visit_month_household")
        batch_op.create_index("ix_visit_household_month", ["household_id", "month"], unique=False)
