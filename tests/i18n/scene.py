"""A small community whose every user-written value is known, and the pages showing it.

The i18n checks (pseudo-locale coverage, direction isolation) seed it through the
services, then read every page a visitor, a member, a moderator and an admin can open,
and the emails it sent. `Texts` names each user value, so a check can find them again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import timedelta

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from cop.extensions import db
from cop.members.models import Member, Role
from tests.conftest import PASSWORD
from tests.resources.conftest import resource_fields


@dataclass(frozen=True)
class Texts:
    """Every value members write that the interface shows, by where it goes."""

    author: str
    other: str
    moderator: str
    admin: str
    organisation: str
    city: str
    table: str
    title: str
    body: str
    reply: str
    resource: str
    tag: str
    report_note: str
    hide_reason: str
    warning: str
    query: str

    def values(self) -> dict[str, str]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def interpolated(self) -> list[str]:
        """The values shown inside interface text (bodies are blocks of their own)."""
        return [v for k, v in self.values().items() if k not in ("body", "reply")]


# No Latin letters: on an English page they must read right to left inside the sentence.
ARABIC = Texts(
    author="سلمى النجار",
    other="ليلى حداد",
    moderator="كريم منصور",
    admin="هدى عيسى",
    organisation="جمعية المستقبل",
    city="إربد",
    table="اقتصاد تضامني",
    title="تعاونيات الغد 2026!",
    body="نص الافتتاح عن التعاون",
    reply="رد قصير مفيد",
    resource="دليل الإنتاج المشترك",
    tag="تمويل",
    report_note="ملاحظة البلاغ",
    hide_reason="سبب الإخفاء",
    warning="تحذير ودي",
    query="تعاونيات",
)

# Latin values for Arabic pages: the same trouble the other way round.
LATIN = Texts(
    author="Salma Najjar",
    other="Layla Haddad",
    moderator="Karim Mansour",
    admin="Huda Issa",
    organisation="Future Association",
    city="Irbid",
    table="Solidarity Economy",
    title="Cooperatives of 2026!",
    body="Opening words about cooperation",
    reply="A short useful reply",
    resource="Co-production Guide",
    tag="funding",
    report_note="Note of the report",
    hide_reason="Reason for hiding",
    warning="Friendly warning",
    query="Cooperatives",
)

# Both scripts in every value, each direction first in turn: an Arabic title with a
# Latin word and a number, a Latin name with an Arabic word (issue 12).
BOTH = Texts(
    author="سلمى Najjar",
    other="Layla حداد",
    moderator="كريم Mansour",
    admin="Huda عيسى",
    organisation="جمعية Futura",
    city="Irbid إربد",
    table="اقتصاد Solidarity",
    title="دليل Wiki للتعاونيات 2026!",
    body="نص الافتتاح about cooperation",
    reply="A short رد مفيد",
    resource="Guide 2026 for التعاون",
    tag="تمويل-funding",
    report_note="Note البلاغ",
    hide_reason="سبب hiding",
    warning="Friendly تحذير",
    query="Wiki",
)


@dataclass
class Scene:
    texts: Texts
    author: Member
    other: Member
    moderator: Member
    admin: Member
    ids: dict[str, object]


def _member(name: str, email: str, locale: str, role=Role.MEMBER) -> Member:
    from cop.auth import services

    return services.register_member(
        display_name=name,
        email=email,
        password=PASSWORD,
        country="JO",
        locale=locale,
        role=role,
        email_confirmed=True,
    )


def build(texts: Texts, locale: str) -> Scene:
    """Members (speaking `locale`), a table, a thread with a reply that mentions its
    author, a report, a hidden reply, a warning and a resource. Commits."""
    from cop.members import services as members
    from cop.members.models import OrganisationKind
    from cop.moderation import content_actions, reports, sanctions
    from cop.resources import services as resources
    from cop.threads import services as threads
    from cop.threads.models import Post

    author = _member(texts.author, "author@example.org", locale)
    other = _member(texts.other, "other@example.org", locale)
    moderator = _member(texts.moderator, "mod@example.org", locale, Role.MODERATOR)
    admin = _member(texts.admin, "admin@example.org", locale, Role.ADMIN)
    members.update_profile(
        author,
        members.ProfileChanges(
            display_name=texts.author,
            organisation=texts.organisation,
            organisation_kind=OrganisationKind.NGO,
            country="JO",
            city=texts.city,
            languages=["ar", "fr"],
            expertise=[texts.tag],
            bio=texts.body,
        ),
    )
    table = threads.save_category(
        None,
        slug="table",
        position=1,
        original_locale="ar",
        is_archived=False,
        texts=[threads.CategoryText(code, texts.table, texts.body) for code in ("en", "ar", "el")],
    )
    thread = threads.start_thread(
        author=author, category=table, title=texts.title, body=texts.body, language="ar"
    )
    reply = threads.reply_to_thread(
        author=other, thread=thread, body=f"@{author.handle} {texts.reply}", language="fr"
    )
    hidden = threads.reply_to_thread(author=other, thread=thread, body=texts.reply, language="ar")
    db.session.flush()
    reports.report_content(reply, reporter=author, reason="off_topic", note=texts.report_note)
    content_actions.hide_content(hidden, moderator=moderator, reason=texts.hide_reason)
    sanctions.warn_member(other, moderator=moderator, message=texts.warning)
    resource = resources.create_resource(
        sharer=author,
        fields=resource_fields(
            title=texts.resource,
            description=texts.body,
            tags=[texts.tag],
            original_language="ar",
        ),
    )
    event = _event(texts, author, admin, table, resource)
    removed = _edited_and_removed(texts, author, moderator, thread)
    from cop.conversations import reports as conversation_reports
    from cop.conversations import services as conversations

    conversation = conversations.start_conversation(
        sender=other, recipients=[author], subject=texts.title, body=texts.body
    )
    message = conversations.send_message(conversation, author=other, body=texts.reply)
    conversation_report = conversation_reports.report_message(
        message, reporter=author, reason=texts.report_note
    )
    # Two more replies: the author's grouped notice "2 new replies in …" and the thread
    # in their unread view (cop.notifications.grouping, cop.threads.unread).
    for _ in range(2):
        threads.reply_to_thread(author=other, thread=thread, body=texts.reply, language="fr")
    _reactions_and_answer(author, other, table, thread, reply)
    # A question nobody has answered yet (cop/waiting): on the pages of threads waiting
    # for an answer, and in the author's digest (they read Arabic; it is not theirs).
    threads.start_thread(
        author=other, category=table, title=texts.title, body=texts.body, language="ar"
    )
    kept = _bookmarks_and_drafts(texts, author, [thread, reply, hidden, resource, event])
    translated = _translations(texts, author, other, thread, reply)
    kept["moderated_translation_id"] = _reported_translation(
        texts, (author, other, moderator), thread, reply
    )
    _machine_translations(texts, locale, thread, resource)
    db.session.commit()
    opening = db.session.scalar(select(Post).where(Post.thread_id == thread.id, Post.position == 1))
    _reading_translations(texts, locale, author, moderator, [thread, opening, reply])
    db.session.commit()
    return Scene(
        texts=texts,
        author=author,
        other=other,
        moderator=moderator,
        admin=admin,
        ids={
            "thread_id": thread.id,
            "post_id": opening.id,
            "reply_id": reply.id,
            "slug": table.slug,
            "category_id": table.id,
            "resource_id": resource.id,
            "handle": author.handle,
            "kind": "post",
            "target_id": reply.id,
            "event_id": event.id,
            "year": event.starts_at.year,
            "month": event.starts_at.month,
            "conversation_id": conversation.id,
            "message_id": message.id,
            "conversation_report_id": conversation_report.id,
            "removed_resource_id": removed.id,
            **kept,
            **translated,
        },
    )


def _edited_and_removed(texts: Texts, author: Member, moderator: Member, thread):
    """The opening post edited (its history shows the title it had), and a second
    resource removed by a moderator with a reason (shown to moderators on its page)."""
    from cop.resources import services as resources
    from cop.threads import services as threads
    from cop.threads.queries import opening_post

    threads.edit_post(opening_post(thread), editor=author, body=texts.reply)
    removed = resources.create_resource(
        sharer=author,
        fields=resource_fields(
            title=texts.resource, description=texts.body, original_language="ar"
        ),
    )
    resources.remove_resource(removed, moderator=moderator, reason=texts.hide_reason)
    return removed


def _translations(texts: Texts, author: Member, other: Member, thread, reply) -> dict[str, int]:
    """Members' translations (cop/translations): the thread's title into Greek, and the
    reply into English by its author, improved once by the other member (a history)."""
    from cop.translations import services as translations
    from cop.translations.sources import load_original

    translations.add_translation(
        load_original("thread", thread.id), translator=other, language="el",
        title=texts.title, body="",
    )  # fmt: skip
    original = load_original("post", reply.id)
    translation, _ = translations.add_translation(
        original, translator=author, language="en", title=None, body=texts.reply
    )
    translations.edit_translation(
        translation, original, editor=other, title=None, body=texts.body, version=None
    )
    return {"object_id": reply.id, "translation_id": translation.id}


def _reported_translation(texts: Texts, people: tuple, thread, reply) -> int:
    """The other member translates the thread's title into Portuguese (found in search)
    and the reply into Spanish; the author reports that one (the queue shows it). The
    author's French title is hidden by a moderator: the author is told why. (Greek and
    English are the members' translations of _translations.)"""
    from cop import signals
    from cop.moderation import content_actions, reports
    from cop.sanitize import render_markdown
    from cop.translations import sources
    from cop.translations.models import ContentTranslation

    author, other, moderator = people
    made = []
    for kind, original, language, title, body, translator in (
        ("thread", thread, "pt", texts.title, "", other),
        ("post", reply, "es", None, texts.reply, other),
        ("thread", thread, "fr", texts.title, "", author),
    ):
        source = sources.load_original(kind, original.id)
        translation = ContentTranslation(
            kind=kind,
            object_id=original.id,
            language=language,
            title=title,
            body_source=body,
            body_html=render_markdown(body),
            source_digest=source.digest,
            translator=translator,
        )
        db.session.add(translation)
        db.session.flush()
        signals.translation_added.send(
            translation, original=source, translator=translator, author_id=None
        )
        made.append(translation)
    reports.report_content(made[1], reporter=author, reason="other", note=texts.report_note)
    content_actions.hide_content(made[2], moderator=moderator, reason=texts.hide_reason)
    return made[1].id


