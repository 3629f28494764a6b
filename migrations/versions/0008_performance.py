"""performance: indexes for a member's threads and replies, and the resource list

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-26 19:10:00

Measured with `python -m bench` (docs/benchmarks.md): without them, a profile's list
of threads scans the whole threads table and its list of replies sorts all of the
member's posts; both grow with the forum instead of staying small. The resource list
counted a type's resources and listed the countries by reading every resource.
"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "0008"
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("threads", schema=None) as batch_op:
        batch_op.create_index(
            "ix_threads_author_created", ["author_id", "created_at"], unique=False
        )
    with op.batch_alter_table("posts", schema=None) as batch_op:
        batch_op.create_index("ix_posts_author_created", ["author_id", "created_at"], unique=False)
    with op.batch_alter_table("resources", schema=None) as batch_op:
        batch_op.create_index("ix_resources_listing_type", ["is_removed", "type"], unique=False)
        batch_op.create_index(
            "ix_resources_listing_country", ["is_removed", "country"], unique=False
        )


def downgrade():
    with op.batch_alter_table("resources", schema=None) as batch_op:
        batch_op.drop_index("ix_resources_listing_country")
        batch_op.drop_index("ix_resources_listing_type")
    with op.batch_alter_table("posts", schema=None) as batch_op:
        batch_op.drop_index("ix_posts_author_created")
    with op.batch_alter_table("threads", schema=None) as batch_op:
        batch_op.drop_index("ix_threads_author_created")
