"""the language of a profile bio (issue 12)

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-03 16:10:00

Existing bios get NULL (unknown): `flask cop detect-languages` fills what the detector
is sure of.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("members") as batch_op:
        batch_op.add_column(sa.Column("bio_language", sa.String(length=10), nullable=True))


def downgrade():
    with op.batch_alter_table("members") as batch_op:
        batch_op.drop_column("bio_language")
