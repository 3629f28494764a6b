"""Notifications: watching threads, tables and resources; in-app notices; emails."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Connect the event receivers, the after-commit sending and the commands."""
    from cop.notifications import cli, fanout, mailer  # noqa: F401  (cli adds commands)

    fanout.connect()
    mailer.init_app(app)