def _machine_translations(texts: Texts, locale: str, thread, resource) -> None:
    """Machine translations (cop/translations) into the members' language of the
    thread's title, its opening post and the resource; the reply keeps its button."""
    from cop.threads.models import Post
    from cop.translations.models import MACHINE, ContentTranslation
    from cop.translations.sources import load_original

    db.session.flush()
    opening = db.session.scalar(select(Post).where(Post.thread_id == thread.id, Post.position == 1))
    for kind, object_id, title in (
        ("thread", thread.id, texts.title),
        ("post", opening.id, None),
        ("resource", resource.id, texts.resource),
    ):
        original = load_original(kind, object_id)
        db.session.add(
            ContentTranslation(
                kind=kind, object_id=object_id, language=locale, origin=MACHINE,
                provider=texts.organisation, title=title,
                body_source=texts.body if kind != "thread" else "",
                body_html=f"<p>{texts.body}</p>" if kind != "thread" else "",
                source_digest=original.digest,
            )
        )  # fmt: skip


def _machine_translation_on(app: Flask):
    """A provider configured (its server never asked by a page; a press fails at once):
    the "Translate into" buttons show. Returns what puts the settings back."""
    saved = {k: app.config.get(k) for k in ("MT_PROVIDER", "MT_URL", "MT_TIMEOUT")}
    app.config.update(MT_PROVIDER="libretranslate", MT_URL="http://127.0.0.1:9", MT_TIMEOUT=1)
    return lambda: app.config.update(saved)


