"""scoped content versions: one version per family of tables and per thread

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03 06:30:00

Each commit that changes content adds one to the version of every scope it touched
(cop/contentversion.py, cop/contentscopes.py): a family of tables ("threads",
"members"...) or one thread ("thread:42"). Cached regions are keyed by the versions of
the scopes they show, so a reply in one thread leaves the other threads' pages cached.
A scope without a row is at version 0: the table starts empty.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "content_versions",
        sa.Column("scope", sa.String(length=40), nullable=False),
        sa.Column("version", sa.Integer(), server_default="0", nullable=False),
        sa.PrimaryKeyConstraint("scope", name=op.f("pk_content_versions")),
    )


def downgrade():
    op.drop_table("content_versions")
