"""translations in search and moderation (issue 12)

Revision ID: 0032
Revises: 0027
Create Date: 2026-12-03 16:00:00

search_documents.original_kind and original_id: a member translation's document names the
post, thread or resource it translates, so a result links to it and says it was found in
a translation, and hiding the original takes its translations' rows with it. Plain ADD
COLUMNs (no batch copy: search_documents keeps its FTS5 triggers on SQLite).
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0032"
down_revision = "0027"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column(
        "search_documents", sa.Column("original_kind", sa.String(length=16), nullable=True)
    )
    op.add_column("search_documents", sa.Column("original_id", sa.Integer(), nullable=True))
    op.create_index(
        "ix_search_documents_original", "search_documents", ["original_kind", "original_id"]
    )


def downgrade():
    op.drop_index("ix_search_documents_original", "search_documents")
    with op.batch_alter_table("search_documents", recreate="never") as batch_op:
        batch_op.drop_column("original_id")
        batch_op.drop_column("original_kind")
