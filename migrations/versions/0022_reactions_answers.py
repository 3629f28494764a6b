"""reactions to posts; Q&A tables and their threads' answers (issue 15)

Revision ID: 0022
Revises: 0016
Create Date: 2026-12-03 12:30:00

A new, empty table of reactions; two columns: categories.is_qa (false for every
existing table) and threads.answer_post_id (no answer yet).
"""

import sqlalchemy as sa
from alembic import op

import cop.models

# revision identifiers, used by Alembic.
revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "post_reactions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("thread_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column(
            "created_at",
            cop.models.UTCDateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_post_reactions_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["post_id"],
            ["posts.id"],
            name=op.f("fk_post_reactions_post_id_posts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["thread_id"],
            ["threads.id"],
            name=op.f("fk_post_reactions_thread_id_threads"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_post_reactions")),
        sa.UniqueConstraint(
            "post_id", "member_id", "kind", name=op.f("uq_post_reactions_post_id")
        ),
    )
    op.create_index(
        "ix_post_reactions_member_thread", "post_reactions", ["member_id", "thread_id"]
    )
    op.create_index("ix_post_reactions_thread", "post_reactions", ["thread_id"])
    with op.batch_alter_table("categories") as batch:
        batch.add_column(
            sa.Column("is_qa", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    with op.batch_alter_table("threads") as batch:
        batch.add_column(sa.Column("answer_post_id", sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table("threads") as batch:
        batch.drop_column("answer_post_id")
    with op.batch_alter_table("categories") as batch:
        batch.drop_column("is_qa")
    op.drop_index("ix_post_reactions_thread", table_name="post_reactions")
    op.drop_index("ix_post_reactions_member_thread", table_name="post_reactions")
    op.drop_table("post_reactions")
