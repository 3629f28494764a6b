"""Atom feeds (RFC 4287) built with the standard library: latest threads, a table, a thread."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from xml.etree import ElementTree as ET

from flask import Response, current_app, url_for
from flask_babel import gettext as _

from cop.i18n import interface_language
from cop.models import utcnow
from cop.threads.feed_queries import feed_posts, feed_threads
from cop.threads.models import Category, Post, Thread

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ET.register_namespace("", ATOM)


@dataclass(frozen=True)
class Entry:
    title: str
    url: str
    author: str
    language: str
    published: datetime
    updated: datetime
    html: str


def _el(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        element.text = text
    return element


def _stamp(value: datetime) -> str:
    return value.isoformat(timespec="seconds").replace("+00:00", "Z")


def _author_name(member) -> str:
    return member.display_name if member is not None else _("former member")


def render_feed(*, title: str, self_url: str, page_url: str, entries: list[Entry]) -> Response:
    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: interface_language()})
    _el(feed, "id", self_url)
    _el(feed, "title", title)
    _el(feed, "link", rel="self", href=self_url, type="application/atom+xml")
    _el(feed, "link", rel="alternate", href=page_url, type="text/html")
    updated = max((e.updated for e in entries), default=None) or utcnow()
    _el(feed, "updated", _stamp(updated))
    _el(_el(feed, "author"), "name", current_app.config["SITE_NAME"])
    _el(feed, "generator", "cop")
    for item in entries:
        entry = _el(feed, "entry")
        entry.set(XML_LANG, item.language)
        _el(entry, "id", item.url)
        _el(entry, "title", item.title)
        _el(entry, "link", rel="alternate", href=item.url, type="text/html")
        _el(entry, "published", _stamp(item.published))
        _el(entry, "updated", _stamp(item.updated))
        _el(_el(entry, "author"), "name", item.author)
        _el(entry, "content", item.html, type="html")
    body = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return Response(body, mimetype="application/atom+xml")


def _thread_entry(thread: Thread, post: Post) -> Entry:
    return Entry(
        title=thread.title,
        url=url_for("threads.show", thread_id=thread.id, _external=True),
        author=_author_name(thread.author),
        language=thread.language,
        published=thread.created_at,
        updated=post.edited_at or thread.created_at,
        html=post.body_html,
    )


def latest_feed() -> Response:
    return render_feed(
        title=_("Latest discussions"),
        self_url=url_for("threads.feed_latest", _external=True),
        page_url=url_for("threads.index", sort="newest", _external=True),
        entries=[_thread_entry(t, p) for t, p in feed_threads(None)],
    )


def category_feed(category: Category) -> Response:
    return render_feed(
        title=category.name_in(interface_language()),
        self_url=url_for("threads.feed_category", slug=category.slug, _external=True),
        page_url=url_for("threads.category", slug=category.slug, _external=True),
        entries=[_thread_entry(t, p) for t, p in feed_threads(category)],
    )


def thread_feed(thread: Thread) -> Response:
    entries = [
        Entry(
            title=thread.title if post.is_opening else _("Reply #%(number)d", number=post.position),
            url=url_for("threads.post", post_id=post.id, _external=True),
            author=_author_name(post.author),
            language=post.language,
            published=post.created_at,
            updated=post.edited_at or post.created_at,
            html=post.body_html,
        )
        for post in feed_posts(thread)
    ]
    return render_feed(
        title=thread.title,
        self_url=url_for("threads.feed_thread", thread_id=thread.id, _external=True),
        page_url=url_for("threads.show", thread_id=thread.id, _external=True),
        entries=entries,
    )
