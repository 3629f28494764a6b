"""search: the search_documents index and its full-text engine

On SQLite an FTS5 external-content table `search_fts` over the pre-analysed tokens,
kept in step by triggers; on PostgreSQL a generated tsvector column `search_fts_vector`
(title weight A, body weight B, 'simple' configuration: the words are analysed already)
with a GIN index. tests/core/test_migrations.py and migrations/env.py ignore names
starting with "search_fts".

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26 18:54:56.073486

"""
from alembic import op
import sqlalchemy as sa

import cop.models  # noqa: F401 -- the project's column types


# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

SQLITE_UP = [
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title_tokens, body_tokens, content='search_documents', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER search_fts_ai AFTER INSERT ON search_documents BEGIN "
    "INSERT INTO search_fts(rowid, title_tokens, body_tokens) "
    "VALUES (new.id, new.title_tokens, new.body_tokens); END",
    "CREATE TRIGGER search_fts_ad AFTER DELETE ON search_documents BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, title_tokens, body_tokens) "
    "VALUES ('delete', old.id, old.title_tokens, old.body_tokens); END",
    "CREATE TRIGGER search_fts_au AFTER UPDATE ON search_documents BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, title_tokens, body_tokens) "
    "VALUES ('delete', old.id, old.title_tokens, old.body_tokens); "
    "INSERT INTO search_fts(rowid, title_tokens, body_tokens) "
    "VALUES (new.id, new.title_tokens, new.body_tokens); END",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS search_fts_au",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TABLE IF EXISTS search_fts",
]
POSTGRES_UP = [
    "ALTER TABLE search_documents ADD COLUMN search_fts_vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple'::regconfig, title_tokens), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, body_tokens), 'B')) STORED",
    "CREATE INDEX search_fts_gin ON search_documents USING gin (search_fts_vector)",
]
POSTGRES_DOWN = [
    "DROP INDEX IF EXISTS search_fts_gin",
    "ALTER TABLE search_documents DROP COLUMN IF EXISTS search_fts_vector",
]


def _engine_statements(up: bool) -> list[str]:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        return SQLITE_UP if up else SQLITE_DOWN
    if dialect == "postgresql":
        return POSTGRES_UP if up else POSTGRES_DOWN
    return []


def upgrade():
    op.create_table('search_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('object_id', sa.Integer(), nullable=False),
    sa.Column('thread_id', sa.Integer(), nullable=True),
    sa.Column('handle', sa.String(length=48), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('title_normalized', sa.Text(), nullable=False),
    sa.Column('body_normalized', sa.Text(), nullable=False),
    sa.Column('title_tokens', sa.Text(), nullable=False),
    sa.Column('body_tokens', sa.Text(), nullable=False),
    sa.Column('language', sa.String(length=10), nullable=True),
    sa.Column('category_id', sa.Integer(), nullable=True),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('author_country', sa.String(length=2), nullable=True),
    sa.Column('resource_type', sa.String(length=32), nullable=True),
    sa.Column('is_members_only', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('created_at', cop.models.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_search_documents')),
    sa.UniqueConstraint('kind', 'object_id', name=op.f('uq_search_documents_kind'))
    )
    with op.batch_alter_table('search_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_search_documents_author_country'), ['author_country'], unique=False)
        batch_op.create_index(batch_op.f('ix_search_documents_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_search_documents_category_id'), ['category_id'], unique=False)
        batch_op.create_index('ix_search_documents_kind_created', ['kind', 'created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_search_documents_language'), ['language'], unique=False)
        batch_op.create_index('ix_search_documents_thread_id', ['thread_id'], unique=False)
    for statement in _engine_statements(up=True):
        op.execute(statement)


def downgrade():
    for statement in _engine_statements(up=False):
        op.execute(statement)
    with op.batch_alter_table('search_documents', schema=None) as batch_op:
        batch_op.drop_index('ix_search_documents_thread_id')
        batch_op.drop_index(batch_op.f('ix_search_documents_language'))
        batch_op.drop_index('ix_search_documents_kind_created')
        batch_op.drop_index(batch_op.f('ix_search_documents_category_id'))
        batch_op.drop_index(batch_op.f('ix_search_documents_author_id'))
        batch_op.drop_index(batch_op.f('ix_search_documents_author_country'))

    op.drop_table('search_documents')
