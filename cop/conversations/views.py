"""Conversations: the list, a new one, a conversation and its replies, leaving, adding.

A conversation the reader is not an active participant of does not exist for them:
404 by every address (ids are sequential; a 403 would confirm one exists).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_login import current_user, login_required

from cop import permissions
from cop.bounds import parse_page
from cop.confirmation import is_confirmed
from cop.conversations import bp, fragments, policy, queries, services
from cop.conversations.drafting import MESSAGE, NEW_CONVERSATION
from cop.conversations.forms import (
    AddParticipantsForm,
    MessageForm,
    NewConversationForm,
    refusal_message,
)
from cop.conversations.models import ConversationParticipant, Message
from cop.database import commit_once
from cop.drafts import writing as drafts
from cop.errors import render_error
from cop.extensions import db
from cop.fragments import Deferred
from cop.i18n import isolate
from cop.limits import conversation_limits, posting_limits
from cop.members.models import Member
from cop.pictures.attach import (
    attach_picture,
    attach_requested,
    list_pending,
    pictures_described,
    remove_pending,
    remove_requested,
)
from cop.pictures.forms import AttachForm
from cop.threads.forms import new_client_token

logger = logging.getLogger(__name__)
T = TypeVar("T")


@bp.record_once
def _fragment_keys(state) -> None:
    """Keys of the cached messages and rows (cop/conversations/fragments.py)."""
    state.app.jinja_env.globals.update(
        message_key=fragments.message_key,
        message_list_key=fragments.message_list_key,
        conversation_row_key=fragments.conversation_row_key,
        conversation_list_key=fragments.conversation_list_key,
    )


@bp.context_processor
def _helpers() -> dict:
    return {"format_decimal": format_decimal}


def _member() -> Member:
    return current_user._get_current_object()


def _place(conversation_id: int) -> ConversationParticipant:
    """The reader's place in the conversation; 404 when they are not in it."""
    place = queries.participation(_member(), conversation_id)
    if place is None:
        abort(404)
    return place


def refuse_writing():
    return render_error(
        403, _("Your account may not write for now. You can still read your conversations.")
    )


@bp.get("/")
@login_required
def index():
    page = queries.list_conversations(_member(), parse_page(request.args.get("page")))
    return render_template("conversations/index.html", page=page)


@bp.route("/new", methods=["GET", "POST"])
@login_required
@conversation_limits
def new():
    member = _member()
    if not permissions.can_write(member):
        return refuse_writing()
    form, attach = NewConversationForm(), AttachForm()
    if request.method == "GET":
        drafts.prefill(form, member, NEW_CONVERSATION, 0)
        form.recipients.data = request.args.get("to", "")[:100] or form.recipients.data
        return _new_page(form, attach, member)
    if drafts.save_requested():  # "Save draft": the form again, with what was typed
        saved = drafts.save_from_form(member, NEW_CONVERSATION, 0, form)
        return _new_page(form, attach, member, 200 if saved else 422)
    if attach_requested():
        status = 200 if attach_picture(attach, form.body, member) else 422
        return _new_page(form, attach, member, status)
    if remove_requested():
        status = 200 if remove_pending(attach, form.body, member) else 422
        return _new_page(form, attach, member, status)
    if form.validate_on_submit() and pictures_described(form.body):
        recipients, refusals = policy.resolve_recipients(member, form.recipients.data)
        if refusals:
            form.recipients.errors = [refusal_message(r) for r in refusals]
        else:

            def write():
                drafts.discard(member, NEW_CONVERSATION, 0)
                return services.start_conversation(
                    sender=member,
                    recipients=recipients,
                    subject=form.subject.data,
                    body=form.body.data,
                    client_token=form.client_token.data,
                )

            conversation, earlier = _write_once(member, form.client_token.data, write)
            target = earlier.conversation_id if earlier is not None else conversation.id
            if earlier is None:
                flash(_("Your message is sent."), "success")
            return redirect(url_for("conversations.show", conversation_id=target))
    return _new_page(form, attach, member, 422)


def _new_page(form: NewConversationForm, attach: AttachForm, member: Member, status=200):
    attach = list_pending(attach, form.body, member)
    return render_template("conversations/new.html", form=form, attach=attach), status


def _write_once(member, token: str, write: Callable[[], T]) -> tuple[T | None, Message | None]:
    """Commit what `write` adds once per form; a second press finds the first message."""
    return commit_once(lambda: services.find_message_by_token(member, token), write)


