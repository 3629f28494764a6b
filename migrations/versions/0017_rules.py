"""verified email and the community's rules: members.email_confirmed_at, page_revisions,
policy_acceptances

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03 09:40:00

Members who registered before this migration are counted as confirmed (their address
has been in use all along): email_confirmed_at is their registration time. The pages
need no seed rows: the shipped texts (cop/pages/defaults) are version 1 of each page,
shown until an admin saves a revision.
"""

import sqlalchemy as sa
from alembic import op

import cop.models

# revision identifiers, used by Alembic.
revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("email_confirmed_at", cop.models.UTCDateTime(), nullable=True)
        )
    op.execute("UPDATE members SET email_confirmed_at = created_at")

    op.create_table(
        "page_revisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=32), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=10), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("body_source", sa.Text(), nullable=False),
        sa.Column("body_html", sa.Text(), nullable=False),
        sa.Column("is_material", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("created_at", cop.models.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["members.id"],
            name=op.f("fk_page_revisions_author_id_members"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_page_revisions")),
        sa.UniqueConstraint("slug", "version", name=op.f("uq_page_revisions_slug")),
    )
    op.create_index(
        "ix_page_revisions_slug_language",
        "page_revisions",
        ["slug", "language", "version"],
        unique=False,
    )
    op.create_table(
        "policy_acceptances",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=32), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("accepted_at", cop.models.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_policy_acceptances_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_policy_acceptances")),
        sa.UniqueConstraint(
            "member_id", "slug", "version", name=op.f("uq_policy_acceptances_member_id")
        ),
    )


def downgrade():
    op.drop_table("policy_acceptances")
    op.drop_index("ix_page_revisions_slug_language", table_name="page_revisions")
    op.drop_table("page_revisions")
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.drop_column("email_confirmed_at")