def _reactions_and_answer(author: Member, other: Member, table, thread, reply) -> None:
    """A Q&A table (cop/reactions): the author thanks the reply and marks it the answer
    (the other member is told twice); the other member finds the question helpful."""
    from cop.reactions import answers
    from cop.reactions import services as reactions
    from cop.threads.queries import opening_post

    table.is_qa = True
    reactions.add_reaction(reply, author, "thanks")
    reactions.add_reaction(reply, author, "agree")
    reactions.add_reaction(opening_post(thread), other, "helpful")
    answers.mark_answer(thread, reply, actor=author)


def _reading_translations(
    texts: Texts, locale: str, author: Member, moderator: Member, things
) -> None:
    """Reading in my languages (cop/translations): the moderator lists Spanish, so reads
    the thread's title and posts translated into the page's language (the author's
    translations, a machine's of the opening post); one of them outdated. The members'
    translations _translations made first stay (one a language)."""
    from cop.members.models import MemberLanguage
    from cop.sanitize import render_markdown
    from cop.translations.models import ContentTranslation
    from cop.translations.queries import member_translation
    from cop.translations.sources import load_original

    db.session.add(MemberLanguage(member=moderator, code="es"))
    thread, opening, reply = things
    for kind, item, title, body, provider in (
        ("thread", thread, texts.title, "", None),
        ("post", opening, None, texts.body, texts.organisation),  # a provider's name
        ("post", reply, None, texts.reply, None),
    ):
        if not provider and member_translation(kind, item.id, locale) is not None:
            continue
        machine = select(ContentTranslation.id).filter_by(
            kind=kind, object_id=item.id, language=locale, origin="machine"
        )
        if provider and db.session.scalar(machine) is not None:
            continue  # _machine_translations made it already
        digest = load_original(kind, item.id).digest
        db.session.add(
            ContentTranslation(
                kind=kind, object_id=item.id, language=locale, title=title, body_source=body,
                body_html=render_markdown(body) if body else "", provider=provider,
                origin="machine" if provider else "member", translator=None if provider else author,
                source_digest="0" * 64 if kind == "thread" else digest,
            )
        )  # fmt: skip


