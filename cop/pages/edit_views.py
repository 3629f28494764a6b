"""Admins edit the community's pages, one language at a time; every save is kept."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from cop.extensions import db
from cop.i18n import SUPPORTED_LOCALES, isolate
from cop.pages import bp, queries, services
from cop.pages.defaults import NAMES
from cop.pages.forms import PageForm
from cop.pages.views import chosen_language, known_page
from cop.permissions import admin_required
from cop.versions import StaleEdit


@bp.route("/<page_slug>/edit", methods=["GET", "POST"])
@admin_required
def edit(page_slug: str):
    slug = known_page(page_slug)
    form = PageForm()
    conflict = False
    if request.method == "GET":
        language = chosen_language()
        text = queries.page_text(slug, language)
        form.language.data = language
        form.version.data = text.version
        if not text.fell_back:
            form.title.data, form.body.data = text.title, text.body_source
    elif form.validate_on_submit():
        try:
            revision = services.save_page(
                slug,
                form.language.data,
                title=form.title.data,
                body=form.body.data,
                material=form.material.data,
                author=current_user._get_current_object(),
                version_seen=form.version.data,
            )
            db.session.commit()
        except StaleEdit:
            db.session.rollback()
            form.version.data = queries.current_version(slug)
            conflict = True
        else:
            flash(
                _(
                    "Version %(version)s of “%(title)s” is published.",
                    version=revision.version,
                    title=isolate(revision.title, html=False),
                ),
                "success",
            )
            return redirect(url_for("pages.show", page_slug=slug, lang=revision.language))
    status = 409 if conflict else 422 if form.errors else 200
    return render_template(
        "pages/edit.html",
        form=form,
        slug=slug,
        name=NAMES[slug],
        conflict=conflict,
        current=queries.page_text(slug, form.language.data or "en") if conflict else None,
        history=queries.page_history(slug),
        languages=SUPPORTED_LOCALES,
    ), status
