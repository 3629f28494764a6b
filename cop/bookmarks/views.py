"""Bookmarks: the page (by kind), adding and removing from a post or a page, editing
the note and the reminder date."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user, login_required

from cop.bookmarks import bp, services, targets
from cop.bookmarks.forms import BookmarkForm
from cop.bookmarks.models import Bookmark
from cop.bounds import parse_id, parse_page
from cop.extensions import db
from cop.navigation import safe_next_url


@bp.context_processor
def _helpers() -> dict:
    return {"format_date": format_date}


def _member():
    return current_user._get_current_object()


def _kind_filter() -> str | None:
    kind = request.args.get("kind")
    return kind if kind in services.KINDS else None


@bp.get("/")
@login_required
def index():
    member = _member()
    kind = _kind_filter()
    page = services.list_bookmarks(member, kind, parse_page(request.args.get("page")))
    found = targets.visible_targets(member, [(b.kind, b.target_id) for b in page.items])
    return render_template(
        "bookmarks/index.html", page=page, kind=kind, kinds=services.KINDS, found=found
    )


def _target_from_form() -> tuple[str, int]:
    """The (kind, id) a button names, if the member may see it; else 404."""
    kind, target_id = request.form.get("kind"), parse_id(request.form.get("target_id"))
    if kind not in services.KINDS or target_id is None:
        abort(404)
    if targets.visible_target(_member(), kind, target_id) is None:
        abort(404)
    return kind, target_id


def _back(kind: str, target_id: int):
    here = safe_next_url(request.form.get("next"))
    if here is None:
        return redirect(url_for("bookmarks.index"))
    anchor = f"#post-{target_id}" if kind == "post" else ""
    return redirect(here + anchor)


@bp.post("/add")
@login_required
def add():
    kind, target_id = _target_from_form()
    services.add_bookmark(_member(), kind, target_id)
    db.session.commit()
    flash(_("Bookmarked. Add a note or a reminder on your bookmarks page."), "success")
    return _back(kind, target_id)


@bp.post("/remove")
@login_required
def remove_target():
    kind, target_id = request.form.get("kind"), parse_id(request.form.get("target_id"))
    if kind not in services.KINDS or target_id is None:
        abort(404)
    if services.remove_bookmark_of(_member(), kind, target_id):
        db.session.commit()
        flash(_("The bookmark is removed."), "success")
    return _back(kind, target_id)


def _own(bookmark_id: int) -> Bookmark:
    return services.own_bookmark(_member(), bookmark_id) or abort(404)


@bp.route("/<int:bookmark_id>/edit", methods=["GET", "POST"])
@login_required
def edit(bookmark_id: int):
    bookmark = _own(bookmark_id)
    form = BookmarkForm(obj=bookmark)
    if form.validate_on_submit():
        services.update_bookmark(bookmark, note=form.note.data or "", remind_on=form.remind_on.data)
        db.session.commit()
        flash(_("Your bookmark is saved."), "success")
        return redirect(url_for("bookmarks.index", _anchor=f"bookmark-{bookmark.id}"))
    target = targets.visible_target(_member(), bookmark.kind, bookmark.target_id)
    status = 422 if form.errors else 200
    return render_template(
        "bookmarks/edit.html", form=form, bookmark=bookmark, target=target
    ), status


@bp.post("/<int:bookmark_id>/remove")
@login_required
def remove(bookmark_id: int):
    services.remove_bookmark(_own(bookmark_id))
    db.session.commit()
    flash(_("The bookmark is removed."), "success")
    return redirect(url_for("bookmarks.index"))