def _bookmarks_and_drafts(texts: Texts, author: Member, things: list) -> dict[str, int]:
    """The author's bookmarks (one of them of the hidden reply: unavailable), with a note
    and a reminder, and drafts of a reply and of a new thread."""
    from datetime import date

    from cop.bookmarks import services as bookmarks
    from cop.drafts import places
    from cop.drafts import services as drafts

    thread, reply, hidden, resource, event = things
    pairs = [("thread", thread), ("post", reply), ("post", hidden), ("resource", resource),
             ("event", event)]  # fmt: skip
    for kind, thing in pairs:
        bookmarks.add_bookmark(author, kind, thing.id)
    bookmark = bookmarks.bookmark_of(author, "thread", thread.id)
    bookmarks.update_bookmark(bookmark, note=texts.body, remind_on=date(2031, 3, 1))
    reply_text = drafts.DraftText(body=texts.reply, language="ar")
    drafts.save_draft(author, places.kind_of("reply"), thread.id, reply_text)
    thread_text = drafts.DraftText(title=texts.title, body=texts.body)
    drafts.save_draft(author, places.kind_of("thread"), thread.category_id, thread_text)
    draft = drafts.find_draft(author, places.place_key("reply", thread.id))
    return {"bookmark_id": bookmark.id, "draft_id": draft.id}


def _event(texts: Texts, author: Member, admin: Member, table, resource):
    """A published mixed event in a programme (with the table's slug), organised by the
    author, with questions, a linked resource and someone going and someone waiting."""
    from datetime import timedelta

    from cop.events import registration
    from cop.events import services as events
    from cop.events.models import EventFormat
    from cop.models import utcnow

    programme = events.create_programme(
        actor=admin, slug=table.slug, title=texts.table, description=texts.body, language="ar"
    )
    starts = utcnow().replace(microsecond=0) + timedelta(days=20)
    fields = events.EventFields(
        title=texts.title,
        language="ar",
        description=texts.body,
        format=EventFormat.MIXED,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        timezone="Asia/Amman",
        country="JO",
        city=texts.city,
        venue=texts.organisation,
        online_url="https://meet.example.org/room",
        delivery_languages=["ar", "fr"],
        capacity=1,
        registration_deadline=starts - timedelta(days=1),
        programme=programme,
        question_1=texts.report_note,
        question_2=texts.warning,
    )
    event = events.create_event(actor=author, fields=fields)
    _event_watches(admin, programme)
    events.publish_event(event, actor=author, category=table)
    events.link_resource(event, resource)
    events.grant_organiser_role(author, country="JO", actor=admin)
    registration.register(event, admin, answer_1=texts.reply)
    registration.register(event, author)
    # Events everywhere: the profile's "Events attended" shown, a report on the event.
    from cop.moderation import reports

    author.show_events_attended = True
    reports.report_content(event, reporter=admin, reason="spam", note=texts.report_note)
    _event_notices(texts, event, admin, fields)
    return event


def _event_watches(admin: Member, programme) -> None:
    """The admin watches Jordan and the programme: the event's publication tells them."""
    from cop.events import watches

    watches.watch_country(admin, "JO")
    watches.watch_programme(admin, programme.id)


def _event_notices(texts: Texts, event, admin: Member, fields) -> None:
    """The admin moves the event (time, place): the author, waiting, is told; the admin,
    going, gets the reminder."""
    from dataclasses import replace

    from cop.events import registration
    from cop.events import services as events
    from cop.notifications import reminders

    later = fields.starts_at + timedelta(hours=1)
    moved = replace(fields, starts_at=later, ends_at=later + timedelta(hours=2), city=texts.tag)
    events.update_event(event, actor=admin, fields=moved, version=event.version)
    reminders.remind(registration.registration_of(event, admin))


