"""assistance visits flags (issue 15, helper visits): far_from_home unknown without a distance;
late_entry by the new rule (more than 3 days after the visit's day, or in a later month)

``far_from_home`` becomes nullable and NULL where ``distance_m`` is (no GPS point or no home
position: neither near nor far). ``late_entry`` is recomputed for every stored visit from its
``occurred_at`` and ``created_at`` with the default ``late_days`` (3), as visits/flags.py does.

Revision ID: b3e1f0a7c915
Revises: 7c502f9bc354
Create Date: 2026-12-03 13:40:00
"""

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from alembic import op

revision: str = "b3e1f0a7c915"
down_revision: str | None = "7c502f9bc354"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LATE_DAYS = 3  # the setting's default when this ran
SHANGHAI = timedelta(hours=8)  # Asia/Shanghai has kept +08:00 since 1991


def _local_day(moment: datetime | str) -> tuple[int, int, int]:
    if isinstance(moment, str):  # SQLite hands back text
        moment = datetime.fromisoformat(moment)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    day = (moment.astimezone(UTC) + SHANGHAI).date()
    return day.year, day.month, day.toordinal()


def _late(occurred_at: datetime | str, created_at: datetime | str) -> bool:
    oy, om, od = _local_day(occurred_at)
    ry, rm, rd = _local_day(created_at)
    return (ry, rm) > (oy, om) or rd - od > LATE_DAYS


def upgrade() -> None:
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.alter_column("far_from_home", existing_type=sa.Boolean(), nullable=True)
    op.execute(sa.text("UPDATE visit SET far_from_home = NULL WHERE distance_m IS NULL"))
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, occurred_at, created_at, late_entry FROM visit"))
    late, on_time = [], []
    for visit_id, occurred_at, created_at, was_late in rows:
        now_late = _late(occurred_at, created_at)
        if now_late != bool(was_late):
            (late if now_late else on_time).append(visit_id)
    update = sa.text("UPDATE visit SET late_entry = :late WHERE id = :id")
    for ids, value in ((late, True), (on_time, False)):
        if ids:
            bind.execute(update, [{"late": value, "id": visit_id} for visit_id in ids])


def downgrade() -> None:
    op.execute(sa.text("UPDATE visit SET far_from_home = FALSE WHERE far_from_home IS NULL"))
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.alter_column("far_from_home", existing_type=sa.Boolean(), nullable=False)
