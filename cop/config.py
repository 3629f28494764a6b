"""Configuration: defaults here, then instance/config.py, then COP_* environment variables."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from flask import Flask

from cop import ratelimits

WEAK_SECRET_KEYS = {"", "dev", "change-me", "secret", "development"}
MIN_SECRET_KEY_LENGTH = 32


class Defaults:
    SECRET_KEY = "dev"
    SQLALCHEMY_DATABASE_URI: str | None = None  # set from the instance folder or DATABASE_URL
    SQLALCHEMY_ENGINE_OPTIONS: dict = {}
    SQLALCHEMY_RECORD_QUERIES = False

    # Sessions and cookies.
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False  # turned on by PREFERRED_URL_SCHEME = "https"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_DURATION = 60 * 60 * 24 * 30
    PREFERRED_URL_SCHEME = "http"
    PROXY_COUNT = 0  # proxies in front whose X-Forwarded-* we trust (cop.proxy)
    WTF_CSRF_TIME_LIMIT = None  # tied to the session instead: long forms stay valid

    # Babel.
    BABEL_DEFAULT_LOCALE = "en"
    BABEL_DEFAULT_TIMEZONE = "UTC"

    # Rate limits (Flask-Limiter): Redis when COP_REDIS_URL is set, otherwise a SQLite
    # file in the instance folder that every worker of the machine shares (cop.ratelimits).
    REDIS_URL: str | None = None
    RATELIMIT_STORAGE_URI: str | None = None
    # Storage unreachable (Redis down, the file unwritable): each worker counts in its
    # own memory until it is back, rather than answering 500.
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    RATELIMIT_HEADERS_ENABLED = True
    RATELIMIT_ENABLED = True
    RATELIMIT_SIGN_IN = "10 per minute;50 per hour"
    RATELIMIT_REGISTER = "5 per hour"
    RATELIMIT_PASSWORD_RESET = "5 per hour"
    # New links to confirm an email address (cop/auth/confirm_views.py): per member and address.
    RATELIMIT_CONFIRM_RESEND = "3 per hour"
    # Moderation (cop/moderation): per member and per address.
    RATELIMIT_REPORT = "10 per minute;60 per day"
    RATELIMIT_POST = "6 per minute;120 per day"
    # Private conversations (cop/conversations): new ones, per member and per address.
    RATELIMIT_CONVERSATION = "3 per minute;30 per day"
    # Reactions to posts (cop/reactions): pressing and taking back, per member and address.
    RATELIMIT_REACTION = "30 per minute;600 per day"
    # Machine translation (cop/translations/machine_providers.py): asking for one, per
    # member and per address, and for the whole site (what the provider is spared).
    RATELIMIT_MACHINE_TRANSLATION = "10 per minute;200 per day"
    RATELIMIT_MACHINE_TRANSLATION_SITE = "60 per minute"
    CONVERSATIONS_MAX_PARTICIPANTS = 10  # the writer included
    # Approved posts a member needs before writing to someone they never shared a thread
    # with (moderators and admins are exempt).
    CONVERSATIONS_MIN_POSTS_FOR_STRANGERS = 1
    # Hours before an event when those going get its reminder (`flask cop
    # send-notifications` sends it; COP_EVENT_REMINDER_HOURS to change it).
    EVENT_REMINDER_HOURS = 24
    # Defaults of the site settings until an admin stores them (cop/sitesettings.py).
    MODERATION_APPROVAL_COUNT = 2
    MODERATION_NEW_MEMBER_POSTS = 10
    MODERATION_LINK_LIMIT = 2
    MODERATION_UPLOAD_LIMIT_MB = 50
    MODERATION_REGISTRATION_OPEN = True

    # Mail: SMTP when MAIL_SERVER is set, otherwise files under instance/mail.
    MAIL_SERVER: str | None = None
    MAIL_PORT = 25
    MAIL_USE_TLS = False
    MAIL_USE_SSL = False
    MAIL_USERNAME: str | None = None
    MAIL_PASSWORD: str | None = None
    MAIL_DEFAULT_SENDER = "Community of Practice <noreply@localhost>"
    MAIL_TIMEOUT = 10

    PASSWORD_RESET_MAX_AGE = 60 * 60  # one hour
    EMAIL_CONFIRM_MAX_AGE = 3 * 24 * 60 * 60  # three days: slow mail, weekends
    PASSWORD_HASH_METHOD = "scrypt"
    MAX_CONTENT_LENGTH = 50 * 1024 * 1024
    # Pictures in posts (cop/pictures): what one member may store, re-encoded bytes.
    PICTURES_QUOTA_MB = 50
    # Static URLs carry a content fingerprint (templating.asset_url): cache them a year.
    SEND_FILE_MAX_AGE_DEFAULT = 365 * 24 * 60 * 60
    SITE_NAME = "Community of Practice"
    # A text that clearly is not in the language its writer chose is shown back with a
    # notice before it is written (cop/languagecheck.py).
    LANGUAGE_CHECK = True
    # Machine translation of content, off unless set: "libretranslate" (COP_MT_URL, its
    # server; COP_MT_API_KEY if it asks for one) or "deepl" (COP_MT_API_KEY; COP_MT_URL
    # https://api.deepl.com for a pro account). Readers wait at most COP_MT_TIMEOUT seconds.
    MT_PROVIDER = ""
    MT_URL = ""
    MT_API_KEY = ""
    MT_TIMEOUT = 8
    MT_MAX_RESPONSE_BYTES = 1024 * 1024


def load_config(app: Flask, test_config: dict | None) -> None:
    """Fill app.config from the three layers, tests replacing the last two."""
    app.config.from_object(Defaults)
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        app.config.from_prefixed_env("COP")
        if os.environ.get("DATABASE_URL"):
            app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["DATABASE_URL"]
    else:
        app.config.update(test_config)

    if not app.config["SQLALCHEMY_DATABASE_URI"]:
        db_path = Path(app.instance_path) / "cop.sqlite3"
        app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{db_path}"
    if app.config["REDIS_URL"]:
        app.config["RATELIMIT_STORAGE_URI"] = app.config["REDIS_URL"]
    elif not app.config["RATELIMIT_STORAGE_URI"]:
        counters = Path(app.instance_path) / "ratelimits.sqlite3"
        app.config["RATELIMIT_STORAGE_URI"] = ratelimits.storage_uri(str(counters))
    if app.config["PREFERRED_URL_SCHEME"] == "https":
        app.config["SESSION_COOKIE_SECURE"] = True
        app.config["REMEMBER_COOKIE_SECURE"] = True
    app.config.setdefault("MAIL_FILE_PATH", str(Path(app.instance_path) / "mail"))
    _refuse_weak_secret(app)


def _refuse_weak_secret(app: Flask) -> None:
    if app.debug or app.testing:
        return
    key = str(app.config.get("SECRET_KEY") or "")
    if key in WEAK_SECRET_KEYS or len(key) < MIN_SECRET_KEY_LENGTH:
        raise RuntimeError(
            "Refusing to start without a strong SECRET_KEY: set COP_SECRET_KEY or write "
            "SECRET_KEY into instance/config.py (`flask cop make-secret` prints one)."
        )


def generate_secret_key() -> str:
    return secrets.token_urlsafe(48)