# Not pages: files, feeds (XML for feed readers), JSON, actions, and token links that
# pages() fills in itself.
SKIPPED = {
    "static",
    "members.avatar",
    "members.export_data",
    "resources.download",
    "threads.quote",
    "threads.feed_latest",
    "threads.feed_category",
    "threads.feed_thread",
    "auth.reset_password",
    "members.confirm_email",
    "notifications.unsubscribe",
    "auth.confirm_address",
}


def page_urls(app: Flask, scene: Scene) -> list[str]:
    """Every GET page of the app, its arguments taken from the scene."""
    urls = []
    with app.test_request_context():
        from flask import url_for

        for rule in app.url_map.iter_rules():
            if "GET" not in rule.methods or rule.endpoint in SKIPPED:
                continue
            args = {name: scene.ids[name] for name in rule.arguments if name in scene.ids}
            if set(rule.arguments) - set(args) - set(rule.defaults or {}):
                continue
            urls.append(url_for(rule.endpoint, **args))
        urls += _token_urls(scene)
        urls.append(url_for("search.index", q=scene.texts.query))
        # An event in search, on its moderation page and its report form.
        event_id = scene.ids["event_id"]
        urls.append(url_for("search.index", q=scene.texts.query, kind="event"))
        urls.append(url_for("moderation.content", kind="event", target_id=event_id))
        urls.append(url_for("moderation.report", kind="event", target_id=event_id))
        urls.append(url_for("resources.show", resource_id=scene.ids["removed_resource_id"]))

        # A translation in search, in the queue, on its moderation page and report form.
        translation_id = scene.ids["moderated_translation_id"]
        urls.append(url_for("search.index", q=scene.texts.query, kind="translation"))
        urls.append(url_for("moderation.queue", kind="translation"))
        urls.append(url_for("moderation.content", kind="translation", target_id=translation_id))
        urls.append(url_for("moderation.report", kind="translation", target_id=translation_id))
        # Second pages, for the pager's "Previous" (with page sizes made small).
        urls += [url_for("moderation.log", page=2), url_for("members.directory", page=2)]
        urls.append(url_for("admin.members", q=scene.texts.author))
        # A post read as written in "reading in my languages" mode (cop/translations).
        urls.append(url_for("threads.show", thread_id=scene.ids["thread_id"], page=1,
                            original=scene.ids["reply_id"]))  # fmt: skip
        urls += _community_page_urls()
        urls.append("/no-such-page")
    return sorted(set(urls))


def _community_page_urls() -> list[str]:
    from flask import url_for

    from cop.pages.defaults import SLUGS

    urls = [url_for("pages.show", page_slug=slug) for slug in SLUGS]
    urls.append(url_for("pages.show", page_slug="help", lang="ar"))
    urls.append(url_for("pages.edit", page_slug="code-of-conduct"))
    urls.append(url_for("pages.changed", page_slug="privacy", next="/"))
    urls.append(url_for("auth.confirm_address", token="not-a-token"))
    return urls


def _token_urls(scene: Scene) -> list[str]:
    from flask import url_for

    from cop.auth.tokens import make_reset_token
    from cop.members.tokens import make_email_token
    from cop.notifications.emails import make_unsubscribe_token

    return [
        url_for("auth.reset_password", token=make_reset_token(scene.author)),
        url_for("members.confirm_email", token=make_email_token(scene.author, "new@example.org")),
        url_for("notifications.unsubscribe", token=make_unsubscribe_token(scene.author, "reply")),
    ]


ROLES = ("visitor", "author", "moderator", "admin")


def sign_in(client: FlaskClient, member: Member | None) -> None:
    if member is not None:
        response = client.post("/auth/sign-in", data={"email": member.email, "password": PASSWORD})
        assert response.status_code == 302, response.get_data(as_text=True)[:500]


def member_for(scene: Scene, role: str) -> Member | None:
    return {"author": scene.author, "moderator": scene.moderator, "admin": scene.admin}.get(role)


