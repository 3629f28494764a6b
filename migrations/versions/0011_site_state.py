"""site state: the content version that keys cached pages

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-26 22:20:00

One row (id 1) whose content_version every commit that changes what visitors read
adds one to (cop/contentversion.py); cached pages are keyed by it (cop/pagecache.py).
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade():
    site_state = op.create_table(
        "site_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("content_version", sa.Integer(), server_default="0", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_site_state")),
    )
    op.bulk_insert(site_state, [{"id": 1, "content_version": 0}])


def downgrade():
    op.drop_table("site_state")
