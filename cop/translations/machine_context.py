"""What a page shows of machine translations: under a post, a thread's title, a
resource's title and description, either the stored machine translation into the
reader's interface language (labelled with the provider's name) or, for members who
may write and when a provider is configured, the "Translate into ..." button.

Templates call `machine_box(kind, obj)` (a Jinja global set here, so cop/threads and
cop/resources never import this package). Under posts it is rendered inside the thread
page's posts region, whose key holds what it depends on for the reader: the language,
whether they may write, the thread's version (a stored translation bumps it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Flask, current_app, g
from flask_login import current_user
from markupsafe import Markup

from cop import permissions
from cop.i18n import interface_language, language_name
from cop.translations.machine_providers import configured_provider, provider_name
from cop.translations.machine_services import (
    MACHINE_KINDS,
    is_live,
    machine_translations_for,
    wants_translation,
)
from cop.translations.models import MACHINE, ContentTranslation
from cop.translations.reading import reading_languages
from cop.translations.shown import page_rows
from cop.translations.sources import Original


@dataclass(frozen=True)
class MachineBox:
    kind: str
    object_id: int
    language: str
    translation: ContentTranslation | None
    may_request: bool  # the button: a member who may write, a provider configured
    may_correct: bool  # the link to the member translation form, prefilled

    @property
    def language_name(self) -> str:
        return language_name(self.language)

    @property
    def anchor(self) -> str:
        return f"machine-{self.kind}-{self.object_id}"


def original_of(kind: str, obj: Any) -> Original | None:
    """The original as the page already holds it: no query."""
    if kind == "post":
        return Original(kind, obj.id, obj, obj.language, None, obj.body_source)
    if kind == "thread":
        return Original(kind, obj.id, obj, obj.language, obj.title, "")
    if kind == "resource":
        return Original(kind, obj.id, obj, obj.original_language, obj.title, obj.description_source)
    return None


def machine_box(kind: str, obj: Any) -> MachineBox | None:
    """What to show for this text, or None (same language, not live, nothing to do)."""
    original = original_of(kind, obj) if kind in MACHINE_KINDS else None
    language = interface_language()
    if original is None or not wants_translation(original, language) or not is_live(original):
        return None
    if original.language in reading_languages(current_user).languages:
        return None  # a language the reader reads (their profile): no translation needed
    digest = original.digest
    loaded = page_rows(kind, original.object_id, language)
    if loaded is not None:  # a thread page's one query of its translations held it
        found = next(
            (row for row in loaded if row.origin == MACHINE and row.source_digest == digest), None
        )
    else:
        found = machine_translations_for(kind, {original.object_id: digest}, language).get(
            original.object_id
        )
    may_write = permissions.can_write(current_user)
    may_request = found is None and may_write and _provider_configured()
    if found is None and not may_request:
        return None
    return MachineBox(
        kind=kind,
        object_id=original.object_id,
        language=language,
        translation=found,
        may_request=may_request,
        may_correct=found is not None and may_write,
    )


def _provider_configured() -> bool:
    if "machine_provider" not in g:
        provider = configured_provider(current_app.config)
        g.machine_provider = provider.name if provider is not None else None
    return g.machine_provider is not None


def machine_provider_name() -> str | None:
    """The admin dashboard's line: which provider is configured (never its key)."""
    return provider_name(current_app.config)


def provider_label(name: str | None) -> Markup:
    """A provider's name inside interface text: isolated, a product name (lang="en",
    translate="no": neither a screen reader nor a browser's translator reads it as a word
    of the page's language)."""
    return Markup('<bdi lang="en" translate="no">{}</bdi>').format(name or "")


def init_app(app: Flask) -> None:
    app.jinja_env.globals["machine_box"] = machine_box
    app.jinja_env.globals["machine_provider_name"] = machine_provider_name
    app.jinja_env.globals["provider_label"] = provider_label
