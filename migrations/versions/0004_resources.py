"""resource library: resources, language versions, stored blobs, tags, downloads

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 18:23:07.608284

"""
from alembic import op
import sqlalchemy as sa

import cop.models  # noqa: F401 -- the project's column types


# revision identifiers, used by Alembic.
revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('resource_tags',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_resource_tags')),
    sa.UniqueConstraint('key', name=op.f('uq_resource_tags_key'))
    )
    op.create_table('stored_blobs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.Column('created_at', cop.models.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stored_blobs')),
    sa.UniqueConstraint('sha256', name=op.f('uq_stored_blobs_sha256'))
    )
    op.create_table('resources',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description_source', sa.Text(), nullable=False),
    sa.Column('description_html', sa.Text(), nullable=False),
    sa.Column('type', sa.Enum('training_module', 'workshop_material', 'toolkit', 'policy_brief', 'research_report', 'case_study', 'other', name='resource_type', native_enum=False, length=32), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=True),
    sa.Column('licence', sa.String(length=32), nullable=False),
    sa.Column('source', sa.String(length=300), nullable=False),
    sa.Column('funding', sa.String(length=500), nullable=False),
    sa.Column('original_language', sa.String(length=5), nullable=False),
    sa.Column('external_url', sa.String(length=2000), nullable=True),
    sa.Column('sharer_id', sa.Integer(), nullable=True),
    sa.Column('download_count', sa.Integer(), server_default='0', nullable=False),
    sa.Column('is_removed', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('removed_at', cop.models.UTCDateTime(timezone=True), nullable=True),
    sa.Column('removed_by_id', sa.Integer(), nullable=True),
    sa.Column('removal_reason', sa.String(length=500), server_default='', nullable=False),
    sa.Column('created_at', cop.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', cop.models.UTCDateTime(timezone=True), nullable=False),
    sa.Column('thread_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['removed_by_id'], ['members.id'], name=op.f('fk_resources_removed_by_id_members'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['sharer_id'], ['members.id'], name=op.f('fk_resources_sharer_id_members'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['thread_id'], ['threads.id'], name=op.f('fk_resources_thread_id_threads'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_resources')),
    sa.UniqueConstraint('thread_id', name=op.f('uq_resources_thread_id'))
    )
    with op.batch_alter_table('resources', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_resources_country'), ['country'], unique=False)
        batch_op.create_index('ix_resources_listing_created', ['is_removed', 'created_at'], unique=False)
        batch_op.create_index('ix_resources_listing_downloads', ['is_removed', 'download_count'], unique=False)
        batch_op.create_index('ix_resources_listing_title', ['is_removed', 'title'], unique=False)
        batch_op.create_index(batch_op.f('ix_resources_sharer_id'), ['sharer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_resources_type'), ['type'], unique=False)

    op.create_table('resource_files',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('resource_id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=5), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('is_current', sa.Boolean(), nullable=False),
    sa.Column('possibly_outdated', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('blob_id', sa.Integer(), nullable=False),
    sa.Column('original_name', sa.String(length=255), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('content_type', sa.String(length=127), nullable=False),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', cop.models.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['blob_id'], ['stored_blobs.id'], name=op.f('fk_resource_files_blob_id_stored_blobs')),
    sa.ForeignKeyConstraint(['resource_id'], ['resources.id'], name=op.f('fk_resource_files_resource_id_resources'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['members.id'], name=op.f('fk_resource_files_uploaded_by_id_members'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_resource_files')),
    sa.UniqueConstraint('resource_id', 'language', 'version', name=op.f('uq_resource_files_resource_id'))
    )
    with op.batch_alter_table('resource_files', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_resource_files_blob_id'), ['blob_id'], unique=False)
        batch_op.create_index('ix_resource_files_current', ['resource_id', 'is_current', 'language'], unique=False)
        batch_op.create_index('ix_resource_files_language_current', ['language', 'is_current'], unique=False)

    op.create_table('resource_tag_links',
    sa.Column('resource_id', sa.Integer(), nullable=False),
    sa.Column('tag_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['resource_id'], ['resources.id'], name=op.f('fk_resource_tag_links_resource_id_resources'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tag_id'], ['resource_tags.id'], name=op.f('fk_resource_tag_links_tag_id_resource_tags'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('resource_id', 'tag_id', name=op.f('pk_resource_tag_links'))
    )
    with op.batch_alter_table('resource_tag_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_resource_tag_links_tag_id'), ['tag_id'], unique=False)

    op.create_table('resource_downloads',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('resource_id', sa.Integer(), nullable=False),
    sa.Column('resource_file_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=True),
    sa.Column('visitor_key', sa.String(length=64), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('created_at', cop.models.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_resource_downloads_member_id_members'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['resource_file_id'], ['resource_files.id'], name=op.f('fk_resource_downloads_resource_file_id_resource_files'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['resource_id'], ['resources.id'], name=op.f('fk_resource_downloads_resource_id_resources'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_resource_downloads')),
    sa.UniqueConstraint('resource_id', 'visitor_key', 'day', name=op.f('uq_resource_downloads_resource_id'))
    )
    with op.batch_alter_table('resource_downloads', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_resource_downloads_member_id'), ['member_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_resource_downloads_resource_file_id'), ['resource_file_id'], unique=False)


def downgrade():
    op.drop_table('resource_downloads')
    op.drop_table('resource_tag_links')
    op.drop_table('resource_files')
    op.drop_table('resources')
    op.drop_table('stored_blobs')
    op.drop_table('resource_tags')
