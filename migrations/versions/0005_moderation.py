"""moderation: audit log, reports, warnings, restrictions, site settings; pending and
front-page pins on threads and posts

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26 18:57:20.518990

"""

from alembic import op
import sqlalchemy as sa

import cop.models  # noqa: F401 -- the project's column types


# revision identifiers, used by Alembic.
revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "site_settings",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.Column("updated_at", cop.models.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_site_settings")),
    )
    op.create_table(
        "member_restrictions",
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("suspended_until", cop.models.UTCDateTime(timezone=True), nullable=True),
        sa.Column("suspension_reason", sa.Text(), nullable=False),
        sa.Column("is_banned", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("ban_reason", sa.Text(), nullable=False),
        sa.Column("unread_warnings", sa.Integer(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_member_restrictions_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("member_id", name=op.f("pk_member_restrictions")),
    )
    op.create_table(
        "member_warnings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("created_at", cop.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("acknowledged_at", cop.models.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["members.id"],
            name=op.f("fk_member_warnings_actor_id_members"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_member_warnings_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member_warnings")),
    )
    with op.batch_alter_table("member_warnings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_member_warnings_member_id"), ["member_id"], unique=False
        )

    op.create_table(
        "moderation_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("actor_name", sa.String(length=80), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("target_type", sa.String(length=20), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=True),
        sa.Column("target_label", sa.String(length=200), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("created_at", cop.models.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["members.id"],
            name=op.f("fk_moderation_events_actor_id_members"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_moderation_events")),
    )
    with op.batch_alter_table("moderation_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_moderation_events_action"), ["action"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_moderation_events_actor_id"), ["actor_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_moderation_events_created_at"), ["created_at"], unique=False
        )
        batch_op.create_index(
            "ix_moderation_events_target", ["target_type", "target_id"], unique=False
        )

    op.create_table(
        "moderator_languages",
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=10), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_moderator_languages_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("member_id", "code", name=op.f("pk_moderator_languages")),
    )
    op.create_table(
        "reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reporter_id", sa.Integer(), nullable=True),
        sa.Column("target_type", sa.String(length=20), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("language", sa.String(length=10), nullable=True),
        sa.Column("category_id", sa.Integer(), nullable=True),
        sa.Column("target_label", sa.String(length=200), nullable=False),
        sa.Column("reason", sa.String(length=24), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("resolved_by_id", sa.Integer(), nullable=True),
        sa.Column("resolution_note", sa.Text(), nullable=False),
        sa.Column("created_at", cop.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", cop.models.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["members.id"],
            name=op.f("fk_reports_author_id_members"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["category_id"],
            ["categories.id"],
            name=op.f("fk_reports_category_id_categories"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["reporter_id"],
            ["members.id"],
            name=op.f("fk_reports_reporter_id_members"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["resolved_by_id"],
            ["members.id"],
            name=op.f("fk_reports_resolved_by_id_members"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reports")),
        sa.UniqueConstraint(
            "reporter_id", "target_type", "target_id", name=op.f("uq_reports_reporter_id")
        ),
    )
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reports_author_id"), ["author_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_reports_language"), ["language"], unique=False)
        batch_op.create_index("ix_reports_state_created", ["state", "created_at"], unique=False)

    with op.batch_alter_table("posts", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("is_pending", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(sa.Column("moderation_reason", sa.Text(), nullable=True))

    with op.batch_alter_table("threads", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("is_pending", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(
            sa.Column("is_pinned_globally", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(sa.Column("moderation_reason", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("merged_into_id", sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table("threads", schema=None) as batch_op:
        batch_op.drop_column("merged_into_id")
        batch_op.drop_column("moderation_reason")
        batch_op.drop_column("is_pinned_globally")
        batch_op.drop_column("is_pending")

    with op.batch_alter_table("posts", schema=None) as batch_op:
        batch_op.drop_column("moderation_reason")
        batch_op.drop_column("is_pending")

    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.drop_index("ix_reports_state_created")
        batch_op.drop_index(batch_op.f("ix_reports_language"))
        batch_op.drop_index(batch_op.f("ix_reports_author_id"))

    op.drop_table("reports")
    op.drop_table("moderator_languages")
    with op.batch_alter_table("moderation_events", schema=None) as batch_op:
        batch_op.drop_index("ix_moderation_events_target")
        batch_op.drop_index(batch_op.f("ix_moderation_events_created_at"))
        batch_op.drop_index(batch_op.f("ix_moderation_events_actor_id"))
        batch_op.drop_index(batch_op.f("ix_moderation_events_action"))

    op.drop_table("moderation_events")
    with op.batch_alter_table("member_warnings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_member_warnings_member_id"))

    op.drop_table("member_warnings")
    op.drop_table("member_restrictions")
    op.drop_table("site_settings")
