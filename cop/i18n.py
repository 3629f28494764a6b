"""Interface languages: which one a request gets, its direction, localized lists."""

from __future__ import annotations

import os
from functools import cache

from babel import Locale
from flask import Flask, request, session
from flask_babel import get_locale
from flask_login import current_user

from cop.extensions import babel

# Code -> the language's own name, shown as-is in the switcher so anyone can find theirs.
SUPPORTED_LOCALES: dict[str, str] = {
    "en": "English",
    "es": "Español",
    "pt": "Português",
    "el": "Ελληνικά",
    "ar": "العربية",
    "fr": "Français",
}
DEFAULT_LOCALE = "en"
SESSION_KEY = "locale"

# The programme's partner countries come first in every country list.
PARTNER_COUNTRIES = ("ES", "PT", "GR", "JO", "PS", "TN")
# CLDR territory codes that are groupings or placeholders, not countries.
NOT_COUNTRIES = frozenset({"ZZ", "EU", "EZ", "UN", "QO", "XA", "XB"})


def is_supported(code: str | None) -> bool:
    return code in SUPPORTED_LOCALES


def select_language() -> str:
    """The choice made in this browser session, then the member's preference, then
    Accept-Language, then English.

    The session's choice comes first so that signing in keeps the language the reader
    picked before (the switcher, signed in, saves it on the account as well)."""
    chosen = session.get(SESSION_KEY)
    if is_supported(chosen):
        return chosen
    if current_user and current_user.is_authenticated and is_supported(current_user.locale):
        return current_user.locale
    return request.accept_languages.best_match(SUPPORTED_LOCALES) or DEFAULT_LOCALE


def select_locale() -> str:
    """The interface language, made regional by the member's format ("ar" -> "ar_JO").

    Flask-Babel formats dates and numbers with this locale; translations still come from
    the language's catalog, since gettext falls back from "ar_JO" to "ar" by itself.
    """
    language = select_language()
    if current_user and current_user.is_authenticated:
        return formatting_locale(language, getattr(current_user, "format_locale", None))
    return language


def select_timezone() -> str:
    """The member's time zone, else their country's main one; UTC for visitors."""
    if current_user and current_user.is_authenticated:
        chosen = getattr(current_user, "timezone", None)
        if chosen and chosen in available_timezones():
            return chosen
        return country_timezone(current_user.country) or "UTC"
    return "UTC"


# Countries with several zones: the one most of their people live in.
MAIN_ZONES = {"ES": "Europe/Madrid", "PT": "Europe/Lisbon", "PS": "Asia/Hebron"}


@cache
def country_timezone(country: str | None) -> str | None:
    """The time zone of a country with one (or a main one), else None."""
    from babel.core import get_global

    if not country:
        return None
    zones = get_global("territory_zones").get(country, [])
    return MAIN_ZONES.get(country) or (zones[0] if len(zones) == 1 else None)


@cache
def available_timezones() -> frozenset[str]:
    import zoneinfo

    return frozenset(zoneinfo.available_timezones())


@cache
def formatting_locale(language: str, chosen: str | None) -> str:
    """`chosen` if it is a region of `language`; else that region in `language`; else it."""
    if not chosen:
        return language
    try:
        locale = Locale.parse(chosen)
    except (ValueError, TypeError):
        return language
    if locale.language == language:
        return str(locale)
    candidate = f"{language}_{locale.territory}" if locale.territory else None
    return candidate if candidate in _locale_identifiers() else language


@cache
def _locale_identifiers() -> frozenset[str]:
    from babel.localedata import locale_identifiers

    return frozenset(locale_identifiers())


def interface_language() -> str:
    """The catalog language of this request ("ar" even when dates are "ar_JO")."""
    return get_locale().language if get_locale() else DEFAULT_LOCALE


def text_direction(code: str) -> str:
    return Locale.parse(code).text_direction  # "ltr" or "rtl"


def country_choices() -> list[tuple[str, str]]:
    """ISO countries named in the reader's language, partner countries first."""
    return _country_choices(str(get_locale()))


@cache
def _country_choices(code: str) -> list[tuple[str, str]]:
    territories = Locale.parse(code).territories
    codes = [c for c in territories if len(c) == 2 and c.isalpha() and c not in NOT_COUNTRIES]
    partners = [(c, territories[c]) for c in PARTNER_COUNTRIES]
    others = sorted(
        ((c, territories[c]) for c in codes if c not in PARTNER_COUNTRIES),
        key=lambda item: item[1].casefold(),
    )
    return partners + others


def country_name(code: str | None) -> str:
    if not code:
        return ""
    return Locale.parse(str(get_locale())).territories.get(code, code)


def text_direction_of(code: str | None) -> str:
    """Direction of a content language, for blocks whose language is known."""
    return text_direction(code) if is_supported(code) else "auto"


def _template_globals() -> dict:
    code = interface_language()
    return {
        "html_lang": code,
        "html_dir": text_direction(code),
        "supported_locales": SUPPORTED_LOCALES,
        "country_name": country_name,
    }


def init_app(app: Flask) -> None:
    translations = os.path.join(os.path.dirname(app.root_path), "translations")
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", translations)
    # Flask-Babel also installs gettext, ngettext and _ on the Jinja environment.
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
    app.context_processor(_template_globals)
