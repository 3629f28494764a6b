"""Configuration layers and the refusal to run with a weak secret."""

from __future__ import annotations

import pytest

from cop import create_app


def test_outside_debug_and_testing_a_weak_secret_key_stops_the_app(monkeypatch):
    monkeypatch.delenv("COP_SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="strong SECRET_KEY"):
        create_app({"SECRET_KEY": "dev", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    with pytest.raises(RuntimeError, match="strong SECRET_KEY"):
        create_app({"SECRET_KEY": "short", "SQLALCHEMY_DATABASE_URI": "sqlite://"})


def test_a_strong_secret_key_is_accepted():
    app = create_app({"SECRET_KEY": "k" * 40, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert not app.testing


def test_environment_variables_override_the_defaults(monkeypatch):
    monkeypatch.setenv("COP_SECRET_KEY", "e" * 48)
    monkeypatch.setenv("COP_MAIL_SERVER", "smtp.example.org")
    monkeypatch.setenv("COP_MAX_CONTENT_LENGTH", "1000")
    monkeypatch.setenv("DATABASE_URL", "sqlite:///:memory:")
    app = create_app()
    assert app.config["MAIL_SERVER"] == "smtp.example.org"
    assert app.config["MAIL_BACKEND"] == "smtp"
    assert app.config["MAX_CONTENT_LENGTH"] == 1000
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "sqlite:///:memory:"


def test_the_instance_config_file_sits_between_defaults_and_environment(monkeypatch, tmp_path):
    (tmp_path / "config.py").write_text(
        f'SECRET_KEY = "{"i" * 48}"\nSITE_NAME = "From the file"\nMAIL_PORT = 2525\n'
    )
    monkeypatch.setenv("COP_MAIL_PORT", "587")
    monkeypatch.delenv("COP_SECRET_KEY", raising=False)
    monkeypatch.setenv("DATABASE_URL", "sqlite:///:memory:")
    from flask import Flask

    original = Flask.__init__

    def with_instance(self, *args, **kwargs):
        kwargs["instance_path"] = str(tmp_path)
        original(self, *args, **kwargs)

    monkeypatch.setattr(Flask, "__init__", with_instance)
    app = create_app()
    assert app.config["SITE_NAME"] == "From the file"
    assert app.config["MAIL_PORT"] == 587


def test_the_default_database_is_sqlite_in_the_instance_folder(monkeypatch):
    monkeypatch.setenv("COP_SECRET_KEY", "e" * 48)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{app.instance_path}/cop.sqlite3"
