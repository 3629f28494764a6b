"""Translated labels for profile enums, expertise suggestions, languages, regional formats."""

from __future__ import annotations

import unicodedata
from functools import cache

from babel import Locale
from flask_babel import force_locale, get_locale
from flask_babel import lazy_gettext as _l

from cop.i18n import SUPPORTED_LOCALES, interface_language
from cop.members.models import OrganisationKind, Profession, Visibility

ORGANISATION_KIND_LABELS = {
    OrganisationKind.PUBLIC_ADMINISTRATION: _l("Public administration"),
    OrganisationKind.SSE_ORGANISATION: _l("SSE organisation or cooperative"),
    OrganisationKind.NGO: _l("NGO"),
    OrganisationKind.UNIVERSITY: _l("University or research centre"),
    OrganisationKind.NETWORK: _l("Network"),
    OrganisationKind.OTHER: _l("Other kind of organisation"),
}

PROFESSION_LABELS = {
    Profession.POLICY_MAKER: _l("Policy maker"),
    Profession.SSE_PRACTITIONER: _l("SSE practitioner"),
    Profession.NGO_PRACTITIONER: _l("NGO practitioner"),
    Profession.RESEARCHER: _l("Researcher"),
    Profession.TRAINER: _l("Trainer or facilitator"),
    Profession.OTHER: _l("Other role"),
}

VISIBILITY_LABELS = {
    Visibility.PUBLIC: _l("Everyone, including visitors who are not signed in"),
    Visibility.MEMBERS: _l("Only signed-in members"),
}

# Suggested areas of expertise: a stable key, shown in the reader's language.
EXPERTISE_SUGGESTIONS = {
    "co_production": _l("co-production"),
    "social_services": _l("social services"),
    "public_procurement": _l("public procurement"),
    "complementary_currencies": _l("complementary currencies"),
    "social_inclusion": _l("social inclusion"),
    "training": _l("training"),
    "cooperatives": _l("cooperatives"),
    "local_development": _l("local development"),
    "evaluation": _l("evaluation"),
    "participatory_budgeting": _l("participatory budgeting"),
}
MAX_TAG_LENGTH = 48

# Languages a member may say they speak: the region's, then widely used ones.
SPOKEN_LANGUAGES = (
    "ar", "el", "es", "pt", "fr", "en", "it", "ca", "eu", "gl", "tr", "he", "de", "mt", "hr", "sl",
    "sq",
)  # fmt: skip

# Regional formats offered, per interface language: the partner countries first.
REGIONAL_FORMATS = {
    "ar": ("ar_JO", "ar_PS", "ar_TN", "ar_EG", "ar_LB", "ar_MA", "ar_DZ", "ar_SA", "ar_AE"),
    "el": ("el_GR", "el_CY"),
    "es": ("es_ES", "es_MX", "es_AR", "es_419", "es_US"),
    "pt": ("pt_PT", "pt_BR"),
    "fr": ("fr_FR", "fr_TN", "fr_BE", "fr_CH", "fr_CA", "fr_MA", "fr_DZ"),
    "en": ("en_GB", "en_US", "en_IE", "en_MT", "en_CY", "en_150"),
}


def organisation_kind_choices() -> list[tuple[str, str]]:
    return [(kind.value, str(label)) for kind, label in ORGANISATION_KIND_LABELS.items()]


def profession_choices() -> list[tuple[str, str]]:
    return [(p.value, str(label)) for p, label in PROFESSION_LABELS.items()]


def language_name(code: str) -> str:
    return _language_name(code, interface_language())


@cache
def _language_name(code: str, reader: str) -> str:
    name = Locale.parse(reader).languages.get(code, code)
    return name[:1].upper() + name[1:]


def language_choices() -> list[tuple[str, str]]:
    return [(code, language_name(code)) for code in SPOKEN_LANGUAGES]


def expertise_label(tag: str) -> str:
    label = EXPERTISE_SUGGESTIONS.get(tag)
    return str(label) if label is not None else tag


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.replace("-", " ").replace("_", " ").split())


@cache
def _labels_by_fold() -> dict[str, str]:
    """Every suggestion's label in every interface language -> its key."""
    table: dict[str, str] = {}
    for code in SUPPORTED_LOCALES:
        with force_locale(code):
            for key, label in EXPERTISE_SUGGESTIONS.items():
                table[_fold(str(label))] = key
    for key in EXPERTISE_SUGGESTIONS:
        table[_fold(key)] = key
    return table


def normalize_tag(text: str) -> str:
    """A typed tag -> its suggestion key if it names one in any language, else tidied text."""
    text = " ".join(unicodedata.normalize("NFC", text).split()).strip(" ,;#")
    if not text:
        return ""
    key = _labels_by_fold().get(_fold(text))
    return key or text.casefold()[:MAX_TAG_LENGTH]


def regional_format_choices() -> list[tuple[str, str]]:
    """("", default) and the formats of the interface language, named in it, with a sample."""
    language = interface_language()
    choices = []
    for code in REGIONAL_FORMATS.get(language, ()):
        name = Locale.parse(code).get_display_name(language) or code
        choices.append((code, name))
    return choices


def all_regional_formats() -> frozenset[str]:
    return frozenset(code for codes in REGIONAL_FORMATS.values() for code in codes)


def current_format_locale() -> str:
    return str(get_locale())
