"""The unread view: discussions with posts since the member last read them."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import ngettext
from flask_login import current_user, login_required

from cop.bounds import parse_int, parse_page
from cop.extensions import db
from cop.i18n import SUPPORTED_LOCALES
from cop.threads import bp, unread


@bp.get("/unread")
@login_required
def unread_list():
    member = current_user._get_current_object()
    language = _language(request.args.get("language"))
    page, upto = unread.unread_threads(member, parse_page(request.args.get("page")), language)
    return render_template(
        "threads/unread.html",
        page=page,
        upto=upto,
        unread={t.id for t in page.items},
        language=language,
        list_args={"language": language} if language else {},
    )


def _language(code: str | None) -> str | None:
    """A language to filter on; an unknown one is ignored (the whole list)."""
    return code if code in SUPPORTED_LOCALES else None


@bp.post("/unread/read")
@login_required
def mark_unread_read():
    """Mark read what the page showed as unread (up to its newest post): a double press
    or a stale page never marks a post written since."""
    upto = parse_int(request.form.get("upto"), low=0) or 0
    language = _language(request.form.get("language"))
    marked = unread.mark_all_read(current_user._get_current_object(), upto, language)
    db.session.commit()
    flash(
        ngettext(
            "%(num)d discussion marked as read.", "%(num)d discussions marked as read.", marked
        ),
        "success",
    )
    return redirect(url_for("threads.unread_list", language=language))
