"""translations of content (issue 12)

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-03 15:50:00

Members' and machines' translations of posts, thread titles, resources and tables'
descriptions, and the revisions of the members' ones. New, empty tables.
"""

import sqlalchemy as sa
from alembic import op

import cop.models

# revision identifiers, used by Alembic.
revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None


def _timestamp(name: str, *, nullable: bool = False) -> sa.Column:
    if nullable:
        return sa.Column(name, cop.models.UTCDateTime(), nullable=True)
    return sa.Column(
        name,
        cop.models.UTCDateTime(),
        server_default=sa.text("(CURRENT_TIMESTAMP)"),
        nullable=False,
    )


def upgrade():
    op.create_table(
        "content_translations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("object_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=10), nullable=False),
        sa.Column("origin", sa.String(length=10), server_default="member", nullable=False),
        sa.Column("provider", sa.String(length=40), nullable=True),
        sa.Column("title", sa.String(length=300), nullable=True),
        sa.Column("body_source", sa.Text(), server_default="", nullable=False),
        sa.Column("body_html", sa.Text(), server_default="", nullable=False),
        sa.Column("policy_version", sa.Integer(), server_default="0", nullable=False),
        sa.Column("source_digest", sa.String(length=64), nullable=False),
        sa.Column("translator_id", sa.Integer(), nullable=True),
        sa.Column("last_editor_id", sa.Integer(), nullable=True),
        _timestamp("created_at"),
        _timestamp("edited_at", nullable=True),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("is_hidden", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("moderation_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["translator_id"],
            ["members.id"],
            name=op.f("fk_content_translations_translator_id_members"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["last_editor_id"],
            ["members.id"],
            name=op.f("fk_content_translations_last_editor_id_members"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_content_translations")),
        sa.UniqueConstraint(
            "kind",
            "object_id",
            "language",
            "origin",
            "source_digest",
            name=op.f("uq_content_translations_kind"),
        ),
    )
    op.create_index(
        "ix_content_translations_object",
        "content_translations",
        ["kind", "object_id", "language"],
    )
    op.create_index(
        "ix_content_translations_translator",
        "content_translations",
        ["translator_id", "created_at"],
    )
    op.create_table(
        "translation_revisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("translation_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=True),
        sa.Column("body_source", sa.Text(), server_default="", nullable=False),
        sa.Column("body_html", sa.Text(), server_default="", nullable=False),
        sa.Column("source_digest", sa.String(length=64), nullable=False),
        sa.Column("editor_id", sa.Integer(), nullable=True),
        _timestamp("created_at"),
        sa.ForeignKeyConstraint(
            ["translation_id"],
            ["content_translations.id"],
            name=op.f("fk_translation_revisions_translation_id_content_translations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["editor_id"],
            ["members.id"],
            name=op.f("fk_translation_revisions_editor_id_members"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_translation_revisions")),
    )
    op.create_index(
        op.f("ix_translation_revisions_translation_id"),
        "translation_revisions",
        ["translation_id"],
    )


def downgrade():
    op.drop_index(op.f("ix_translation_revisions_translation_id"), "translation_revisions")
    op.drop_table("translation_revisions")
    op.drop_index("ix_content_translations_translator", "content_translations")
    op.drop_index("ix_content_translations_object", "content_translations")
    op.drop_table("content_translations")
