"""The email settings form: one choice per kind of notification."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField

from cop.formfields import select_choices
from cop.notifications.models import Kind


def _mode_field(label) -> SelectField:
    return SelectField(
        label,
        choices=select_choices(
            [
                ("none", _l("No email")),
                ("immediate", _l("An email at once")),
                ("daily", _l("In a daily digest")),
                ("weekly", _l("In a weekly digest")),
            ]
        ),
        invalid_choice_message=_l("Choose one of the offered options."),
    )


class EmailSettingsForm(FlaskForm):
    reply = _mode_field(_l("Replies in threads I watch"))
    mention = _mode_field(_l("Mentions of me"))
    quote = _mode_field(_l("Quotes of my posts"))
    new_thread = _mode_field(_l("New threads in tables I watch"))
    new_version = _mode_field(_l("New language versions of resources I watch"))
    moderation = _mode_field(_l("Moderators' messages about my content"))
    approved = _mode_field(_l("Approval of my posts that waited"))
    event_reminder = _mode_field(_l("Reminders of events I am going to"))
    event_changed = _mode_field(_l("Changes to events I registered for, and cancellations"))
    event_promoted = _mode_field(_l("A place for me at an event I waited for"))
    new_event = _mode_field(_l("New events in countries and programmes I watch"))
    message = _mode_field(_l("New messages in my conversations"))
    reaction = _mode_field(_l("Reactions to my posts"))
    answer = _mode_field(_l("My replies marked as the answer"))
    reminder = _mode_field(_l("Reminders of my bookmarks"))
    translation = _mode_field(_l("Translations of my posts"))

    def mode_fields(self):
        return [getattr(self, kind.value) for kind in Kind]
