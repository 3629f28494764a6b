"""Reading in my languages: which languages a reader reads, whether they read in
"translated" mode, and which language they want a text in.

The languages a reader reads are the interface language first, then the languages on
their profile (cop.members MemberLanguage); a visitor reads the interface language.
A text written in one of them is shown as written; any other text is shown in the
interface language when a translation into it exists, if the reader reads translated.

Translated mode is on by default for signed-in members who list languages on their
profile: they told us what they read, so what they do not read can be replaced, with
the original one link away. It is off by default for visitors and for members who list
no language: we do not know what else they read, and replacing a text someone could
read with a translation is worse than offering one (a visitor's cached pages also stay
the originals, the pages search engines should see). Either way the reader's own choice,
made with the switch on the thread page and the lists, is kept in the session.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import g, session
from sqlalchemy import Select, case, func, select

from cop.headercounts import header_count, register_count
from cop.i18n import SUPPORTED_LOCALES, interface_language
from cop.members.models import MemberLanguage
from cop.pagecache import PERSONAL_SESSION_KEYS
from cop.permissions import is_member

SESSION_KEY = "reading_translated"


@dataclass(frozen=True, slots=True)
class ReadingLanguages:
    """A reader's languages (the interface language first) and whether they read
    texts in other languages translated into the interface language."""

    languages: tuple[str, ...]
    translating: bool

    @property
    def interface(self) -> str:
        return self.languages[0]

    def wants(self, text_language: str | None) -> str | None:
        """The language this reader wants a text in: None for "as written" (they read
        its language, the text's language is unknown, or they read originals), else
        the interface language."""
        if not self.translating or not text_language or text_language in self.languages:
            return None
        return self.interface

    @property
    def signature(self) -> str:
        """What a shared cached region depends on: the same for every reader who would
        see the same texts."""
        return f"on:{','.join(self.languages)}" if self.translating else "off"


# The profile's languages ride on the signed-in header's one query (cop.headercounts) as
# a number: bit n set when the member lists the n-th supported language.
LANGUAGE_BITS = {code: 1 << n for n, code in enumerate(SUPPORTED_LOCALES)}
HEADER_COUNT = "reading_languages"


def languages_mask_query(member: Any) -> Select:
    bit = case(LANGUAGE_BITS, value=MemberLanguage.code, else_=0)
    return select(func.coalesce(func.sum(bit), 0)).where(MemberLanguage.member_id == member.id)


def profile_languages(member: Any) -> tuple[str, ...]:
    """The supported languages on the member's profile, in SUPPORTED_LOCALES' order."""
    if not is_member(member):
        return ()
    mask = header_count(HEADER_COUNT)
    if mask is None:  # outside a page's request: ask the profile itself
        listed = {language.code for language in member.languages}
        return tuple(code for code in SUPPORTED_LOCALES if code in listed)
    return tuple(code for code, bit in LANGUAGE_BITS.items() if mask & bit)


def languages_read(interface: str, listed: tuple[str, ...]) -> tuple[str, ...]:
    """The interface language, then the profile's."""
    return (interface, *(code for code in listed if code != interface))


def chosen_mode() -> bool | None:
    """The reader's own choice in this browser session, if they made one."""
    value = session.get(SESSION_KEY)
    return value if isinstance(value, bool) else None


def reading_languages(member: Any) -> ReadingLanguages:
    """This request's reader's languages and mode (computed once per request)."""
    found = g.get("cop_reading_languages")
    if found is None:
        chosen = chosen_mode()
        if chosen is False:  # reads originals: their profile need not be read
            found = ReadingLanguages((interface_language(),), False)
        else:
            listed = profile_languages(member)
            # By default, on for members who list the languages they read (module doc).
            translating = bool(listed) if chosen is None else chosen
            found = ReadingLanguages(languages_read(interface_language(), listed), translating)
        g.cop_reading_languages = found
    return found


def init_app(app: Any) -> None:
    """The reader's choice makes a visitor's pages their own (cop.pagecache); a
    member's profile languages come with the header's counts (one query a page)."""
    PERSONAL_SESSION_KEYS.add(SESSION_KEY)
    register_count(HEADER_COUNT, languages_mask_query)
    app.jinja_env.globals["reading_languages"] = reading_languages