def rendered_pages(app: Flask, scene: Scene, language: str = "en") -> dict[str, str]:
    """{"role GET url": html} for every page and role (redirects left out), then the
    pages after forms that fail or flash. Visitors ask for `language`."""
    found: dict[str, str] = {}
    restore_machine_translation = _machine_translation_on(app)
    urls = page_urls(app, scene)
    for role in ROLES:
        client = app.test_client()
        client.environ_base["HTTP_ACCEPT_LANGUAGE"] = language
        sign_in(client, member_for(scene, role))
        for url in urls:
            response = client.get(url)
            if response.status_code in (301, 302, 303):
                continue
            if response.mimetype == "text/html":
                found[f"{role} GET {url}"] = response.get_data(as_text=True)
        found.update(_forms(client, scene) if role == "admin" else {})
        found.update(_member_forms(client, scene) if role == "author" else {})
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = language
    found.update(_visitor_forms(client))
    restore_machine_translation()
    return found


def _visitor_forms(client: FlaskClient) -> dict[str, str]:
    """Forms sent wrong: the error summary, each field's message, WTForms' own ones."""
    pages = {}
    for url, data in (
        ("/auth/register", {"email": "not an address", "country": "XX", "locale": "xx"}),
        ("/auth/sign-in", {"email": "nobody@example.org", "password": "wrong"}),
        ("/auth/forgot", {"email": ""}),
    ):
        pages[f"visitor POST {url}"] = client.post(url, data=data).get_data(as_text=True)
    return pages


def _member_forms(client: FlaskClient, scene: Scene) -> dict[str, str]:
    ids = scene.ids
    pages = {}
    reply = f"/threads/{ids['thread_id']}/reply"
    pages[f"author POST {reply} (preview)"] = client.post(
        reply, data={"body": "@لا_أحد_هنا " + scene.texts.reply, "preview": "1", "language": "ar"}
    ).get_data(as_text=True)
    # A machine translation asked of a provider that cannot be reached: the message.
    machine = f"/translations/machine/post/{ids['reply_id']}"
    pages[f"author POST {machine} (provider unreachable)"] = client.post(
        machine, follow_redirects=True
    ).get_data(as_text=True)
    pages[f"author POST {reply} (empty)"] = client.post(reply, data={"body": ""}).get_data(
        as_text=True
    )
    pages["author POST /threads/new (empty)"] = client.post(
        "/threads/new", data={"title": "", "body": "", "category": "x"}
    ).get_data(as_text=True)
    pages.update(_unconfirmed_pages(client, scene))
    pages.update(_conversation_forms(client, scene))
    pages.update(_bookmark_and_draft_forms(client, scene))
    pages.update(_translation_forms(client, scene))
    pages.update(_language_notice_forms(client, scene))
    return pages


def _translation_forms(client: FlaskClient, scene: Scene) -> dict[str, str]:
    """A translation sent wrong (each field's message), one published (its flash) and
    the removal's question."""
    pages = {}
    add = f"/translations/post/{scene.ids['post_id']}/new"
    pages[f"author POST {add} (wrong)"] = client.post(
        add, data={"language": "xx", "body": ""}
    ).get_data(as_text=True)
    response = client.post(
        add, data={"language": "el", "body": scene.texts.reply}, follow_redirects=True
    )
    pages[f"author POST {add}"] = response.get_data(as_text=True)
    remove = f"/translations/{scene.ids['translation_id']}/remove"
    pages[f"author POST {remove} (asks)"] = client.post(remove).get_data(as_text=True)
    return pages


def _language_notice_forms(client: FlaskClient, scene: Scene) -> dict[str, str]:
    """A reply that does not look like the language chosen: the notice, its buttons, and
    the same notice on the preview (cop/languagecheck.py; off in the other tests)."""
    pages, config = {}, client.application.config
    reply = f"/threads/{scene.ids['thread_id']}/reply"
    data = {"body": "Πώς οργανώνετε μια συνέλευση συμμετοχικού προϋπολογισμού;", "language": "es"}
    was, config["LANGUAGE_CHECK"] = config["LANGUAGE_CHECK"], True
    try:
        for label, extra in (("language notice", {}), ("language preview", {"preview": "1"})):
            response = client.post(reply, data={**data, **extra})
            pages[f"author POST {reply} ({label})"] = response.get_data(as_text=True)
            assert 'id="language-notice"' in pages[f"author POST {reply} ({label})"]
    finally:
        config["LANGUAGE_CHECK"] = was
    return pages


