"""The Community of Practice forum: create_app() is the table of contents."""

from __future__ import annotations

import importlib
import logging
import os

from flask import Flask

FEATURES = (
    "main",
    "auth",
    "members",
    "pages",
    "drafts",
    "pictures",
    "threads",
    "resources",
    "events",
    "conversations",
    "reactions",
    "translations",
    "waiting",
    "notifications",
    "bookmarks",
    "search",
    "moderation",
    "admin",
    "webapp",
)


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True)
    _setup_config(app, test_config)
    _setup_logging(app)
    _setup_edge(app)
    _setup_extensions(app)
    _setup_i18n(app)
    _setup_security(app)
    _setup_blueprints(app)
    _setup_templates(app)
    _setup_errors(app)
    _setup_cli(app)
    return app


def _setup_config(app: Flask, test_config: dict | None) -> None:
    from cop.config import load_config

    os.makedirs(app.instance_path, exist_ok=True)
    load_config(app, test_config)


def _setup_logging(app: Flask) -> None:
    if not app.testing and not logging.getLogger().handlers:
        logging.basicConfig(
            level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
        )
    # Alembic announces every plugin it loads at INFO: noise on each start.
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)


def _setup_edge(app: Flask) -> None:
    # Before the blueprints (their <int:...> ids bind the bounded converter) and
    # before other hooks (the character check runs first).
    from cop import bounds, edge

    bounds.init_app(app)
    edge.init_app(app)


def _setup_extensions(app: Flask) -> None:
    from cop import cachepolicy, compression, fragments, mail, pagecache
    from cop.database import init_app as init_database
    from cop.extensions import csrf, db, limiter, login_manager, migrate

    init_database(app)
    migrate.init_app(app, db, directory=os.path.join(os.path.dirname(app.root_path), "migrations"))
    csrf.init_app(app)
    compression.init_app(app)  # before fragments: it compresses the page they finished
    fragments.init_app(app)  # after csrf: it replaces the csrf_token() template function
    pagecache.init_app(app)  # after fragments: it keeps pages before their tokens are filled
    cachepolicy.init_app(app)
    limiter.init_app(app)
    mail.init_app(app)
    login_manager.init_app(app)
    from cop.auth import session as auth_session

    auth_session.init_app(app)


def _setup_i18n(app: Flask) -> None:
    from cop import i18n

    i18n.init_app(app)


def _setup_security(app: Flask) -> None:
    from cop import proxy, security

    security.init_app(app)
    proxy.init_app(app)


def _setup_blueprints(app: Flask) -> None:
    # Each feature package defines its blueprint and an init_app that attaches its
    # route modules and connects its receivers; the order is the order of the menus.
    for name in FEATURES:
        importlib.import_module(f"cop.{name}").init_app(app)


def _setup_templates(app: Flask) -> None:
    from cop import templating

    templating.init_app(app)


def _setup_errors(app: Flask) -> None:
    from cop import errors

    errors.init_app(app)


def _setup_cli(app: Flask) -> None:
    from cop import cli

    cli.init_app(app)
