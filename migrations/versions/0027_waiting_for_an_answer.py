"""threads waiting for an answer (issue 12)

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-03 16:00:00

threads.first_other_reply_at: when someone other than the thread's author first replied
(a visible reply: not deleted, hidden or pending), None while the thread waits for an
answer; an index for the "Waiting for an answer" page (per language, oldest first).
Existing threads are backfilled from their posts in one UPDATE.
"""

import sqlalchemy as sa
from alembic import op

import cop.models

# revision identifiers, used by Alembic.
revision = "0027"
down_revision = "0026"
branch_labels = None
depends_on = None

threads = sa.table(
    "threads",
    sa.column("id", sa.Integer()),
    sa.column("author_id", sa.Integer()),
    sa.column("first_other_reply_at", cop.models.UTCDateTime()),
)
posts = sa.table(
    "posts",
    sa.column("thread_id", sa.Integer()),
    sa.column("author_id", sa.Integer()),
    sa.column("position", sa.Integer()),
    sa.column("created_at", cop.models.UTCDateTime()),
    sa.column("is_deleted", sa.Boolean()),
    sa.column("is_hidden", sa.Boolean()),
    sa.column("is_pending", sa.Boolean()),
)


def _backfill() -> None:
    first_other_reply = (
        sa.select(sa.func.min(posts.c.created_at))
        .where(
            posts.c.thread_id == threads.c.id,
            posts.c.position > 1,
            posts.c.is_deleted.is_(False),
            posts.c.is_hidden.is_(False),
            posts.c.is_pending.is_(False),
            posts.c.author_id.is_distinct_from(threads.c.author_id),
        )
        .scalar_subquery()
    )
    op.execute(threads.update().values(first_other_reply_at=first_other_reply))


def upgrade():
    with op.batch_alter_table("threads") as batch:
        batch.add_column(
            sa.Column("first_other_reply_at", cop.models.UTCDateTime(), nullable=True)
        )
    op.create_index(
        "ix_threads_waiting", "threads", ["first_other_reply_at", "language", "created_at"]
    )
    _backfill()


def downgrade():
    op.drop_index("ix_threads_waiting", table_name="threads")
    with op.batch_alter_table("threads") as batch:
        batch.drop_column("first_other_reply_at")
