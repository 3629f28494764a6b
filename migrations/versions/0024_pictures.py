"""pictures in posts (issue 15)

Revision ID: 0024
Revises: 0016
Create Date: 2026-12-03 13:40:00

Pictures members upload into a post: the re-encoded file and its thumbnail (named by
their content's SHA-256), their size for the member's quota, and the post using them.
A new, empty table.
"""

import sqlalchemy as sa
from alembic import op

import cop.models

# revision identifiers, used by Alembic.
revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "pictures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("thumb_key", sa.String(length=64), nullable=False),
        sa.Column("thumb_width", sa.Integer(), nullable=False),
        sa.Column("thumb_height", sa.Integer(), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("used_by", sa.String(length=40), nullable=True),
        sa.Column(
            "created_at",
            cop.models.UTCDateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["members.id"],
            name=op.f("fk_pictures_owner_id_members"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pictures")),
        sa.UniqueConstraint("owner_id", "key", name=op.f("uq_pictures_owner_id")),
    )
    for column in ("owner_id", "key", "thumb_key", "used_by"):
        op.create_index(op.f(f"ix_pictures_{column}"), "pictures", [column], unique=False)


def downgrade():
    for column in ("used_by", "thumb_key", "key", "owner_id"):
        op.drop_index(op.f(f"ix_pictures_{column}"), table_name="pictures")
    op.drop_table("pictures")
