"""One Cache-Control policy per kind of answer, set whole so directives never contradict.

Flask's send_file adds "public, max-age=<SEND_FILE_MAX_AGE_DEFAULT>" (a year, meant for
fingerprinted static files); adding "private, no-cache" on top gave downloads a header
that says both. Each helper here replaces the header instead of adding to it:

- versioned(): the URL changes when the content does (avatars with ?v=, assets):
  any cache keeps it a year;
- public_revalidated(): files anyone may fetch (shared resources): caches may keep
  them but ask each time (a cheap 304 with the ETag), so a removed file stops at once;
- private_revalidated(): files only some members see (removed resources, for
  moderators): only the member's own browser keeps them, and asks each time;
- personal(): personal data (exports): never stored anywhere.

A page rendered for a signed-in member shows their own marks, counts and forms: unless
its view chose a policy, it is private_revalidated() (init_app), so no shared cache
between them and us keeps it for anyone else.
"""

from __future__ import annotations

from flask import Flask
from flask_login import current_user
from werkzeug.wrappers import Response

YEAR = 365 * 24 * 60 * 60


def _set(response: Response, value: str) -> Response:
    response.headers["Cache-Control"] = value
    return response


def versioned(response: Response, *, max_age: int = YEAR) -> Response:
    return _set(response, f"public, max-age={max_age}, immutable")


def public_revalidated(response: Response) -> Response:
    return _set(response, "public, no-cache")


def private_revalidated(response: Response) -> Response:
    response.vary.add("Cookie")
    return _set(response, "private, no-cache")


def personal(response: Response) -> Response:
    response.vary.add("Cookie")
    return _set(response, "private, no-store")


def _signed_in_pages_are_private(response: Response) -> Response:
    if (
        "Cache-Control" not in response.headers
        and response.mimetype == "text/html"
        and current_user.is_authenticated
    ):
        private_revalidated(response)
    return response


def init_app(app: Flask) -> None:
    app.after_request(_signed_in_pages_are_private)
