"""Outgoing email in the recipient's language: SMTP when configured, files otherwise."""

from __future__ import annotations

import logging
from contextlib import contextmanager

from flask import Flask, current_app, has_request_context, render_template
from flask_babel import force_locale
from flask_mailman import EmailMultiAlternatives

from cop.extensions import mail
from cop.i18n import text_direction

logger = logging.getLogger(__name__)


def init_app(app: Flask) -> None:
    # SMTP only when a server is named; the embedded default writes .eml files
    # under instance/mail so a local install can still follow reset links.
    app.config.setdefault("MAIL_BACKEND", "smtp" if app.config["MAIL_SERVER"] else "file")
    mail.init_app(app)


def writes_to_files() -> bool:
    return current_app.config["MAIL_BACKEND"] == "file"


def send_templated(
    to: str, locale: str, template: str, *, headers: dict[str, str] | None = None, **context
) -> None:
    """Render `email/<template>.txt` and `.html` in `locale` and send both parts.

    `headers` adds message headers (List-Unsubscribe, Message-ID...).
    """
    with force_locale(locale):
        context.update(html_lang=locale, html_dir=text_direction(locale))
        subject = render_template(f"email/{template}.subject.txt", **context).strip()
        text = render_template(f"email/{template}.txt", **context)
        html = render_template(f"email/{template}.html", **context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to], headers=headers or {})
    message.attach_alternative(html, "text/html")
    message.send()
    logger.info("sent %s email", template)


@contextmanager
def link_context():
    """A request context for url_for(_external=True) when there is none (cron)."""
    if has_request_context():
        yield
        return
    config = current_app.config
    base = config.get("BASE_URL") or (
        f"{config.get('PREFERRED_URL_SCHEME', 'http')}://{config.get('SERVER_NAME') or 'localhost'}"
    )
    with current_app.test_request_context("/", base_url=base):
        yield
