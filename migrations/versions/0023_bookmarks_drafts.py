"""bookmarks and drafts (issue 15)

Revision ID: 0023
Revises: 0016
Create Date: 2026-12-03 12:30:00

A member's bookmarks of posts, threads, resources and events (with a note and a reminder
date), and drafts of new threads, replies and conversation messages, one per place.
New, empty tables.
"""

import sqlalchemy as sa
from alembic import op

import cop.models

# revision identifiers, used by Alembic.
revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def _when(name: str) -> sa.Column:
    return sa.Column(name, cop.models.UTCDateTime(), nullable=False)


def _member(table: str) -> list:
    return [
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f(f"fk_{table}_member_id_members"),
            ondelete="CASCADE",
        ),
    ]


def upgrade():
    op.create_table(
        "bookmarks",
        sa.Column("id", sa.Integer(), nullable=False),
        *_member("bookmarks"),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("note", sa.String(length=500), server_default="", nullable=False),
        sa.Column("remind_on", sa.Date(), nullable=True),
        sa.Column("is_reminded", sa.Boolean(), server_default=sa.false(), nullable=False),
        _when("created_at"),
        _when("updated_at"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bookmarks")),
        sa.UniqueConstraint(
            "member_id", "kind", "target_id", name=op.f("uq_bookmarks_member_id")
        ),
    )
    op.create_index("ix_bookmarks_member_created", "bookmarks", ["member_id", "created_at"])
    op.create_index("ix_bookmarks_reminders_due", "bookmarks", ["is_reminded", "remind_on"])
    op.create_table(
        "drafts",
        sa.Column("id", sa.Integer(), nullable=False),
        *_member("drafts"),
        sa.Column("place", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=200), server_default="", nullable=False),
        sa.Column("body", sa.Text(), server_default="", nullable=False),
        sa.Column("recipients", sa.String(length=1000), server_default="", nullable=False),
        sa.Column("language", sa.String(length=8), nullable=True),
        _when("created_at"),
        _when("updated_at"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_drafts")),
        sa.UniqueConstraint("member_id", "place", name=op.f("uq_drafts_member_id")),
    )
    op.create_index("ix_drafts_member_updated", "drafts", ["member_id", "updated_at"])


def downgrade():
    op.drop_index("ix_drafts_member_updated", table_name="drafts")
    op.drop_table("drafts")
    op.drop_index("ix_bookmarks_reminders_due", table_name="bookmarks")
    op.drop_index("ix_bookmarks_member_created", table_name="bookmarks")
    op.drop_table("bookmarks")
