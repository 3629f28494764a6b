"""listing indexes: the home page's latest threads and a member's shared resources

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-26 21:40:00

Measured with `python -m bench`: the home page's latest threads (front-page pins
first, then the latest activity) sorted the whole threads table on each view (8 ms
of 5,000 threads); a profile counted the member's resources through the country
index (1.7 ms of 2,000). With these both read a few index entries.
"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("threads", schema=None) as batch_op:
        batch_op.create_index(
            "ix_threads_front", ["is_pinned_globally", "last_post_at"], unique=False
        )
    with op.batch_alter_table("resources", schema=None) as batch_op:
        batch_op.create_index(
            "ix_resources_sharer_listing", ["sharer_id", "is_removed", "created_at"], unique=False
        )


def downgrade():
    with op.batch_alter_table("resources", schema=None) as batch_op:
        batch_op.drop_index("ix_resources_sharer_listing")
    with op.batch_alter_table("threads", schema=None) as batch_op:
        batch_op.drop_index("ix_threads_front")