def _bookmark_and_draft_forms(client: FlaskClient, scene: Scene) -> dict[str, str]:
    """A draft saved (the notice), a draft too long, a bookmark with a wrong date."""
    pages = {}
    reply = f"/threads/{scene.ids['thread_id']}/reply"
    too_long = (scene.texts.reply + " ") * (30_001 // len(scene.texts.reply) + 1)
    for label, body in (("save draft", scene.texts.reply), ("draft too long", too_long)):
        pages[f"author POST {reply} ({label})"] = client.post(
            reply, data={"body": body, "language": "ar", "save_draft": "1"}
        ).get_data(as_text=True)
    edit = f"/bookmarks/{scene.ids['bookmark_id']}/edit"
    pages[f"author POST {edit} (wrong date)"] = client.post(
        edit, data={"note": scene.texts.body, "remind_on": "3001-01-01"}
    ).get_data(as_text=True)
    response = client.post(
        "/bookmarks/add",
        data={"kind": "thread", "target_id": scene.ids["thread_id"], "next": "/bookmarks/"},
        follow_redirects=True,
    )
    pages["author POST /bookmarks/add"] = response.get_data(as_text=True)
    pages.update(_picture_forms(client, scene))
    return pages


def _picture_forms(client: FlaskClient, scene: Scene) -> dict[str, str]:
    """A picture attached to a reply, one refused (no description, not a picture), and a
    reply whose picture lost its description."""
    import io

    from cop.resources import samples

    reply = f"/threads/{scene.ids['thread_id']}/reply"
    pages = {}
    for label, data, alt in (
        ("attached", samples.png(40, 30), scene.texts.reply),
        ("refused", b"not a picture", ""),
    ):
        form = {"body": scene.texts.reply, "language": "ar", "picture_alt": alt}
        form |= {"attach_picture": "1", "picture": (io.BytesIO(data), "p.png")}
        response = client.post(reply, data=form, content_type="multipart/form-data")
        pages[f"author POST {reply} (picture {label})"] = response.get_data(as_text=True)
    body = f"{scene.texts.reply}![](/media/{'0' * 64}-1x1.webp)"  # one word: user text
    response = client.post(reply, data={"body": body, "language": "ar"})
    pages[f"author POST {reply} (picture undescribed)"] = response.get_data(as_text=True)
    return pages


def _conversation_forms(client: FlaskClient, scene: Scene) -> dict[str, str]:
    """A conversation refused (to oneself, nobody, an empty body), a block that hides a
    member's posts on the thread page, then lifted."""
    pages = {}
    for label, to in (("self", scene.author.handle), ("unknown", "لا_أحد_هنا")):
        pages[f"author POST /conversations/new ({label})"] = client.post(
            "/conversations/new", data={"recipients": to, "subject": "", "body": ""}
        ).get_data(as_text=True)
    reply = f"/conversations/{scene.ids['conversation_id']}/reply"
    pages[f"author POST {reply} (empty)"] = client.post(reply, data={"body": ""}).get_data(
        as_text=True
    )
    pages["author POST /conversations/blocks (unknown)"] = client.post(
        "/conversations/blocks", data={"handle": "لا_أحد_هنا"}
    ).get_data(as_text=True)
    response = client.post(
        "/conversations/blocks",
        data={"handle": scene.other.handle, "hide_posts": "y"},
        follow_redirects=True,
    )
    pages["author POST /conversations/blocks"] = response.get_data(as_text=True)
    thread = f"/threads/{scene.ids['thread_id']}?page=1"
    pages[f"author GET {thread} (blocked)"] = client.get(thread).get_data(as_text=True)
    client.post(f"/conversations/blocks/{scene.other.id}/remove")
    return pages


def _unconfirmed_pages(client: FlaskClient, scene: Scene) -> dict[str, str]:
    """The banner and a refused form, while the author's address is unconfirmed."""
    confirmed_at = scene.author.email_confirmed_at
    scene.author.email_confirmed_at = None
    db.session.commit()
    reply = f"/threads/{scene.ids['thread_id']}/reply"
    pages = {
        "unconfirmed GET /": client.get("/").get_data(as_text=True),
        f"unconfirmed POST {reply}": client.post(
            reply, data={"body": scene.texts.reply, "language": "ar"}
        ).get_data(as_text=True),
    }
    scene.author.email_confirmed_at = confirmed_at
    db.session.commit()
    return pages


def _forms(client: FlaskClient, scene: Scene) -> dict[str, str]:
    """Admin forms: a flash naming a member, and WTForms' built-in number message."""
    pages = {}
    response = client.post(
        f"/admin/members/{scene.other.id}/role",
        data={"role": "moderator", "reason": scene.texts.hide_reason},
        follow_redirects=True,
    )
    pages["admin POST role change"] = response.get_data(as_text=True)
    response = client.post("/admin/settings", data={"approval_count": "many"})
    pages["admin POST /admin/settings (not a number)"] = response.get_data(as_text=True)
    response = client.post(
        "/events/new",
        data={"title": scene.texts.title, "timezone": "Mars/Olympus", "capacity": "0",
              "start_date": "soon", "format": "online", "online_url": "ftp://x"},
    )  # fmt: skip
    pages["admin POST /events/new (wrong)"] = response.get_data(as_text=True)
    response = client.post(
        "/events/new",
        data={"title": scene.texts.title, "timezone": "Asia/Amman", "format": "mixed",
              "start_date": "2031-03-02", "start_time": "10:00", "end_date": "2031-03-01",
              "end_time": "09:00", "deadline_date": "2031-03-05", "language": "ar"},
    )  # fmt: skip
    pages["admin POST /events/new (times)"] = response.get_data(as_text=True)
    event = f"/events/{scene.ids['event_id']}"
    for action in ("register", "unregister"):
        response = client.post(f"{event}/{action}", follow_redirects=True)
        pages[f"admin POST {event}/{action}"] = response.get_data(as_text=True)
    response = client.post(f"{event}/cancel")
    pages[f"admin POST {event}/cancel (asks)"] = response.get_data(as_text=True)
    pages.update(_programme_and_team_forms(client, scene))
    return pages


def _programme_and_team_forms(client: FlaskClient, scene: Scene) -> dict[str, str]:
    """Programmes and an event's team: forms sent wrong, and the flashes naming a
    programme, a member and a resource."""
    pages = {}
    bad = {"title": "", "slug": "Not A Slug", "language": "xx", "description": ""}
    response = client.post("/events/programmes/new", data=bad)
    pages["admin POST /events/programmes/new (wrong)"] = response.get_data(as_text=True)
    made = {"title": scene.texts.title, "slug": "scene-programme", "language": "ar"}
    response = client.post("/events/programmes/new", data=made, follow_redirects=True)
    pages["admin POST /events/programmes/new"] = response.get_data(as_text=True)
    team = f"/events/{scene.ids['event_id']}/team"
    for path, data in (
        ("organisers", {"handle": "لا_أحد_هنا"}),
        ("materials", {"reference": "/threads/1"}),
    ):
        response = client.post(f"{team}/{path}", data=data)
        pages[f"admin POST {team}/{path} (wrong)"] = response.get_data(as_text=True)
    for path, data in (
        ("organisers", {"handle": scene.other.handle}),
        ("materials", {"reference": str(scene.ids["resource_id"])}),
    ):
        response = client.post(f"{team}/{path}", data=data, follow_redirects=True)
        pages[f"admin POST {team}/{path}"] = response.get_data(as_text=True)
    response = client.post(f"{team}/organisers/{scene.other.id}/remove", follow_redirects=True)
    pages[f"admin POST {team}/organisers (removed)"] = response.get_data(as_text=True)
    return pages


def sent_emails(app: Flask, scene: Scene) -> dict[str, tuple[str, str, str]]:
    """{"email N to X": (subject, text body, html body)} for the notices and a digest."""
    from cop.models import utcnow
    from cop.notifications import digests
    from cop.notifications import services as notices
    from cop.notifications.models import Kind, Mode, Notification
    from cop.notifications.outbox import deliver_immediate

    outbox = app.extensions["mailman"].outbox
    outbox.clear()
    # The author reads a daily digest; the others get each notice at once.
    notices.set_email_modes(scene.author, dict.fromkeys(Kind, Mode.DAILY))
    db.session.commit()
    deliver_immediate()
    db.session.execute(
        Notification.__table__.update().values(created_at=utcnow() - timedelta(days=2))
    )
    db.session.commit()
    digests.send_digests("daily")
    # The account emails: a password reset, then an address change and its confirmation.
    client = app.test_client()
    client.post("/auth/forgot", data={"email": scene.author.email})
    sign_in(client, scene.author)
    client.post(
        "/members/settings/email", data={"new_email": "new@example.org", "password": PASSWORD}
    )
    with app.test_request_context():
        from cop.auth.confirm_views import send_confirmation

        send_confirmation(scene.author)  # the link a new member is sent
    confirm = next(m for m in outbox if m.to == ["new@example.org"])
    client.post(re.search(r"https?://[^/\s]+(/\S+)", confirm.body).group(1))
    emails = {}
    for n, message in enumerate(outbox):
        html = next((body for body, kind in message.alternatives if kind == "text/html"), "")
        emails[f"email {n} to {message.to[0]}: {message.subject}"] = (
            message.subject,
            message.body,
            html,
        )
    return emails
