"""Interface languages: which one a request gets, its direction, localized lists."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.lists import format_list
from flask import Flask, request, session
from flask_babel import format_decimal, get_locale
from flask_babel import gettext as _
from flask_login import current_user
from jinja2 import pass_eval_context
from markupsafe import Markup

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
        return member_timezone(current_user)
    return "UTC"


def member_timezone(member) -> str:
    """A member's chosen time zone, else their country's main one, else UTC (also for
    emails sent from cron, where nobody is signed in)."""
    chosen = getattr(member, "timezone", None)
    if chosen and chosen in available_timezones():
        return chosen
    return country_timezone(member.country) or "UTC"


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


def is_country_code(code: str | None) -> bool:
    """An ISO 3166 two-letter country code, upper case (not a region like "EU")."""
    return bool(code) and code in _country_codes()


@cache
def _country_codes() -> frozenset[str]:
    territories = Locale("en").territories
    return frozenset(
        c for c in territories if len(c) == 2 and c.isalpha() and c not in NOT_COUNTRIES
    )


def country_name(code: str | None) -> str:
    if not code:
        return ""
    return Locale.parse(str(get_locale())).territories.get(code, code)


def text_direction_of(code: str | None) -> str:
    """Direction of a content language, for blocks whose language is known."""
    return text_direction(code) if is_supported(code) else "auto"


# Unicode's FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE: <bdi> for plain text.
FSI, PDI = "\u2068", "\u2069"


def isolate(value: object, *, html: bool = True) -> Markup | str:
    """A user value inside an interface sentence, laid out in its own direction.

    Without it an Arabic title in "Reply to “…”" (or a Latin one in an Arabic sentence)
    drags the quotes and punctuation around it to the wrong side. HTML gets an escaped
    <bdi>; plain text (emails, <title>, flash messages) gets FSI ... PDI.
    """
    text = "" if value is None else value
    if html:
        return Markup("<bdi>%s</bdi>") % text
    return f"{FSI}{text}{PDI}"


@pass_eval_context
def _isolate_filter(eval_ctx, value: object, plain: bool = False) -> Markup | str:
    """`{{ title|isolate }}`: <bdi> in HTML templates, FSI/PDI in .txt ones or with plain."""
    return isolate(value, html=eval_ctx.autoescape and not plain)


def isolated_list(values: Iterable[object], *, prefix: str = "") -> Markup:
    """Values as a list in the reader's language ("a, b and c"), each in its <bdi>."""
    items = [isolate(f"{prefix}{value}") for value in values]
    if not items:
        return Markup()
    # CLDR's joiners around numbered slots, escaped, then the <bdi>s put in the slots.
    slots = [f"\x00{n}\x00" for n in range(len(items))]
    pieces = re.split("\x00(\\d+)\x00", format_list(slots, locale=get_locale() or DEFAULT_LOCALE))
    return Markup("").join(items[int(p)] if i % 2 else p for i, p in enumerate(pieces))


def language_name(code: str | None) -> str:
    """A language's name in the reader's language ("fr" -> "francés" on Spanish pages)."""
    if not code:
        return ""
    try:
        return Locale.parse(code).get_display_name(get_locale() or DEFAULT_LOCALE) or code
    except (ValueError, TypeError, UnknownLocaleError):
        return code


def language_tag(code: str | None, *, badge: bool = False) -> Markup:
    """A content language named for the reader; the code stays machine-readable.

    Not `lang="fr"` on "francés": that would tell screen readers to read a Spanish
    word with a French voice. <data value> carries the code instead.
    """
    css = "language-tag" if badge else "language"
    return Markup('<data class="%s" value="%s">%s</data>') % (css, code or "", language_name(code))


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
    # Globals, not context: imported macros and cached fragments see them too.
    app.jinja_env.filters["isolate"] = _isolate_filter
    app.jinja_env.globals["language_name"] = language_name
    app.jinja_env.globals["language_tag"] = language_tag
    app.jinja_env.globals["isolated_list"] = isolated_list


def file_size(size: int | None) -> str:
    """Bytes in the reader's language: "12 KB", "3,5 MB"."""
    size = size or 0
    if size < 1024:
        return _("%(number)s bytes", number=format_decimal(size))
    if size < 1024 * 1024:
        return _("%(number)s KB", number=format_decimal(round(size / 1024)))
    return _("%(number)s MB", number=format_decimal(round(size / 1024 / 1024, 1)))
