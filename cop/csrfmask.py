"""CSRF tokens masked afresh in every response, against BREACH.

Pages leave compressed (cop.compression). A compressed page that holds a secret beside
text an attacker chooses (a search query, a name) leaks the secret through its length,
one guessed character at a time, over many requests. So no response carries the token as
it is: each writes it XORed with a fresh random pad, pad first, as Django and Rails do.
The check takes the pad off before Flask-WTF verifies the token. An unmasked token (a
script that reads `generate_csrf()` itself) still verifies.
"""

from __future__ import annotations

import binascii
import secrets
from base64 import urlsafe_b64decode, urlsafe_b64encode

from flask_wtf.csrf import CSRFProtect

PREFIX = "m."


def mask(token: str) -> str:
    """The token under a new random pad: a different string every time."""
    raw = token.encode()
    pad = secrets.token_bytes(len(raw))
    masked = bytes(a ^ b for a, b in zip(raw, pad, strict=True))
    return PREFIX + urlsafe_b64encode(pad + masked).decode().rstrip("=")


def unmask(value: str) -> str:
    """The token a masked value carries; '' for a value no mask made (the check fails)."""
    if not value.startswith(PREFIX):
        return value
    body = value[len(PREFIX) :]
    try:
        data = urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except (ValueError, binascii.Error):
        return ""
    half, odd = divmod(len(data), 2)
    if odd or not half:
        return ""
    pad, masked = data[:half], data[half:]
    try:
        return bytes(a ^ b for a, b in zip(masked, pad, strict=True)).decode("ascii")
    except UnicodeDecodeError:
        return ""


def mask_tokens(html: str, token: str) -> str:
    """Every copy of the reader's token in a page, masked (one pad per response)."""
    if token not in html:
        return html
    return html.replace(token, mask(token))


class MaskedCSRFProtect(CSRFProtect):
    """Flask-WTF's protection, reading masked tokens from forms and headers."""

    def _get_csrf_token(self):
        token = super()._get_csrf_token()
        return unmask(token) if isinstance(token, str) else token
