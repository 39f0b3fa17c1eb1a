"""assistance attachment uploads: one row per uploader of a photo (issue 14, photos by reference)

The photo's single ``uploaded_by`` (its first uploader) becomes a row in ``attachment_upload``;
``attached_at`` is set where a visit the uploader logged already carries the photo.

Revision ID: 7c502f9bc354
Revises: 5fccdb1cdca9
Create Date: 2026-12-03 08:07:44.279968
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import kit.db

revision: str = "7c502f9bc354"
down_revision: str | None = "5fccdb1cdca9"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "attachment_upload",
        sa.Column("attachment_id", sa.String(length=64), nullable=False),
        sa.Column("uploaded_by", sa.String(length=100), nullable=False),
        sa.Column("created_at", kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("attached_at", kit.db.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("attachment_id", "uploaded_by", name=op.f("pk_attachment_upload")),
    )
    op.execute(
        sa.text(
            "INSERT INTO attachment_upload (attachment_id, uploaded_by, created_at, attached_at)"
            " SELECT a.id, a.uploaded_by, a.created_at,"
            " (SELECT MIN(v.created_at) FROM visit_photo vp JOIN visit v ON v.id = vp.visit_id"
            "  WHERE vp.attachment_id = a.id AND v.recorded_by = a.uploaded_by)"
            " FROM attachment a"
        )
    )
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.drop_column("uploaded_by")


def downgrade() -> None:
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("uploaded_by", sa.String(length=100), nullable=True))
    op.execute(
        sa.text(
            "UPDATE attachment SET uploaded_by = COALESCE("
            " (SELECT u.uploaded_by FROM attachment_upload u WHERE u.attachment_id = attachment.id"
            "  ORDER BY u.created_at, u.uploaded_by LIMIT 1), '')"
        )
    )
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.alter_column("uploaded_by", existing_type=sa.String(length=100), nullable=False)
    op.drop_table("attachment_upload")
