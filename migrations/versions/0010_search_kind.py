"""search kind: the FTS5 index also holds each document's kind (SQLite)

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-26 22:10:00

Measured with `python -m bench` (search "cooperativa vivienda", ~7,700 matches): the
counts per kind and the ranked page read the kind of every match from its (wide)
search_documents row, ~10 ms of the ~16 ms statement. With the kind as a third FTS5
column, `kind : "thread" AND {title_tokens body_tokens} : (...)` counts and ranks the
matches of one kind inside the full-text index.

SQLite: the external-content table and its triggers are made again with the column, and
the index is rebuilt from search_documents (FTS5's 'rebuild' command: SQL only, no app
code). PostgreSQL: nothing to do; the GIN index and the kind column are filtered
together by the planner, and ts_rank does not change.
"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

DROP = [
    "DROP TRIGGER IF EXISTS search_fts_au",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TABLE IF EXISTS search_fts",
]
# FTS5's 'rebuild' reads every row of the external content table again.
REBUILD = "INSERT INTO search_fts(search_fts) VALUES ('rebuild')"
WITH_KIND = [
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title_tokens, body_tokens, kind, content='search_documents', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER search_fts_ai AFTER INSERT ON search_documents BEGIN "
    "INSERT INTO search_fts(rowid, title_tokens, body_tokens, kind) "
    "VALUES (new.id, new.title_tokens, new.body_tokens, new.kind); END",
    "CREATE TRIGGER search_fts_ad AFTER DELETE ON search_documents BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, title_tokens, body_tokens, kind) "
    "VALUES ('delete', old.id, old.title_tokens, old.body_tokens, old.kind); END",
    "CREATE TRIGGER search_fts_au AFTER UPDATE ON search_documents BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, title_tokens, body_tokens, kind) "
    "VALUES ('delete', old.id, old.title_tokens, old.body_tokens, old.kind); "
    "INSERT INTO search_fts(rowid, title_tokens, body_tokens, kind) "
    "VALUES (new.id, new.title_tokens, new.body_tokens, new.kind); END",
]
# As 0007 made it.
WITHOUT_KIND = [
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


def upgrade():
    if op.get_bind().dialect.name == "sqlite":
        for statement in [*DROP, *WITH_KIND, REBUILD]:
            op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name == "sqlite":
        for statement in [*DROP, *WITHOUT_KIND, REBUILD]:
            op.execute(statement)
