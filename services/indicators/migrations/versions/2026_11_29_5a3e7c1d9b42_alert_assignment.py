"""alert assignment: an officer names the cadre who handles an alert

Revision ID: 5a3e7c1d9b42
Revises: 1259cc3b0124
Create Date: 2026-11-29 08:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5a3e7c1d9b42"
down_revision: str | None = "1259cc3b0124"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("alert", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("assigned", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    with op.batch_alter_table("alert_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("cadre_id", sa.Uuid(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("alert_log", schema=None) as batch_op:
        batch_op.drop_column("cadre_id")
    with op.batch_alter_table("alert", schema=None) as batch_op:
        batch_op.drop_column("assigned")
