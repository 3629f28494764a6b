"""A materially changed code of conduct or privacy notice, shown once to each member.

Before any page of the site, a signed-in member who has not accepted the newest
material version of a policy is sent to it; "I have read it" records the acceptance
and takes them where they were going. Visitors never see it.
"""

from __future__ import annotations

from flask import redirect, render_template, request, url_for
from flask_login import current_user, login_required

from cop.extensions import db
from cop.navigation import safe_next_url
from cop.pages import bp, queries, services
from cop.pages.defaults import NAMES
from cop.pages.forms import AcceptForm
from cop.pages.views import chosen_language, known_page

# Addresses the interstitial never stands in front of: itself, signing in and out,
# files, feeds, and the small requests pages make for themselves.
EXEMPT_BLUEPRINTS = frozenset({"pages", "auth", "webapp"})
EXEMPT_ENDPOINTS = frozenset(
    {
        "static",
        "events.country_feed",
        "events.event_ics",
        "events.export",
        "events.feed",
        "events.figures_download",
        "events.member_feed",
        "events.programme_feed",
        "main.set_language",
        "members.avatar",
        "members.confirm_email",
        "members.download_export",
        "notifications.unsubscribe",
        "resources.download",
        "threads.feed_category",
        "threads.feed_latest",
        "threads.feed_thread",
        "threads.quote",
        "threads.preview",
    }
)


def show_changed_policy():
    """before_request: redirect a member who owes an acceptance to the changed policy."""
    if request.method != "GET" or not current_user.is_authenticated:
        return None
    if request.blueprint in EXEMPT_BLUEPRINTS or request.endpoint in EXEMPT_ENDPOINTS:
        return None
    if request.endpoint is None:
        return None
    owed = queries.policy_owed(current_user.id)
    if owed is None:
        return None
    slug, _version = owed
    return redirect(url_for("pages.changed", page_slug=slug, next=request.full_path.rstrip("?")))


@bp.get("/<page_slug>/changed")
@login_required
def changed(page_slug: str):
    text = queries.page_text(known_page(page_slug), chosen_language())
    form = AcceptForm(formdata=None)
    form.version.data = text.version
    form.next.data = safe_next_url(request.args.get("next")) or ""
    return render_template("pages/changed.html", text=text, form=form, names=NAMES)


@bp.post("/<page_slug>/accept")
@login_required
def accept(page_slug: str):
    slug = known_page(page_slug)
    form = AcceptForm()
    version = form.version.data
    if not form.validate() or not version or version > queries.current_version(slug):
        return redirect(url_for("pages.changed", page_slug=slug))
    services.accept_policy(current_user._get_current_object(), slug, version)
    db.session.commit()
    return redirect(safe_next_url(form.next.data) or url_for("main.home"))
