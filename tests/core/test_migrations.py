"""The migrations build exactly the schema the models describe, on this database."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from cop.extensions import db
from tests.conftest import build_app
from tests.databases import fresh_database_url


def include_name(name, type_, parent_names):
    """Skip the search engine's own objects (migration 0007 makes them with raw SQL):
    FTS5 tables and their shadow tables on SQLite, the tsvector column and its index on
    PostgreSQL."""
    return not (name or "").startswith("search_fts")


def test_upgrade_from_empty_gives_exactly_the_models_schema(tmp_path):
    app = build_app(fresh_database_url("migrations", tmp_path))
    with app.app_context():
        upgrade(revision="heads")
        with db.engine.connect() as conn:
            context = MigrationContext.configure(
                conn,
                opts={"compare_type": True, "render_as_batch": True, "include_name": include_name},
            )
            differences = compare_metadata(context, db.metadata)
        db.engine.dispose()
    assert differences == [], f"models and migrations disagree: {differences}"


def test_the_migrations_form_one_line_of_history(app):
    script = ScriptDirectory.from_config(app.extensions["migrate"].migrate.get_config())
    assert len(script.get_heads()) == 1, "merge or re-chain the migration heads"


def test_every_migration_downgrades_to_empty_and_up_again(tmp_path):
    app = build_app(fresh_database_url("roundtrip", tmp_path))
    with app.app_context():
        upgrade(revision="heads")
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        upgrade(revision="heads")
        assert "members" in inspect(db.engine).get_table_names()
        db.engine.dispose()
