"""Before a text is written: does it look like the language its writer chose?

A writing form with a language select (a thread, a reply, a post's edit, a resource, a
profile bio) asks `written_as_chosen(form, form.language, title, body)` once it is valid
and about to be written. When the detector (cop/langdetect.py) is confident the text is
in another language, the answer is False and `form.language_notice` is set: the view
shows the form again, nothing written, what was typed kept, with the notice "This looks
like Greek, but you chose Spanish" and two buttons that send the same form, "Mark it as
Greek" and "Keep Spanish" (templates/macros/language.html). Both send `language_choice`,
which is applied to the language field: the text is then written in the language the
writer confirmed. The language is never changed silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from babel import Locale
from flask import Response, current_app, request
from flask_babel import gettext as _

from cop.i18n import interface_language, is_supported
from cop.langdetect import guess

CHOICE_FIELD = "language_choice"


@dataclass(frozen=True)
class LanguageNotice:
    guessed: str
    chosen: str
    # False on a preview: the page only says it; the buttons come with "Publish".
    asks: bool = True

    @property
    def guessed_name(self) -> str:
        return name_in_sentence(self.guessed)

    @property
    def chosen_name(self) -> str:
        return name_in_sentence(self.chosen)


def name_in_sentence(code: str) -> str:
    """A language's name as written inside a sentence of the interface ("grec", not the
    "Grec" of a list)."""
    return Locale.parse(interface_language()).languages.get(code, code)


def mismatch(chosen: str | None, *texts: str | None, asks: bool = True) -> LanguageNotice | None:
    """A notice when the texts clearly are not in `chosen`, else None."""
    if not current_app.config["LANGUAGE_CHECK"] or not is_supported(chosen):
        return None
    guessed = guess("\n\n".join(text for text in texts if text))
    if guessed is None or guessed == chosen:
        return None
    return LanguageNotice(guessed=guessed, chosen=chosen, asks=asks)


def confirmed_choice() -> str | None:
    """The language the writer confirmed with one of the notice's buttons, if any."""
    if request.method != "POST":
        return None
    choice = request.form.get(CHOICE_FIELD)
    return choice if is_supported(choice) else None


def written_as_chosen(form, field, *texts: str | None) -> bool:
    """True when the texts may be written in `field`'s language: they look like it, the
    detector has no opinion, or the writer answered the notice (the answer is put in the
    field). Else False, with `form.language_notice` for the page."""
    choice = confirmed_choice()
    if choice is not None:
        field.data = choice
        return True
    form.language_notice = mismatch(field.data, *texts)
    return form.language_notice is None


def note_on_preview(form, field, *texts: str | None) -> None:
    """A preview shows the notice too, without asking yet."""
    form.language_notice = mismatch(field.data, *texts, asks=False)


def live_notice(response: Response, chosen: str | None, *texts: str | None) -> None:
    """The notice's sentence in the `X-Language-Notice` header (percent-encoded UTF-8)
    of the live preview's answer: threads.js shows it under the language while one
    types."""
    notice = mismatch(chosen, *texts, asks=False)
    if notice is not None:
        sentence = _(
            "This looks like %(guessed)s, but you chose %(chosen)s.",
            guessed=notice.guessed_name,
            chosen=notice.chosen_name,
        )
        response.headers["X-Language-Notice"] = quote(sentence)
