"""The reader's switch between texts as written and texts in their language."""

from __future__ import annotations

from flask import abort, flash, redirect, request, session, url_for
from flask_babel import gettext as _

from cop.navigation import safe_next_url
from cop.translations import bp
from cop.translations.reading import SESSION_KEY

MODES = {"on": True, "off": False}


@bp.post("/reading")
def reading_mode():
    """Remembered in the session, for members and visitors alike (a visitor's pages
    then leave the visitors' page cache: cop.pagecache.PERSONAL_SESSION_KEYS)."""
    mode = request.form.get("mode")
    if mode not in MODES:
        abort(400)
    session[SESSION_KEY] = MODES[mode]
    if MODES[mode]:
        flash(
            _(
                "Texts in languages you do not read are now shown translated, where a translation exists."
            ),
            "success",
        )
    else:
        flash(_("Every text is now shown as written."), "success")
    return redirect(safe_next_url(request.form.get("next")) or url_for("threads.index"))
