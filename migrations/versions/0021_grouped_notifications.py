"""grouped notifications: one unread row per recipient, kind and thread or conversation

Revision ID: 0021
Revises: 0016
Create Date: 2026-12-03 12:30:00

Notices of the same kind on the same thread (or conversation) are one row while unread:
`group_key` names the group, `item_count` counts its notices, `latest_target_id` is the
latest one's target. A partial unique index keeps one unread row per group (the writer's
INSERT ... ON CONFLICT updates it). Existing rows are notices on their own (no group).
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

UNREAD_GROUP = "read_at IS NULL AND group_key IS NOT NULL"


def upgrade():
    with op.batch_alter_table("notifications") as batch:
        batch.add_column(sa.Column("group_key", sa.String(length=40), nullable=True))
        batch.add_column(sa.Column("item_count", sa.Integer(), server_default="1", nullable=False))
        batch.add_column(sa.Column("latest_target_id", sa.Integer(), nullable=True))
    op.create_index("ix_notifications_group", "notifications", ["group_key"])
    op.create_index(
        "uq_notifications_unread_group",
        "notifications",
        ["recipient_id", "kind", "group_key"],
        unique=True,
        sqlite_where=sa.text(UNREAD_GROUP),
        postgresql_where=sa.text(UNREAD_GROUP),
    )


def downgrade():
    op.drop_index("uq_notifications_unread_group", table_name="notifications")
    op.drop_index("ix_notifications_group", table_name="notifications")
    with op.batch_alter_table("notifications") as batch:
        batch.drop_column("latest_target_id")
        batch.drop_column("item_count")
        batch.drop_column("group_key")
