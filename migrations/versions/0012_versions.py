"""versions: a version number on every row with an edit form

Revision ID: 0012a
Revises: 0011
Create Date: 2026-12-03 06:40:00

Posts, threads (their titles), resources, members (profiles) and discussion tables get
`version`, which each saved edit moves by one with a conditional UPDATE
(cop/versions.py): a form shown before someone else's save is refused, not applied.
Existing rows start at 1.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0012a"
down_revision = "0011"
branch_labels = None
depends_on = None

TABLES = ("posts", "threads", "resources", "members", "categories")


def upgrade():
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(
                sa.Column("version", sa.Integer(), server_default="1", nullable=False)
            )


def downgrade():
    for table in reversed(TABLES):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("version")
