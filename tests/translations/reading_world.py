"""A small multilingual community for the "reading in my languages" tests: a Greek
thread with a Greek opening post and an Arabic reply, their translations made directly
(the translation forms are cop/translations' member views), and readers."""

from __future__ import annotations

from dataclasses import dataclass

from cop.contentscopes import thread_scope
from cop.contentversion import note_changed
from cop.extensions import db
from cop.members.models import Member, MemberLanguage
from cop.sanitize import render_markdown
from cop.threads import services
from cop.threads.models import Category, Post, Thread
from cop.threads.queries import opening_post
from cop.translations.models import MACHINE, MEMBER, ContentTranslation
from cop.translations.sources import load_original

GREEK_TITLE = "Συνεταιρισμοί και κοινωνική οικονομία"
GREEK_BODY = "Πώς οργανώνετε τις συνελεύσεις σας;"
ARABIC_BODY = "نعقد اجتماعاتنا كل شهر في المركز المجتمعي."
ENGLISH_TITLE = "Cooperatives and the social economy"
ENGLISH_BODY = "How do you organise your assemblies?"
ENGLISH_REPLY = "We hold our meetings every month in the community centre."


def translate(
    kind: str,
    object_id: int,
    language: str,
    *,
    body: str = "",
    title: str | None = None,
    translator: Member | None = None,
    provider: str | None = None,
    thread_id: int | None = None,
) -> ContentTranslation:
    """A translation as the translation services store it, committed, its thread's
    pages told (note_changed, as lane "mt"'s services do)."""
    original = load_original(kind, object_id)
    row = ContentTranslation(
        kind=kind,
        object_id=object_id,
        language=language,
        origin=MACHINE if provider else MEMBER,
        provider=provider,
        title=title,
        body_source=body,
        body_html=render_markdown(body) if body else "",
        source_digest=original.digest,
        translator=translator,
    )
    db.session.add(row)
    if thread_id is not None:
        note_changed(db.session, "threads", thread_scope(thread_id))
    db.session.commit()
    return row


def touch(thread: Thread) -> None:
    """Tell the thread's pages something of theirs changed, and commit."""
    note_changed(db.session, "threads", thread_scope(thread.id))
    db.session.commit()


def speaks(member: Member, *codes: str) -> Member:
    for code in codes:
        db.session.add(MemberLanguage(member=member, code=code))
    db.session.commit()
    return member


@dataclass
class World:
    author: Member
    replier: Member
    translator: Member
    category: Category
    thread: Thread
    opening: Post
    reply: Post


def build_world(make_member, *, category: Category) -> World:
    author = make_member(display_name="Ελένη Παπαδοπούλου", locale="el")
    replier = make_member(display_name="ليلى حداد", locale="ar", country="JO")
    translator = make_member(display_name="Ana Translator", locale="en")
    thread = services.start_thread(
        author=author, category=category, title=GREEK_TITLE, body=GREEK_BODY, language="el"
    )
    reply = services.reply_to_thread(author=replier, thread=thread, body=ARABIC_BODY, language="ar")
    db.session.commit()
    return World(author, replier, translator, category, thread, opening_post(thread), reply)
