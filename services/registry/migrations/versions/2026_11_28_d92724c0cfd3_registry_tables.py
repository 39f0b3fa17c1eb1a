"""registry tables

Revision ID: d92724c0cfd3
Revises:
Create Date: 2026-11-28 16:44:36.362184
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import kit.db
from sqlalchemy.dialects import postgresql

revision: str = "d92724c0cfd3"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "area",
        sa.Column("code", sa.String(length=12), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("level", sa.String(length=10), nullable=False),
        sa.Column("parent_code", sa.String(), nullable=True),
        sa.Column("edition", sa.Integer(), nullable=False),
        sa.Column("size_class", sa.String(length=10), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["parent_code"], ["area.code"], name=op.f("fk_area_parent_code_area")
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_area")),
    )
    with op.batch_alter_table("area", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_area_parent_code"), ["parent_code"], unique=False)

    op.create_table(
        "audit_entry",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("at", kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("subject", sa.String(length=64), nullable=False),
        sa.Column(
            "roles",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("resource", sa.String(length=40), nullable=False),
        sa.Column("resource_id", sa.String(length=64), nullable=False),
        sa.Column(
            "fields",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("request_id", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entry")),
    )
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_entry_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_entry_subject"), ["subject"], unique=False)

    op.create_table(
        "machine_client",
        sa.Column("client_id", sa.String(length=60), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("secret_hash", sa.String(length=200), nullable=False),
        sa.Column(
            "roles",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("scopes", sa.String(length=200), nullable=False),
        sa.Column("area_code", sa.String(length=12), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("client_id", name=op.f("pk_machine_client")),
    )
    op.create_table(
        "outbox",
        sa.Column(
            "seq",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("type", sa.String(length=64), nullable=False),
        sa.Column("aggregate", sa.String(length=40), nullable=False),
        sa.Column("aggregate_id", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("occurred_at", kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("area_code", sa.String(length=12), nullable=True),
        sa.Column(
            "data",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_outbox")),
        sa.UniqueConstraint("id", name=op.f("uq_outbox_id")),
    )
    op.create_table(
        "collective_income",
        sa.Column("area_code", sa.String(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("operating_income_fen", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["area_code"],
            ["area.code"],
            name=op.f("fk_collective_income_area_code_area"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("area_code", "year", name=op.f("pk_collective_income")),
    )
    op.create_table(
        "department",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("area_code", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["area_code"], ["area.code"], name=op.f("fk_department_area_code_area")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_department")),
        sa.UniqueConstraint("name", name=op.f("uq_department_name")),
    )
    with op.batch_alter_table("department", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_department_area_code"), ["area_code"], unique=False)

    op.create_table(
        "entity",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("type", sa.String(length=24), nullable=False),
        sa.Column("enterprise_level", sa.String(length=12), nullable=True),
        sa.Column("credit_code", sa.String(length=18), nullable=True),
        sa.Column("village_code", sa.String(), nullable=False),
        sa.Column("industry", sa.String(length=24), nullable=False),
        sa.Column("cultivated_year", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=14), nullable=False),
        sa.Column("quality_grade", sa.String(length=12), nullable=False),
        sa.Column("nhl_member", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["village_code"], ["area.code"], name=op.f("fk_entity_village_code_area")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entity")),
        sa.UniqueConstraint("credit_code", name=op.f("uq_entity_credit_code")),
    )
    with op.batch_alter_table("entity", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_entity_type"), ["type"], unique=False)
        batch_op.create_index(batch_op.f("ix_entity_village_code"), ["village_code"], unique=False)

    op.create_table(
        "household",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("village_code", sa.String(), nullable=False),
        sa.Column("category", sa.String(length=14), nullable=False),
        sa.Column("low_income_subtype", sa.String(length=24), nullable=True),
        sa.Column("monitoring_type", sa.String(length=20), nullable=True),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["village_code"], ["area.code"], name=op.f("fk_household_village_code_area")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_household")),
    )
    with op.batch_alter_table("household", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_household_category"), ["category"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_household_village_code"), ["village_code"], unique=False
        )

    op.create_table(
        "cadre",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("department_id", sa.Uuid(), nullable=True),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column(
            "skills",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("home_area_code", sa.String(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["department_id"], ["department.id"], name=op.f("fk_cadre_department_id_department")
        ),
        sa.ForeignKeyConstraint(
            ["home_area_code"], ["area.code"], name=op.f("fk_cadre_home_area_code_area")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cadre")),
    )
    with op.batch_alter_table("cadre", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cadre_department_id"), ["department_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_cadre_home_area_code"), ["home_area_code"], unique=False
        )

    op.create_table(
        "category_change",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("household_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("category", sa.String(length=14), nullable=False),
        sa.Column("low_income_subtype", sa.String(length=24), nullable=True),
        sa.Column("changed_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
            name=op.f("fk_category_change_household_id_household"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_category_change")),
    )
    with op.batch_alter_table("category_change", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_category_change_household_id"), ["household_id"], unique=False
        )

    op.create_table(
        "entity_figures",
        sa.Column("entity_id", sa.Uuid(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("jobs_created", sa.Integer(), nullable=True),
        sa.Column("online_sales_fen", sa.Integer(), nullable=True),
        sa.Column("processing_fees_fen", sa.Integer(), nullable=True),
        sa.Column("processing_workforce", sa.Integer(), nullable=True),
        sa.Column("members", sa.Integer(), nullable=True),
        sa.Column("farmers_linked", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["entity_id"],
            ["entity.id"],
            name=op.f("fk_entity_figures_entity_id_entity"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("entity_id", "year", name=op.f("pk_entity_figures")),
    )
    op.create_table(
        "entity_household_link",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("entity_id", sa.Uuid(), nullable=False),
        sa.Column("household_id", sa.Uuid(), nullable=False),
        sa.Column("mode", sa.String(length=24), nullable=False),
        sa.ForeignKeyConstraint(
            ["entity_id"], ["entity.id"], name=op.f("fk_entity_household_link_entity_id_entity")
        ),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
            name=op.f("fk_entity_household_link_household_id_household"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entity_household_link")),
    )
    with op.batch_alter_table("entity_household_link", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_entity_household_link_entity_id"), ["entity_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_entity_household_link_household_id"), ["household_id"], unique=False
        )
        batch_op.create_index(
            "uq_entity_household_link_active",
            ["entity_id", "household_id"],
            unique=True,
            postgresql_where=sa.text("ended_on IS NULL"),
            sqlite_where=sa.text("ended_on IS NULL"),
        )

    op.create_table(
        "income_record",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("household_id", sa.Uuid(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("quarter", sa.Integer(), nullable=False),
        sa.Column("wage_fen", sa.Integer(), nullable=False),
        sa.Column("operating_fen", sa.Integer(), nullable=False),
        sa.Column("property_fen", sa.Integer(), nullable=False),
        sa.Column("transfer_fen", sa.Integer(), nullable=False),
        sa.Column("resident_count", sa.Integer(), nullable=False),
        sa.Column("village_code", sa.String(), nullable=False),
        sa.Column("category", sa.String(length=14), nullable=False),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
            name=op.f("fk_income_record_household_id_household"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["village_code"], ["area.code"], name=op.f("fk_income_record_village_code_area")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_income_record")),
        sa.UniqueConstraint(
            "household_id",
            "year",
            "quarter",
            name=op.f("uq_income_record_household_id_year_quarter"),
        ),
    )
    with op.batch_alter_table("income_record", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_income_record_household_id"), ["household_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_income_record_village_code"), ["village_code"], unique=False
        )

    op.create_table(
        "member",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("household_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("id_number", sa.String(length=18), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.Column("sex", sa.String(length=6), nullable=False),
        sa.Column("relation", sa.String(length=14), nullable=False),
        sa.Column("resident", sa.Boolean(), nullable=False),
        sa.Column("labour_ability", sa.String(length=8), nullable=False),
        sa.Column("health", sa.String(length=16), nullable=False),
        sa.Column("employment", sa.String(length=14), nullable=False),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
            name=op.f("fk_member_household_id_household"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member")),
        sa.UniqueConstraint("id_number", name=op.f("uq_member_id_number")),
    )
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_member_household_id"), ["household_id"], unique=False)

    op.create_table(
        "app_user",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("username", sa.String(length=40), nullable=False),
        sa.Column("display_name", sa.String(length=40), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column(
            "roles",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("area_code", sa.String(length=12), nullable=False),
        sa.Column("cadre_id", sa.Uuid(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cadre_id"], ["cadre.id"], name=op.f("fk_app_user_cadre_id_cadre")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_app_user")),
        sa.UniqueConstraint("cadre_id", name=op.f("uq_app_user_cadre_id")),
        sa.UniqueConstraint("username", name=op.f("uq_app_user_username")),
    )
    op.create_table(
        "cadre_entity_link",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("cadre_id", sa.Uuid(), nullable=False),
        sa.Column("entity_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cadre_id"], ["cadre.id"], name=op.f("fk_cadre_entity_link_cadre_id_cadre")
        ),
        sa.ForeignKeyConstraint(
            ["entity_id"], ["entity.id"], name=op.f("fk_cadre_entity_link_entity_id_entity")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cadre_entity_link")),
    )
    with op.batch_alter_table("cadre_entity_link", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_cadre_entity_link_cadre_id"), ["cadre_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_cadre_entity_link_entity_id"), ["entity_id"], unique=False
        )
        batch_op.create_index(
            "uq_cadre_entity_link_active_cadre",
            ["cadre_id"],
            unique=True,
            postgresql_where=sa.text("ended_on IS NULL"),
            sqlite_where=sa.text("ended_on IS NULL"),
        )

    op.create_table(
        "pairing",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("cadre_id", sa.Uuid(), nullable=False),
        sa.Column("household_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(["cadre_id"], ["cadre.id"], name=op.f("fk_pairing_cadre_id_cadre")),
        sa.ForeignKeyConstraint(
            ["household_id"], ["household.id"], name=op.f("fk_pairing_household_id_household")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pairing")),
    )
    with op.batch_alter_table("pairing", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pairing_cadre_id"), ["cadre_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_pairing_household_id"), ["household_id"], unique=False)
        batch_op.create_index(
            "uq_pairing_active_household",
            ["household_id"],
            unique=True,
            postgresql_where=sa.text("ended_on IS NULL"),
            sqlite_where=sa.text("ended_on IS NULL"),
        )


def downgrade() -> None:

    with op.batch_alter_table("pairing", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_pairing_active_household",
            postgresql_where=sa.text("ended_on IS NULL"),
            sqlite_where=sa.text("ended_on IS NULL"),
        )
        batch_op.drop_index(batch_op.f("ix_pairing_household_id"))
        batch_op.drop_index(batch_op.f("ix_pairing_cadre_id"))

    op.drop_table("pairing")
    with op.batch_alter_table("cadre_entity_link", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_cadre_entity_link_active_cadre",
            postgresql_where=sa.text("ended_on IS NULL"),
            sqlite_where=sa.text("ended_on IS NULL"),
        )
        batch_op.drop_index(batch_op.f("ix_cadre_entity_link_entity_id"))
        batch_op.drop_index(batch_op.f("ix_cadre_entity_link_cadre_id"))

    op.drop_table("cadre_entity_link")
    op.drop_table("app_user")
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_member_household_id"))

    op.drop_table("member")
    with op.batch_alter_table("income_record", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_income_record_village_code"))
        batch_op.drop_index(batch_op.f("ix_income_record_household_id"))

    op.drop_table("income_record")
    with op.batch_alter_table("entity_household_link", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_entity_household_link_active",
            postgresql_where=sa.text("ended_on IS NULL"),
            sqlite_where=sa.text("ended_on IS NULL"),
        )
        batch_op.drop_index(batch_op.f("ix_entity_household_link_household_id"))
        batch_op.drop_index(batch_op.f("ix_entity_household_link_entity_id"))

    op.drop_table("entity_household_link")
    op.drop_table("entity_figures")
    with op.batch_alter_table("category_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_category_change_household_id"))

    op.drop_table("category_change")
    with op.batch_alter_table("cadre", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cadre_home_area_code"))
        batch_op.drop_index(batch_op.f("ix_cadre_department_id"))

    op.drop_table("cadre")
    with op.batch_alter_table("household", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_household_village_code"))
        batch_op.drop_index(batch_op.f("ix_household_category"))

    op.drop_table("household")
    with op.batch_alter_table("entity", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_entity_village_code"))
        batch_op.drop_index(batch_op.f("ix_entity_type"))

    op.drop_table("entity")
    with op.batch_alter_table("department", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_department_area_code"))

    op.drop_table("department")
    op.drop_table("collective_income")
    op.drop_table("outbox")
    op.drop_table("machine_client")
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_entry_subject"))
        batch_op.drop_index(batch_op.f("ix_audit_entry_at"))

    op.drop_table("audit_entry")
    with op.batch_alter_table("area", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_area_parent_code"))

    op.drop_table("area")
