"""programme versions: the programme edit form refuses a stale save

Revision ID: 0020
Revises: 0016
Create Date: 2026-12-03 12:30:00

Programmes get `version` (cop/versions.py), like the other rows with an edit form:
two organisers editing a programme at once cannot overwrite each other unknowingly.
Existing rows start at 1.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("programmes") as batch:
        batch.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))


def downgrade():
    with op.batch_alter_table("programmes") as batch:
        batch.drop_column("version")
