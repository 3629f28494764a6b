"""events everywhere: the profile's "events attended" choice; events in the search index

Revision ID: 0019
Revises: 0016
Create Date: 2026-12-03 12:30:00

members.show_events_attended: whether a profile lists the events its member attended
(off by default). search_documents.state: an event document's state, so a cancelled
event is found marked as cancelled. Both are plain ADD COLUMNs (no batch copy of the
tables: search_documents keeps its FTS5 triggers on SQLite).
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column(
        "members",
        sa.Column(
            "show_events_attended", sa.Boolean(), server_default=sa.false(), nullable=False
        ),
    )
    op.add_column("search_documents", sa.Column("state", sa.String(length=16), nullable=True))


def downgrade():
    with op.batch_alter_table("search_documents", recreate="never") as batch_op:
        batch_op.drop_column("state")
    with op.batch_alter_table("members", recreate="never") as batch_op:
        batch_op.drop_column("show_events_attended")
