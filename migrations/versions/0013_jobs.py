"""jobs: background work (data exports, account closings); members.closed_at

Revision ID: 0013
Revises: 0012a
Create Date: 2026-12-03 06:30:00

A `jobs` row records work too long for a request; the cron command claims and runs it
(cop/jobs). `active_key` is unique while a member's job of a kind is unfinished, so a
double press makes one job. `members.closed_at` marks an account whose closing was
asked for: it cannot sign in while the job removes it.
"""

import sqlalchemy as sa
from alembic import op

import cop.models

# revision identifiers, used by Alembic.
revision = "0013"
down_revision = "0012a"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "jobs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("active_key", sa.String(length=64), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("token", sa.String(length=32), nullable=False),
        sa.Column(
            "created_at",
            cop.models.UTCDateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("claimed_at", cop.models.UTCDateTime(), nullable=True),
        sa.Column("finished_at", cop.models.UTCDateTime(), nullable=True),
        sa.Column("expires_at", cop.models.UTCDateTime(), nullable=True),
        sa.Column("file_name", sa.String(length=128), nullable=True),
        sa.Column("file_size", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_jobs_member_id_members"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_jobs")),
        sa.UniqueConstraint("active_key", name=op.f("uq_jobs_active_key")),
    )
    op.create_index("ix_jobs_member_kind", "jobs", ["member_id", "kind"], unique=False)
    op.create_index("ix_jobs_state", "jobs", ["state"], unique=False)
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.add_column(sa.Column("closed_at", cop.models.UTCDateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.drop_column("closed_at")
    op.drop_index("ix_jobs_state", table_name="jobs")
    op.drop_index("ix_jobs_member_kind", table_name="jobs")
    op.drop_table("jobs")
