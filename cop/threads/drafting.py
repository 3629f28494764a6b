"""The discussions' places for drafts (cop.drafts): a new thread in a table, a reply in
a thread. Registered from cop.threads.init_app."""

from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from cop import permissions
from cop.drafts.places import PlaceKind, Resolved, phrase, register_place
from cop.extensions import db
from cop.i18n import interface_language
from cop.threads.models import BODY_MAX, TITLE_MAX, Category, Thread
from cop.threads.services import find_post_by_token

NEW_THREAD, REPLY = "thread", "reply"


def register() -> None:
    register_place(PlaceKind(NEW_THREAD, _may_start, _tables, BODY_MAX, TITLE_MAX, posted=_posted))
    register_place(PlaceKind(REPLY, _may_reply, _threads, BODY_MAX, posted=_posted))


def _posted(member, client_token: str) -> bool:
    """The form with this token was sent: its post (a thread's opening one) exists."""
    return find_post_by_token(member, client_token) is not None


def _may_start(member, category_id: int) -> bool:
    table = db.session.get(Category, category_id)
    return table is not None and permissions.can_start_thread(member, table)


def _may_reply(member, thread_id: int) -> bool:
    thread = db.session.get(Thread, thread_id)
    return thread is not None and permissions.can_reply(member, thread)


def _tables(member, ids: list[int]) -> dict[int, Resolved]:
    language = interface_language()
    tables = db.session.scalars(
        select(Category).where(Category.id.in_(ids)).options(selectinload(Category.translations))
    )
    return {
        table.id: Resolved(
            phrase(_("New thread in %(title)s"), table.name_in(language)),
            url_for("threads.new", table=table.slug),
        )
        for table in tables
        if permissions.can_start_thread(member, table)
    }


def _threads(member, ids: list[int]) -> dict[int, Resolved]:
    threads = db.session.scalars(
        select(Thread).where(Thread.id.in_(ids)).options(joinedload(Thread.category))
    )
    return {
        thread.id: Resolved(
            phrase(_("Reply in “%(title)s”"), thread.title),
            url_for("threads.reply", thread_id=thread.id),
        )
        for thread in threads
        if permissions.can_reply(member, thread)
    }
