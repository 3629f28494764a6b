"""Administrators create discussion tables and enter their names in every language."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from cop import signals
from cop.extensions import db
from cop.permissions import admin_required
from cop.threads import bp, queries, services
from cop.threads.forms import CategoryForm
from cop.threads.models import Category
from cop.versions import StaleEdit, reload_after_stale


def _texts(form: CategoryForm) -> list[services.CategoryText]:
    return [
        services.CategoryText(code, name.data or "", description.data or "")
        for code, _language, name, description in form.texts
    ]


def _fill(form: CategoryForm, category: Category) -> None:
    form.version.data = category.version
    form.slug.data = category.slug
    form.position.data = category.position
    form.original_locale.data = category.original_locale
    form.is_archived.data = category.is_archived
    form.is_qa.data = category.is_qa
    by_locale = {t.locale: t for t in category.translations}
    for code, _language, name, description in form.texts:
        if code in by_locale:
            name.data = by_locale[code].name
            description.data = by_locale[code].description


@bp.route("/manage/tables/new", methods=["GET", "POST"], endpoint="new_category")
@bp.route("/manage/tables/<int:category_id>", methods=["GET", "POST"], endpoint="edit_category")
@admin_required
def edit_category(category_id: int | None = None):
    category = db.get_or_404(Category, category_id) if category_id is not None else None
    form = CategoryForm()
    conflict = False
    if request.method == "GET" and category is not None:
        _fill(form, category)
    if form.validate_on_submit():
        if services.slug_taken(form.slug.data, except_id=category.id if category else None):
            form.slug.errors.append(_("Another table uses this address name."))
        else:
            try:
                saved = _save(form, category)
                db.session.commit()
            except StaleEdit:
                conflict = reload_after_stale(form, category)
            except IntegrityError:  # the address name was taken meanwhile
                db.session.rollback()
                saved = _created_meanwhile(form) if category is None else None
                if saved is None:
                    form.slug.errors.append(_("Another table uses this address name."))
                else:
                    return redirect(url_for("threads.category", slug=saved.slug))
            else:
                flash(_("The discussion table is saved."), "success")
                return redirect(url_for("threads.category", slug=saved.slug))
    status = 409 if conflict else 422 if form.errors else 200
    html = render_template(
        "threads/category_form.html", form=form, category=category, conflict=conflict
    )
    return html, status


def _save(form: CategoryForm, category: Category | None) -> Category:
    """Save the form's table (a new one if `category` is None); the audit log hears of it."""
    saved = services.save_category(
        category,
        slug=form.slug.data,
        position=form.position.data or 0,
        original_locale=form.original_locale.data,
        is_archived=form.is_archived.data,
        is_qa=form.is_qa.data,
        texts=_texts(form),
        version=form.version.data,
    )
    change = "create" if category is None else "edit"
    signals.category_changed.send(saved, actor=current_user._get_current_object(), change=change)
    return saved


def _created_meanwhile(form: CategoryForm) -> Category | None:
    """The table this very form made a moment ago (the button pressed twice): same
    address name, same names. The second press then answers as the first did."""
    existing = db.session.scalar(select(Category).where(Category.slug == form.slug.data))
    wanted = {t.locale: t.name.strip() for t in _texts(form) if t.name.strip()}
    if existing is None or {t.locale: t.name for t in existing.translations} != wanted:
        return None
    flash(_("The discussion table is saved."), "success")
    return existing


@bp.get("/manage/tables")
@admin_required
def manage_categories():
    return render_template("threads/manage_categories.html", categories=queries.list_categories())
