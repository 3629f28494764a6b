"""Password policy and hashing: long passphrases welcome, very common passwords refused."""

from __future__ import annotations

from functools import cache

from flask import current_app
from werkzeug.security import check_password_hash, generate_password_hash

MIN_LENGTH = 8
MAX_LENGTH = 1024  # room for passphrases, but a bound on the work the KDF does
# Comparing against a real hash for unknown emails keeps both answers equally slow.
_DUMMY_HASH = generate_password_hash("cop-timing-equaliser")


@cache
def _common_passwords() -> frozenset[str]:
    # zxcvbn ships a ranked list of 30,000 leaked passwords; it is the data we need,
    # maintained by people who study password leaks.
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(FREQUENCY_LISTS["passwords"])


def is_common(password: str) -> bool:
    return password.casefold() in _common_passwords()


def hash_password(password: str) -> str:
    # scrypt, Werkzeug's default KDF; tests choose a cheaper method through the config.
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


def verify_password(password_hash: str | None, password: str) -> bool:
    if password_hash is None:
        check_password_hash(_DUMMY_HASH, password)
        return False
    return check_password_hash(password_hash, password)
