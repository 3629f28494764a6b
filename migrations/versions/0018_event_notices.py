"""who watches a country or a programme for new events (issue 13, reminders and notices)

Revision ID: 0018
Revises: 0016
Create Date: 2026-12-03 12:30:00

Two new, empty tables: a member's watch of the events of a country, and of a programme.
The reminders use event_registrations.reminded_at, which 0015 made.
"""

import sqlalchemy as sa
from alembic import op

import cop.models

# revision identifiers, used by Alembic.
revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "event_country_watches",
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("created_at", cop.models.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_event_country_watches_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("member_id", "country", name=op.f("pk_event_country_watches")),
    )
    op.create_index(
        op.f("ix_event_country_watches_country"), "event_country_watches", ["country"]
    )
    op.create_table(
        "event_programme_watches",
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("created_at", cop.models.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_event_programme_watches_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programmes.id"],
            name=op.f("fk_event_programme_watches_programme_id_programmes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "member_id", "programme_id", name=op.f("pk_event_programme_watches")
        ),
    )
    op.create_index(
        op.f("ix_event_programme_watches_programme_id"),
        "event_programme_watches",
        ["programme_id"],
    )


def downgrade():
    op.drop_index(
        op.f("ix_event_programme_watches_programme_id"), table_name="event_programme_watches"
    )
    op.drop_table("event_programme_watches")
    op.drop_index(op.f("ix_event_country_watches_country"), table_name="event_country_watches")
    op.drop_table("event_country_watches")
