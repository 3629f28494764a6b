"""Destructive actions ask first, with or without JavaScript.

The page's own button posts without `confirmed`: the view answers with a page that
asks "Are you sure?" (templates/confirm.html) and a form that sends `confirmed=1`.
A GET of the same address shows that page too. With JavaScript, cop.js asks in a
dialog instead and adds the field itself, so the page is skipped.
"""

from __future__ import annotations

from flask import request

FIELD = "confirmed"


def is_confirmed() -> bool:
    """The request is the second, deliberate step of a destructive action."""
    return request.method == "POST" and request.form.get(FIELD) == "1"
