"""The member's blocks, a page of their preferences: block by @name, unblock."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from cop.conversations import blocks, bp, policy
from cop.conversations.forms import BlockForm
from cop.extensions import db
from cop.i18n import isolate


def _page(form: BlockForm, status: int = 200):
    member = current_user._get_current_object()
    return render_template(
        "conversations/blocks.html",
        form=form,
        blocks=blocks.blocks_of(member),
        member=member,
        section="blocks",
    ), status


@bp.get("/blocks")
@login_required
def blocks_page():
    form = BlockForm(formdata=None)
    form.handle.data = request.args.get("handle", "")[:100]
    return _page(form)


@bp.post("/blocks")
@login_required
def block():
    member = current_user._get_current_object()
    form = BlockForm()
    if not form.validate_on_submit():
        return _page(form, 422)
    found, _unknown = policy.find_members(policy.split_handles(form.handle.data)[:1])
    target = found[0] if found else None
    if target is None or target.closed_at is not None:
        name = isolate("@" + form.handle.data.lstrip("@"), html=False)
        form.handle.errors = [_("No member is called %(name)s.", name=name)]
        return _page(form, 422)
    if target.id == member.id:
        form.handle.errors = [_("You cannot block yourself.")]
        return _page(form, 422)
    blocks.block_member(member, target, hide_posts=bool(form.hide_posts.data))
    db.session.commit()
    flash(
        _("%(name)s can no longer write to you.", name=isolate(target.display_name, html=False)),
        "success",
    )
    return redirect(url_for("conversations.blocks_page"))


@bp.post("/blocks/<int:member_id>/remove")
@login_required
def unblock(member_id: int):
    member = current_user._get_current_object()
    if blocks.unblock_member(member, member_id):
        db.session.commit()
        flash(_("The member is unblocked."), "success")
    return redirect(url_for("conversations.blocks_page"))
