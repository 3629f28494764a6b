"""private conversations, their reports, and members' blocks (issue 15)

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-10 09:00:00

Conversations, their participants (with each one's last-read message) and messages;
reports of a message to the moderators; blocks between members. New, empty tables.
"""

import sqlalchemy as sa
from alembic import op

import cop.models

# revision identifiers, used by Alembic.
revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def _when(name: str, nullable: bool = True, now: bool = False) -> sa.Column:
    default = sa.text("(CURRENT_TIMESTAMP)") if now else None
    return sa.Column(name, cop.models.UTCDateTime(), server_default=default, nullable=nullable)


def upgrade():
    op.create_table(
        "conversations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(length=150), nullable=False),
        sa.Column("started_by_id", sa.Integer(), nullable=True),
        sa.Column("message_count", sa.Integer(), server_default="0", nullable=False),
        sa.Column("last_message_id", sa.Integer(), server_default="0", nullable=False),
        _when("last_message_at"),
        _when("created_at", nullable=False, now=True),
        sa.ForeignKeyConstraint(
            ["started_by_id"],
            ["members.id"],
            name=op.f("fk_conversations_started_by_id_members"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conversations")),
    )
    op.create_table(
        "conversation_participants",
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("last_read_message_id", sa.Integer(), server_default="0", nullable=False),
        _when("joined_at", nullable=False, now=True),
        _when("left_at"),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversations.id"],
            name=op.f("fk_conversation_participants_conversation_id_conversations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_conversation_participants_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "conversation_id", "member_id", name=op.f("pk_conversation_participants")
        ),
    )
    op.create_index(
        "ix_conversation_participants_member",
        "conversation_participants",
        ["member_id", "left_at"],
    )
    op.create_table(
        "conversation_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("body_source", sa.Text(), nullable=False),
        sa.Column("body_html", sa.Text(), nullable=False),
        sa.Column("policy_version", sa.Integer(), nullable=False),
        sa.Column("client_token", sa.String(length=64), nullable=True),
        _when("created_at", nullable=False, now=True),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["members.id"],
            name=op.f("fk_conversation_messages_author_id_members"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversations.id"],
            name=op.f("fk_conversation_messages_conversation_id_conversations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conversation_messages")),
        sa.UniqueConstraint(
            "author_id",
            "client_token",
            name=op.f("uq_conversation_messages_author_id"),
        ),
    )
    op.create_index(
        "ix_conversation_messages_conversation", "conversation_messages", ["conversation_id", "id"]
    )
    op.create_index("ix_conversation_messages_author", "conversation_messages", ["author_id"])
    op.create_table(
        "conversation_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("reporter_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), server_default="", nullable=False),
        _when("created_at", nullable=False, now=True),
        _when("resolved_at"),
        sa.Column("resolved_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversations.id"],
            name=op.f("fk_conversation_reports_conversation_id_conversations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["message_id"],
            ["conversation_messages.id"],
            name=op.f("fk_conversation_reports_message_id_conversation_messages"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["reporter_id"],
            ["members.id"],
            name=op.f("fk_conversation_reports_reporter_id_members"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["resolved_by_id"],
            ["members.id"],
            name=op.f("fk_conversation_reports_resolved_by_id_members"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conversation_reports")),
        sa.UniqueConstraint(
            "message_id",
            "reporter_id",
            name=op.f("uq_conversation_reports_message_id"),
        ),
    )
    op.create_index(
        op.f("ix_conversation_reports_conversation_id"),
        "conversation_reports",
        ["conversation_id"],
    )
    op.create_index(
        "ix_conversation_reports_open", "conversation_reports", ["resolved_at", "created_at"]
    )
    op.create_table(
        "member_blocks",
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("blocked_id", sa.Integer(), nullable=False),
        sa.Column("hide_posts", sa.Boolean(), server_default=sa.false(), nullable=False),
        _when("created_at", nullable=False, now=True),
        sa.ForeignKeyConstraint(
            ["blocked_id"],
            ["members.id"],
            name=op.f("fk_member_blocks_blocked_id_members"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_member_blocks_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("member_id", "blocked_id", name=op.f("pk_member_blocks")),
    )
    op.create_index(op.f("ix_member_blocks_blocked_id"), "member_blocks", ["blocked_id"])


def downgrade():
    op.drop_index(op.f("ix_member_blocks_blocked_id"), table_name="member_blocks")
    op.drop_table("member_blocks")
    op.drop_index("ix_conversation_reports_open", table_name="conversation_reports")
    op.drop_index(
        op.f("ix_conversation_reports_conversation_id"), table_name="conversation_reports"
    )
    op.drop_table("conversation_reports")
    op.drop_index("ix_conversation_messages_author", table_name="conversation_messages")
    op.drop_index("ix_conversation_messages_conversation", table_name="conversation_messages")
    op.drop_table("conversation_messages")
    op.drop_index("ix_conversation_participants_member", table_name="conversation_participants")
    op.drop_table("conversation_participants")
    op.drop_table("conversations")
