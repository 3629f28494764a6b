"""Reacting to a post (a button that works without JavaScript) and who reacted."""

from __future__ import annotations

from flask import abort, jsonify, redirect, render_template, request
from flask_babel import format_decimal
from flask_login import current_user, login_required

from cop import permissions
from cop.extensions import db
from cop.limits import reaction_limits
from cop.reactions import bp, policy, queries, services
from cop.reactions.models import KINDS
from cop.threads.views import post_url, visible_post


@bp.post("/posts/<int:post_id>/react")
@login_required
@reaction_limits
def react(post_id: int):
    """Add (on=1) or take back (on=0) one reaction. Each button says which it does, so
    a second press of the same button changes nothing (one row, both databases). The
    page's buttons send `reaction=<kind>:<on>`, one form per post; `kind` and `on` as
    two fields are read too."""
    post = visible_post(post_id)
    kind, _, on = request.form.get("reaction", "").partition(":")
    if not kind:
        kind, on = request.form.get("kind", ""), request.form.get("on", "")
    if kind not in KINDS or on not in ("0", "1"):
        abort(400)
    if not policy.can_react(current_user, post):
        abort(403)
    member = current_user._get_current_object()
    if on == "1":
        services.add_reaction(post, member, kind)
    else:
        services.remove_reaction(post, member, kind)
    db.session.commit()
    if request.accept_mimetypes.best == "application/json":  # js/reactions.js
        count = queries.counts_for([post.id]).get(post.id, {}).get(kind, 0)
        return jsonify(kind=kind, pressed=on == "1", count=count, count_text=format_decimal(count))
    return redirect(post_url(post))


@bp.get("/posts/<int:post_id>")
def who(post_id: int):
    """Who reacted to a post, by kind (names only: every member may see them)."""
    post = visible_post(post_id)
    if not permissions.can_see_post(current_user, post) or post.is_deleted:
        abort(404)
    return render_template(
        "reactions/who.html",
        post=post,
        thread=post.thread,
        reactors=queries.reactors(post),
        back=post_url(post),
    )
