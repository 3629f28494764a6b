"""notifications: watches, notifications, email preferences, digest bookkeeping

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26 19:00:00

"""
from alembic import op
import sqlalchemy as sa

import cop.models  # noqa: F401 -- the project's column types


# revision identifiers, used by Alembic.
revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('watches',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('target_type', sa.String(length=16), nullable=False),
    sa.Column('target_id', sa.Integer(), nullable=False),
    sa.Column('is_muted', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('created_at', cop.models.UTCDateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_watches_member_id_members'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_watches')),
    sa.UniqueConstraint('member_id', 'target_type', 'target_id', name=op.f('uq_watches_member_id'))
    )
    with op.batch_alter_table('watches', schema=None) as batch_op:
        batch_op.create_index('ix_watches_target', ['target_type', 'target_id', 'is_muted'], unique=False)

    op.create_table('digest_batches',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('frequency', sa.String(length=8), nullable=False),
    sa.Column('period', sa.String(length=16), nullable=False),
    sa.Column('started_at', cop.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('finished_at', cop.models.UTCDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_digest_batches')),
    sa.UniqueConstraint('frequency', 'period', name=op.f('uq_digest_batches_frequency'))
    )
    op.create_table('digest_deliveries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('item_count', sa.Integer(), nullable=False),
    sa.Column('claimed_at', cop.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('sent_at', cop.models.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['batch_id'], ['digest_batches.id'], name=op.f('fk_digest_deliveries_batch_id_digest_batches'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_digest_deliveries_member_id_members'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_digest_deliveries')),
    sa.UniqueConstraint('batch_id', 'member_id', name=op.f('uq_digest_deliveries_batch_id'))
    )
    with op.batch_alter_table('digest_deliveries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_digest_deliveries_member_id'), ['member_id'], unique=False)

    op.create_table('notifications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('recipient_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('target_type', sa.String(length=16), nullable=False),
    sa.Column('target_id', sa.Integer(), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('created_at', cop.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('read_at', cop.models.UTCDateTime(timezone=True), nullable=True),
    sa.Column('delivery', sa.String(length=10), server_default='none', nullable=False),
    sa.Column('email_claimed_at', cop.models.UTCDateTime(timezone=True), nullable=True),
    sa.Column('emailed_at', cop.models.UTCDateTime(timezone=True), nullable=True),
    sa.Column('digest_batch_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['actor_id'], ['members.id'], name=op.f('fk_notifications_actor_id_members'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['digest_batch_id'], ['digest_batches.id'], name=op.f('fk_notifications_digest_batch_id_digest_batches'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['recipient_id'], ['members.id'], name=op.f('fk_notifications_recipient_id_members'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notifications'))
    )
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.create_index('ix_notifications_email_due', ['delivery', 'emailed_at'], unique=False)
        batch_op.create_index('ix_notifications_recipient_created', ['recipient_id', 'created_at'], unique=False)
        batch_op.create_index('ix_notifications_recipient_unread', ['recipient_id', 'read_at'], unique=False)
        batch_op.create_index('ix_notifications_target', ['target_type', 'target_id'], unique=False)

    op.create_table('email_preferences',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('mode', sa.String(length=10), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_email_preferences_member_id_members'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_email_preferences')),
    sa.UniqueConstraint('member_id', 'kind', name=op.f('uq_email_preferences_member_id'))
    )


def downgrade():
    op.drop_table('email_preferences')
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_index('ix_notifications_target')
        batch_op.drop_index('ix_notifications_recipient_unread')
        batch_op.drop_index('ix_notifications_recipient_created')
        batch_op.drop_index('ix_notifications_email_due')
    op.drop_table('notifications')
    with op.batch_alter_table('digest_deliveries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_digest_deliveries_member_id'))
    op.drop_table('digest_deliveries')
    op.drop_table('digest_batches')
    with op.batch_alter_table('watches', schema=None) as batch_op:
        batch_op.drop_index('ix_watches_target')
    op.drop_table('watches')
