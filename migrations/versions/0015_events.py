"""events: programmes, events, organisers, organiser roles, registrations, calendar tokens

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03 09:30:00

Workshops and webinars (issue 13). An event belongs to a programme or stands alone; its
times are stored in UTC with its own IANA time zone beside them. `event_registrations`
keeps one row per member and event (going, waiting, cancelled: a return is an update,
so a double press never makes two rows); its (event, status, registered_at) index is
the waiting list's order. `organiser_roles` says who may create events for a country;
`calendar_tokens` holds the secret of each member's private calendar feed.
"""

import sqlalchemy as sa
from alembic import op

import cop.models

# revision identifiers, used by Alembic.
revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "calendar_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("created_at", cop.models.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_calendar_tokens_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_tokens")),
        sa.UniqueConstraint("member_id", name=op.f("uq_calendar_tokens_member_id")),
        sa.UniqueConstraint("token", name=op.f("uq_calendar_tokens_token")),
    )
    op.create_table(
        "organiser_roles",
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("granted_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", cop.models.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["granted_by_id"],
            ["members.id"],
            name=op.f("fk_organiser_roles_granted_by_id_members"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_organiser_roles_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("member_id", "country", name=op.f("pk_organiser_roles")),
    )
    op.create_table(
        "programmes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), server_default="", nullable=False),
        sa.Column("description_html", sa.Text(), server_default="", nullable=False),
        sa.Column("language", sa.String(length=10), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column(
            "created_at",
            cop.models.UTCDateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["members.id"],
            name=op.f("fk_programmes_created_by_id_members"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programmes")),
        sa.UniqueConstraint("slug", name=op.f("uq_programmes_slug")),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("language", sa.String(length=10), nullable=False),
        sa.Column("description", sa.Text(), server_default="", nullable=False),
        sa.Column("description_html", sa.Text(), server_default="", nullable=False),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("city", sa.String(length=200), server_default="", nullable=False),
        sa.Column("venue", sa.String(length=200), server_default="", nullable=False),
        sa.Column("address", sa.String(length=500), server_default="", nullable=False),
        sa.Column("online_url", sa.String(length=2000), nullable=True),
        sa.Column(
            "format",
            sa.Enum(
                "in_person", "online", "mixed", name="eventformat", native_enum=False, length=16
            ),
            nullable=False,
        ),
        sa.Column("delivery_languages", sa.JSON(), server_default="[]", nullable=False),
        sa.Column("starts_at", cop.models.UTCDateTime(), nullable=False),
        sa.Column("ends_at", cop.models.UTCDateTime(), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=True),
        sa.Column("registration_deadline", cop.models.UTCDateTime(), nullable=True),
        sa.Column(
            "state",
            sa.Enum(
                "draft", "published", "cancelled", name="eventstate", native_enum=False, length=16
            ),
            server_default="draft",
            nullable=False,
        ),
        sa.Column("is_hidden", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("thread_id", sa.Integer(), nullable=True),
        sa.Column("uid", sa.String(length=80), nullable=False),
        sa.Column("sequence", sa.Integer(), server_default="0", nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("question_1", sa.String(length=300), nullable=True),
        sa.Column("question_2", sa.String(length=300), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", cop.models.UTCDateTime(), nullable=False),
        sa.Column("updated_at", cop.models.UTCDateTime(), nullable=False),
        sa.Column("cancelled_at", cop.models.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["members.id"],
            name=op.f("fk_events_created_by_id_members"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programmes.id"],
            name=op.f("fk_events_programme_id_programmes"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["thread_id"],
            ["threads.id"],
            name=op.f("fk_events_thread_id_threads"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
        sa.UniqueConstraint("thread_id", name=op.f("uq_events_thread_id")),
        sa.UniqueConstraint("uid", name=op.f("uq_events_uid")),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index("ix_events_country", ["country"], unique=False)
        batch_op.create_index("ix_events_listing", ["state", "starts_at"], unique=False)
        batch_op.create_index("ix_events_programme", ["programme_id", "starts_at"], unique=False)

    op.create_table(
        "event_organisers",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_event_organisers_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_event_organisers_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("event_id", "member_id", name=op.f("pk_event_organisers")),
    )
    with op.batch_alter_table("event_organisers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_event_organisers_member_id"), ["member_id"], unique=False
        )

    op.create_table(
        "event_registrations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "going",
                "waiting",
                "cancelled",
                name="registrationstatus",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("answer_1", sa.String(length=1000), nullable=True),
        sa.Column("answer_2", sa.String(length=1000), nullable=True),
        sa.Column("attended", sa.Boolean(), nullable=True),
        sa.Column("registered_at", cop.models.UTCDateTime(), nullable=False),
        sa.Column("promoted_at", cop.models.UTCDateTime(), nullable=True),
        sa.Column("reminded_at", cop.models.UTCDateTime(), nullable=True),
        sa.Column("updated_at", cop.models.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_event_registrations_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_event_registrations_member_id_members"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_registrations")),
        sa.UniqueConstraint("event_id", "member_id", name=op.f("uq_event_registrations_event_id")),
    )
    with op.batch_alter_table("event_registrations", schema=None) as batch_op:
        batch_op.create_index(
            "ix_event_registrations_member", ["member_id", "status"], unique=False
        )
        batch_op.create_index(
            "ix_event_registrations_queue", ["event_id", "status", "registered_at"], unique=False
        )

    op.create_table(
        "event_resources",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("resource_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_event_resources_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["resource_id"],
            ["resources.id"],
            name=op.f("fk_event_resources_resource_id_resources"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("event_id", "resource_id", name=op.f("pk_event_resources")),
    )
    with op.batch_alter_table("event_resources", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_event_resources_resource_id"), ["resource_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("event_resources", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_resources_resource_id"))

    op.drop_table("event_resources")
    with op.batch_alter_table("event_registrations", schema=None) as batch_op:
        batch_op.drop_index("ix_event_registrations_queue")
        batch_op.drop_index("ix_event_registrations_member")

    op.drop_table("event_registrations")
    with op.batch_alter_table("event_organisers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_organisers_member_id"))

    op.drop_table("event_organisers")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index("ix_events_programme")
        batch_op.drop_index("ix_events_listing")
        batch_op.drop_index("ix_events_country")

    op.drop_table("events")
    op.drop_table("programmes")
    op.drop_table("organiser_roles")
    op.drop_table("calendar_tokens")
