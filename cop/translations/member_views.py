"""Writing members' translations: add one, improve it, remove it.

Each view parses, checks who may act (cop/translations/permissions.py), calls one
service and commits once. A form with errors comes back (422) with everything typed; an
edit saved by someone else meanwhile (409) shows their version above the member's
text; two members adding the same language at once: the second is shown the first's
translation, their own text still in the form.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from cop.confirmation import is_confirmed
from cop.extensions import db
from cop.i18n import SUPPORTED_LOCALES, isolate, language_name
from cop.translations import bp, services
from cop.translations.forms import TranslationForm
from cop.translations.machine_services import machine_text_for
from cop.translations.models import ContentTranslation
from cop.translations.permissions import (
    acts_as_moderator,
    can_change_translation,
    can_see_translation,
    can_translate,
)
from cop.translations.queries import member_translation
from cop.translations.sources import Original
from cop.translations.views import (
    original_url,
    page_context,
    reader,
    visible_original,
    visible_translation,
)
from cop.versions import StaleEdit, reload_after_stale

KINDS = "any(post, thread, resource, category)"


def _language_named(code: str) -> str:
    return isolate(language_name(code), html=False)


def _existing_for(original: Original, language: str | None) -> ContentTranslation | None:
    if language not in SUPPORTED_LOCALES or language == original.language:
        return None
    return member_translation(original.kind, original.object_id, language)


def _start_from_machine(form: TranslationForm, original: Original, language: str) -> None:
    """ "Correct this translation": the form starts from the machine's words."""
    title, body = machine_text_for(original.kind, original.object_id, language)
    if title and original.has_title:
        form.title.data = title
    if body and original.has_body:
        form.body.data = body


@bp.route(f"/<{KINDS}:kind>/<int:object_id>/new", methods=["GET", "POST"])
@login_required
def add(kind: str, object_id: int):
    original = visible_original(kind, object_id)
    member = reader()
    if not can_translate(member, original):
        abort(403)
    form = TranslationForm(original=original)
    existing = None
    if request.method == "GET":
        chosen = request.args.get("language")
        existing = _existing_for(original, chosen)
        if existing is not None and can_change_translation(member, existing, original):
            return redirect(url_for("translations.edit", translation_id=existing.id))
        if existing is not None and can_see_translation(member, existing, original):
            flash(_("There is a translation into %(language)s already: here it is.",
                    language=_language_named(existing.language)), "info")  # fmt: skip
            return redirect(url_for("translations.show", translation_id=existing.id))
        if chosen in SUPPORTED_LOCALES and chosen != original.language:
            form.language.data = chosen
            if request.args.get("start") == "machine":
                _start_from_machine(form, original, chosen)
        existing = None  # hidden from this member (cop.moderation): the form, as if none
    elif form.validate():
        translation, created = services.add_translation(
            original,
            translator=member,
            language=form.language.data,
            title=form.title.data if original.has_title else None,
            body=(form.body.data or "") if original.has_body else "",
        )
        if created:
            db.session.commit()
            flash(_("Thank you: your translation into %(language)s is published.",
                    language=_language_named(translation.language)), "success")  # fmt: skip
            return redirect(url_for("translations.show", translation_id=translation.id))
        existing = translation  # nothing written: the member sees it, their text kept
    status = 409 if existing is not None else 422 if form.errors else 200
    html = render_template(
        "translations/form.html",
        form=form,
        original=original,
        original_url=original_url(original),
        translation=None,
        existing=existing,
        may_improve=existing is not None and can_change_translation(member, existing, original),
        # A hidden translation's words show to its translator and moderators only.
        shows_existing=existing is not None and can_see_translation(member, existing, original),
        conflict=False,
    )
    return html, status


@bp.route("/<int:translation_id>/edit", methods=["GET", "POST"])
@login_required
def edit(translation_id: int):
    translation, original = visible_translation(translation_id)
    member = reader()
    if not can_change_translation(member, translation, original):
        abort(403)
    form = TranslationForm(original=original)
    del form.language  # a translation keeps its language
    conflict = False
    if request.method == "GET":
        form.version.data = translation.version
        if original.has_title:
            form.title.data = translation.title
        if original.has_body:
            form.body.data = translation.body_source
    elif form.validate():
        try:
            services.edit_translation(
                translation,
                original,
                editor=member,
                title=form.title.data if original.has_title else None,
                body=(form.body.data or "") if original.has_body else "",
                version=form.version.data,
                as_moderator=acts_as_moderator(member, translation, original),
            )
            db.session.commit()
        except StaleEdit:
            conflict = reload_after_stale(form, translation)
        else:
            flash(_("Your changes are saved."), "success")
            return redirect(url_for("translations.show", translation_id=translation.id))
    status = 409 if conflict else 422 if form.errors else 200
    html = render_template(
        "translations/form.html",
        **page_context(translation, original, form=form, existing=None, conflict=conflict),
    )
    return html, status


@bp.route("/<int:translation_id>/remove", methods=["GET", "POST"])
@login_required
def remove(translation_id: int):
    translation, original = visible_translation(translation_id)
    member = reader()
    if not can_change_translation(member, translation, original):
        abort(403)
    if not is_confirmed():
        return render_template("translations/remove.html", **page_context(translation, original))
    language = translation.language
    services.remove_translation(
        translation,
        original,
        actor=member,
        as_moderator=acts_as_moderator(member, translation, original),
    )
    db.session.commit()
    flash(_("The translation into %(language)s is removed.",
            language=_language_named(language)), "success")  # fmt: skip
    return redirect(original_url(original))