def _show(
    place: ConversationParticipant,
    form: MessageForm | Deferred,
    add_form: AddParticipantsForm | Deferred,
    status=200,
    attach: AttachForm | Deferred | None = None,
    fresh: bool = False,
    participants: list[ConversationParticipant] | None = None,
):
    """The conversation page; `fresh`: its forms are blank (a plain view, no draft),
    shown from the cache, and given as Deferred (built only on a miss)."""
    conversation = place.conversation
    number = request.args.get("page")
    page = queries.messages_page(conversation, parse_page(number) if number else None)
    member = _member()
    attach = attach or AttachForm(formdata=None)
    if isinstance(form, MessageForm):  # a draft, or the form sent back: its pictures
        attach = list_pending(attach, form.body, member)
    html = render_template(
        "conversations/show.html",
        conversation=conversation,
        page=page,
        participants=queries.participants(conversation) if participants is None else participants,
        form=form if permissions.can_write(member) else None,
        add_form=add_form if permissions.can_write(member) else None,
        attach=attach,
        last_read=place.last_read_message_id,
        fresh=fresh,
        new_client_token=new_client_token,
    )
    # Read up to the page's last message; a page read already writes nothing.
    if status == 200 and page.items and page.items[-1].id > place.last_read_message_id:
        services.mark_read(conversation, member, page.items[-1].id)
        db.session.commit()
    return html, status


@bp.get("/<int:conversation_id>")
@login_required
def show(conversation_id: int):
    member = _member()
    place, participants = queries.places_in(member, conversation_id)
    if place is None:
        abort(404)
    draft = drafts.find(member, MESSAGE, conversation_id)
    if draft is None:  # blank forms, shown from the cache: built only on a miss
        return _show(
            place,
            Deferred(lambda: MessageForm(formdata=None)),
            Deferred(lambda: AddParticipantsForm(formdata=None)),
            attach=Deferred(lambda: AttachForm(formdata=None)),
            fresh=True,
            participants=participants,
        )
    form = MessageForm(formdata=None)
    drafts.fill(form, draft)
    return _show(place, form, AddParticipantsForm(formdata=None), participants=participants)


def _blocked_from_replying(member: Member, conversation) -> bool:
    others = [p.member for p in queries.participants(conversation) if p.is_active]
    _blocked, blocking = policy.blocks_between(member, others)
    return bool(blocking) and not permissions.is_moderator(member)


@bp.post("/<int:conversation_id>/reply")
@login_required
@posting_limits
def reply(conversation_id: int):
    place = _place(conversation_id)
    member = _member()
    if not permissions.can_write(member):
        return refuse_writing()
    form, attach = MessageForm(), AttachForm()
    conversation = place.conversation
    if drafts.save_requested():  # "Save draft": the page again, with what was typed
        saved = drafts.save_from_form(member, MESSAGE, conversation.id, form)
        status = 200 if saved else 422
        return _show(place, form, AddParticipantsForm(formdata=None), status, attach)
    if attach_requested():
        attached = attach_picture(attach, form.body, member)
        status = 200 if attached else 422
        return _show(place, form, AddParticipantsForm(formdata=None), status, attach)
    if remove_requested():
        removed = remove_pending(attach, form.body, member)
        status = 200 if removed else 422
        return _show(place, form, AddParticipantsForm(formdata=None), status, attach)
    if form.validate_on_submit() and pictures_described(form.body):
        if _blocked_from_replying(member, conversation):
            form.body.errors = [
                _("A member of this conversation does not accept messages from you.")
            ]
        else:

            def write():
                drafts.discard(member, MESSAGE, conversation.id)
                return services.send_message(
                    conversation,
                    author=member,
                    body=form.body.data,
                    client_token=form.client_token.data,
                )

            message, earlier = _write_once(member, form.client_token.data, write)
            sent = earlier or message
            return redirect(message_url(conversation.id, sent.id))
    return _show(place, form, AddParticipantsForm(formdata=None), status=422)


def message_url(conversation_id: int, message_id: int) -> str:
    return url_for(
        "conversations.show", conversation_id=conversation_id, _anchor=f"message-{message_id}"
    )


@bp.post("/<int:conversation_id>/participants")
@login_required
@conversation_limits
def add_participants(conversation_id: int):
    place = _place(conversation_id)
    member = _member()
    if not permissions.can_write(member):
        return refuse_writing()
    conversation = place.conversation
    form = AddParticipantsForm()
    if form.validate_on_submit():
        members, refusals = policy.resolve_recipients(
            member, form.recipients.data, already=queries.active_count(conversation)
        )
        if refusals:
            form.recipients.errors = [refusal_message(r) for r in refusals]
        else:
            added = services.add_participants(conversation, actor=member, members=members)
            db.session.commit()
            if added:
                flash(_("The members you named are in the conversation now."), "success")
            return redirect(url_for("conversations.show", conversation_id=conversation.id))
    return _show(place, MessageForm(formdata=None), form, status=422)


@bp.route("/<int:conversation_id>/leave", methods=["GET", "POST"])
@login_required
def leave(conversation_id: int):
    place = _place(conversation_id)
    conversation = place.conversation
    if not is_confirmed():  # no JavaScript dialog asked: this page asks
        return render_template("conversations/leave.html", conversation=conversation)
    services.leave_conversation(conversation, _member())
    db.session.commit()
    flash(
        _("You left “%(subject)s”.", subject=isolate(conversation.subject, html=False)),
        "success",
    )
    return redirect(url_for("conversations.index"))
