"""Conversation forms. Messages are lazy: translated when shown, not at import."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from cop.conversations.models import BODY_MAX, BODY_MIN, REASON_MAX, SUBJECT_MAX, SUBJECT_MIN
from cop.conversations.policy import (
    Reason,
    Refusal,
    max_participants,
    min_posts_for_strangers,
)
from cop.formfields import markdown_body_field, strip_whitespace
from cop.i18n import isolate
from cop.threads.forms import new_client_token

RECIPIENTS_MAX = 1_000


def _recipients_field(label) -> StringField:
    return StringField(
        label,
        filters=[strip_whitespace],
        validators=[
            DataRequired(message=_l("Write the @name of at least one member.")),
            Length(max=RECIPIENTS_MAX, message=_l("That is too many names.")),
        ],
        description=_l("The @names of the members, separated by commas or spaces."),
    )


def _body_field() -> TextAreaField:
    return markdown_body_field(
        _l("Message"),
        minimum=BODY_MIN,
        maximum=BODY_MAX,
        description=_l(
            "Markdown works: **bold**, *italic*, lists, > quotes, `code` and "
            "[links](https://example.org). Only the members of the conversation read it."
        ),
        rows=8,
    )


class _TokenForm(FlaskForm):
    # A fresh token per form shown: the same token twice means the same submission.
    client_token = HiddenField(validators=[Optional(), Length(max=64)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.client_token.data:
            self.client_token.data = new_client_token()


class NewConversationForm(_TokenForm):
    recipients = _recipients_field(_l("To"))
    subject = StringField(
        _l("Subject"),
        filters=[strip_whitespace],
        validators=[
            DataRequired(message=_l("Give your conversation a subject.")),
            Length(
                min=SUBJECT_MIN,
                max=SUBJECT_MAX,
                message=_l(
                    "A subject has between %(min)d and %(max)d characters.",
                    min=SUBJECT_MIN,
                    max=SUBJECT_MAX,
                ),
            ),
        ],
    )
    body = _body_field()


class MessageForm(_TokenForm):
    body = _body_field()


class AddParticipantsForm(FlaskForm):
    recipients = _recipients_field(_l("Add members"))


class ReportForm(FlaskForm):
    reason = TextAreaField(
        _l("What is wrong with this message?"),
        filters=[strip_whitespace],
        validators=[
            DataRequired(message=_l("Tell the moderators what is wrong.")),
            Length(
                max=REASON_MAX,
                message=_l("Keep it under %(max)d characters.", max=REASON_MAX),
            ),
        ],
        description=_l(
            "The moderators will read this conversation, and only this one, to judge it."
        ),
        render_kw={"rows": 4},
    )


class BlockForm(FlaskForm):
    handle = StringField(
        _l("Member to block"),
        filters=[strip_whitespace],
        validators=[
            DataRequired(message=_l("Write the @name of the member to block.")),
            Length(max=100, message=_l("No member has such a long name.")),
        ],
        description=_l("Their @name, as on their profile."),
    )
    hide_posts = BooleanField(_l("Also hide their posts from me in discussions"))


def refusal_message(refusal: Refusal) -> str:
    """The sentence shown for a refused recipient (cop.conversations.policy)."""
    name = isolate("@" + refusal.handle, html=False) if refusal.handle else ""
    match refusal.reason:
        case Reason.SELF:
            return _("You cannot start a conversation with yourself.")
        case Reason.UNKNOWN:
            return _("No member is called %(name)s.", name=name)
        case Reason.CLOSED:
            return _("%(name)s has closed their account.", name=name)
        case Reason.YOU_BLOCKED:
            return _("You blocked %(name)s: unblock them first to write to them.", name=name)
        case Reason.BLOCKED_YOU:
            return _("%(name)s does not accept messages from you.", name=name)
        case Reason.STRANGER:
            return ngettext(
                "You can write to %(name)s once %(num)d of your posts is published, "
                "or after you have both written in the same discussion.",
                "You can write to %(name)s once %(num)d of your posts are published, "
                "or after you have both written in the same discussion.",
                min_posts_for_strangers(),
                name=name,
            )
        case Reason.TOO_MANY:
            limit = max_participants()
            return ngettext(
                "A conversation has at most %(num)d member, you included.",
                "A conversation has at most %(num)d members, you included.",
                limit,
            )
        case _:
            return _("Write the @name of at least one member.")
