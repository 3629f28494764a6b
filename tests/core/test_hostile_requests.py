"""Hostile requests to every route of the URL map never end in a 500.

The routes are read from app.url_map and the field names from the forms (and from the
code that reads request.form / request.args), so a new route or field is covered
without anyone listing it. Each route and method is sent, by an administrator (no
permission check hides a bug) and by a visitor: ids and numbers too large for the
database, negative and non-numeric ones, far-off dates, NUL bytes and invalid UTF-8.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from flask_wtf import FlaskForm
from werkzeug.routing import AnyConverter, IntegerConverter
from wtforms.fields.core import UnboundField

from cop.members.models import Role
from tests.resources.conftest import resource_fields

pytestmark = pytest.mark.slow  # every route, twice, with every hostile value

HUGE = "99999999999999999999"
NUL = "a\x00b"
BAD_UTF8 = b"caf\xe9 \xff"  # Latin-1 bytes: not UTF-8
TYPICAL = {
    "title": "A plausible title",
    "body": "A plausible body, long enough to be a post.",
    "description": "A plausible description.",
    "reason": "spam",
    "note": "A note",
    "message": "A message",
    "action": "dismiss",
    "role": "member",
    "slug": "a-plausible-slug",
    "name_en": "A name",
    "type": "toolkit",
    "licence": "cc-by-4.0",
    "country": "ES",
    "display_name": "A Name",
    "email": "someone@example.org",
    **dict.fromkeys(["language", "locale", "original_language", "original_locale"], "fr"),
    **dict.fromkeys(["file_language", "format_locale"], "fr"),
    "name_fr": "Un nom",
    "timezone": "Europe/Madrid",
    "format": "in_person",
}
SOURCE = Path(__file__).parents[2] / "cop"
READ_NAMES = re.compile(r"""(?:form|args)(?:\.get(?:list)?)?[(\[]\s*"(\w+)\"""")


def multipart_body(fields: dict[str, bytes]) -> dict:
    """open() arguments for a multipart form of raw bytes (the test client would
    turn bytes values into their repr)."""
    boundary = b"edge-boundary"
    parts = [
        b'--%s\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n'
        % (boundary, name.encode(), value)
        for name, value in fields.items()
    ]
    body = b"".join(parts) + b"--%s--\r\n" % boundary
    return {"data": body, "content_type": f"multipart/form-data; boundary={boundary.decode()}"}


def _form_classes(cls=FlaskForm):
    for sub in cls.__subclasses__():
        if sub.__module__.startswith("cop."):
            yield sub
        yield from _form_classes(sub)


def field_names() -> list[str]:
    """Every field of every form, and every name the views read from a request."""
    names = {
        name
        for form in _form_classes()
        for name in dir(form)
        if isinstance(getattr(form, name, None), UnboundField)
    }
    for path in SOURCE.rglob("*.py"):
        names.update(READ_NAMES.findall(path.read_text(encoding="utf-8")))
    return sorted(names | {"page", "threads_page", "replies_page", "resources_page"})


@pytest.fixture
def world(app, db, make_member, tmp_path, monkeypatch):
    """One of each object a route's id can name, so the forms behind them are reached."""
    from cop.moderation import content_actions, reports, sanctions
    from cop.resources import filetypes, samples
    from cop.resources import services as resources
    from cop.resources.storage import get_storage
    from cop.resources.uploads import Upload
    from cop.threads import services as threads

    monkeypatch.setitem(app.config, "UPLOAD_FOLDER", str(tmp_path / "uploads"))
    admin = make_member(role=Role.ADMIN, display_name="Ada Admin", locale="fr")
    author = make_member(display_name="Omar Author")
    table = threads.save_category(
        None,
        slug="hostile-table",
        position=1,
        original_locale="en",
        is_archived=False,
        texts=[threads.CategoryText("en", "Table", "About")],
    )
    thread = threads.start_thread(
        author=author, category=table, title="A thread to poke", body="Opening", language="en"
    )
    reply = threads.reply_to_thread(author=author, thread=thread, body="A reply", language="en")
    resource = resources.create_resource(sharer=author, fields=resource_fields())
    staged = get_storage().stage(io.BytesIO(samples.pdf(["Module 1"])))
    kind = filetypes.sniff(staged.temp_path, name="m.pdf")
    file = resources.add_file(
        resource,
        upload=Upload(staged=staged, kind=kind, name="m.pdf"),
        language="en",
        uploader=author,
    )
    report = reports.report_content(reply, reporter=admin, reason="spam")
    warning = sanctions.warn_member(admin, moderator=admin, message="Mind the tone")
    content_actions.hide_content(reply, moderator=admin, reason="Hidden")
    db.session.flush()
    from sqlalchemy import select

    from cop.moderation.models import ModerationEvent

    event_id = db.session.scalar(select(ModerationEvent.id).order_by(ModerationEvent.id.desc()))
    gathering = _event_world(admin, author, table, resource)
    from cop.conversations import reports as conversation_reports
    from cop.conversations import services as conversations

    conversation = conversations.start_conversation(
        sender=author, recipients=[admin], subject="A private word", body="Hello"
    )
    message = conversations.send_message(conversation, author=author, body="Are you there?")
    conversation_report = conversation_reports.report_message(
        message, reporter=admin, reason="spam"
    )
    # Reactions and answers (cop/reactions): a Q&A table, a reaction, a marked answer.
    from cop.reactions import answers
    from cop.reactions import services as reactions

    table.is_qa = True
    answer = threads.reply_to_thread(author=author, thread=thread, body="Yes", language="en")
    reactions.add_reaction(answer, admin, "thanks")
    answers.mark_answer(thread, answer, actor=author)
    bookmark, draft = _bookmark_and_draft(admin, thread, conversation)
    from cop.pictures import services as pictures

    picture = pictures.store_picture(author, samples.png(40, 30))
    in_reply = pictures.store_picture(author, samples.png(41, 30))  # a picture of a post
    in_reply.used_by = f"post:{reply.id}"
    in_message = pictures.store_picture(author, samples.png(42, 30))  # one of a message
    in_message.used_by = f"message:{message.id}"
    # A question nobody answered yet: a row on the pages of cop/waiting.
    threads.start_thread(
        author=author, category=table, title="Anyone?", body="Nobody yet", language="en"
    )
    _reading_world(admin, thread, answer)
    # Members' translations (cop/translations): the answer, translated into Greek.
    from cop.translations import services as translations
    from cop.translations.sources import load_original

    translation, _ = translations.add_translation(
        load_original("post", answer.id), translator=admin, language="el", title=None, body="Ναι"
    )
    _reported_translation(admin, author, thread)
    # Machine translation (cop/translations) configured, its server refusing at once:
    # the walker reaches the request to the provider and its failure message.
    monkeypatch.setitem(app.config, "MT_PROVIDER", "libretranslate")
    monkeypatch.setitem(app.config, "MT_URL", "http://127.0.0.1:9")
    monkeypatch.setitem(app.config, "MT_TIMEOUT", 1)
    db.session.commit()
    return {
        "admin": admin,
        "member_id": author.id,
        "handle": author.handle,
        "category_id": table.id,
        "slug": table.slug,
        "thread_id": thread.id,
        "post_id": reply.id,
        "target_id": reply.id,
        "kind": "post",
        "resource_id": resource.id,
        "file_id": file.id,
        "report_id": report.id,
        "warning_id": warning.id,
        "event_id": event_id,
        "events.event_id": gathering.id,  # the events blueprint's <event_id> is an Event
        "year": 2031,
        "month": 3,
        "notification_id": 1,
        "conversation_id": conversation.id,
        "message_id": message.id,
        "conversation_report_id": conversation_report.id,
        "bookmark_id": bookmark.id,
        "draft_id": draft.id,
        "token": "token",
        "filename": "css/cop.css",
        "locale": "ar",
        "country": "ES",  # the events calendar of a country
        "page_slug": "code-of-conduct",
        "picture_name": picture.path,  # a picture not posted yet: its owner's only
        "picture_id": in_reply.id,
        "conversations.picture_id": in_message.id,
        "object_id": answer.id,  # the original of a translation (with "kind": "post")
        "translation_id": translation.id,
    }


def _reading_world(admin, thread, post):
    """Translations into the admin's language (cop/translations): the thread pages and
    lists are walked in "reading in my languages" mode (the admin lists a language)."""
    from cop.extensions import db
    from cop.members.models import MemberLanguage
    from cop.translations.models import ContentTranslation
    from cop.translations.sources import load_original

    db.session.add(MemberLanguage(member=admin, code="ar"))
    thread.language = post.language = "es"
    db.session.flush()
    for kind, object_id, title in (("thread", thread.id, "Un fil"), ("post", post.id, None)):
        db.session.add(
            ContentTranslation(
                kind=kind, object_id=object_id, language="fr", title=title,
                body_source="" if title else "Oui", body_html="" if title else "<p>Oui</p>",
                source_digest=load_original(kind, object_id).digest, translator=admin,
            )
        )  # fmt: skip


def _reported_translation(admin, author, thread):
    """The author's Greek translation of the thread's title, reported by the admin: the
    queue shows it beside its original."""
    from cop.extensions import db
    from cop.moderation import reports
    from cop.translations import sources
    from cop.translations.models import ContentTranslation

    translation = ContentTranslation(
        kind="thread",
        object_id=thread.id,
        language="el",
        title="Ένα νήμα",
        source_digest=sources.load_original("thread", thread.id).digest,
        translator=author,
    )
    db.session.add(translation)
    db.session.flush()
    reports.report_content(translation, reporter=admin, reason="spam")


def _bookmark_and_draft(admin, thread, conversation):
    """The admin's bookmark of the thread and draft of a reply in the conversation."""
    from cop.bookmarks import services as bookmarks
    from cop.drafts import places
    from cop.drafts import services as drafts

    bookmarks.add_bookmark(admin, "thread", thread.id)
    text = drafts.DraftText(body="Half a reply")
    drafts.save_draft(admin, places.kind_of("message"), conversation.id, text)
    return bookmarks.bookmark_of(admin, "thread", thread.id), drafts.find_draft(
        admin, places.place_key("message", conversation.id)
    )


def _event_world(admin, author, table, resource):
    """A published event (in March 2031, the month the walker asks for) in a programme with
    the table's slug, with a linked resource, an organiser role and a registration."""
    from datetime import UTC, datetime

    from cop.events import registration
    from cop.events import services as events
    from cop.events.models import EventFormat

    programme = events.create_programme(
        actor=admin, slug=table.slug, title="A programme", description="", language="en"
    )
    fields = events.EventFields(
        title="A workshop",
        language="en",
        description="About it",
        format=EventFormat.MIXED,
        starts_at=datetime(2031, 3, 1, 9, tzinfo=UTC),
        ends_at=datetime(2031, 3, 1, 12, tzinfo=UTC),
        timezone="Europe/Madrid",
        country="ES",
        online_url="https://meet.example.org/room",
        capacity=10,
        programme=programme,
        question_1="Access needs?",
    )
    event = events.create_event(actor=admin, fields=fields)
    events.publish_event(event, actor=admin, category=table)
    events.link_resource(event, resource)
    events.grant_organiser_role(author, country="ES", actor=admin)
    registration.register(event, author, answer_1="None")
    from cop.moderation import reports

    reports.report_content(event, reporter=author, reason="spam", note="An event reported")
    from cop.events import watches  # the email preferences list them, with their buttons

    watches.watch_country(admin, "ES")
    watches.watch_programme(admin, programme.id)
    # A co-organiser (the walker's <member_id>) for the team page's routes.
    from cop.events import team

    team.add_co_organiser(event, author, actor=admin)
    return event


def _routes(app):
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        for method in sorted(rule.methods & {"GET", "POST"}):
            yield rule, method


def _path(rule, values: dict, replace: dict | None = None) -> str:
    def value(match):
        name = match.group(1)
        converter = rule._converters[name]
        if replace and name in replace:
            return replace[name]
        if isinstance(converter, AnyConverter):
            return re.search(rf"any\(([^),]+)[^)]*\):{name}>", rule.rule).group(1).strip()
        scoped = f"{rule.endpoint.split('.')[0]}.{name}"  # a blueprint's own meaning
        return quote(str(values.get(scoped, values[name])), safe="/")

    return re.sub(r"<(?:[^:<>]+:)?(\w+)>", value, rule.rule)


def _requests(rule, method, values, fields):
    """(label, open() keyword arguments, the status it must get or None) for one route."""
    path = _path(rule, values)
    ints = [n for n, c in rule._converters.items() if isinstance(c, IntegerConverter)]
    texts = [n for n, c in rule._converters.items() if type(c).__name__ == "UnicodeConverter"]
    if ints:
        yield "huge id", {"path": _path(rule, values, dict.fromkeys(ints, HUGE))}, 404
    if texts:
        raw = _path(rule, values, dict.fromkeys(texts, "RAW")).replace("RAW", "\xff")
        yield "NUL in path", {"path": _path(rule, values, dict.fromkeys(texts, "a%00b"))}, 400
        yield "bad UTF-8 in path", {"path": "/", "environ_overrides": {"PATH_INFO": raw}}, 400
    for label, value, status in (
        ("huge numbers", HUGE, None),
        ("negative numbers", "-1", None),
        ("words for numbers", "x", None),
        ("far dates", "9999-12-31", None),
        ("NUL", NUL, 400),
        ("bad UTF-8", BAD_UTF8, 400),
    ):
        encoded = quote(value, safe="")
        query = "&".join(f"{name}={encoded}" for name in fields)
        options = {"path": path, "query_string": query}
        if method == "POST":
            options["data"] = dict.fromkeys(fields, value)
        yield label, options, status
    if method == "POST":
        # Plausible text and choices, so the form validates as far as the numbers.
        typical = {**dict.fromkeys(fields, HUGE), **TYPICAL, "category": values["category_id"]}
        yield "huge numbers in a plausible form", {"path": path, "data": typical}, None
        data = {**dict.fromkeys(fields, NUL), "file": (io.BytesIO(b"%PDF-1.4"), "a\x00.pdf")}
        yield "NUL in a multipart form", {"path": path, "data": data}, 400
        body = multipart_body(dict.fromkeys(fields, BAD_UTF8))
        yield "bad UTF-8 in a multipart form", {"path": path, **body}, 400


def walk(app, client, values, sign_in=None) -> list[str]:
    fields = field_names()
    failures = []
    for rule, method in _routes(app):
        for label, options, status in _requests(rule, method, values, fields):
            where = f"{method} {rule.rule} ({label})"
            try:  # TESTING propagates a view's exception: record it, walk on
                response = client.open(method=method, headers={"Accept-Language": "fr"}, **options)
            except Exception as error:
                failures.append(f"{where}: {error!r}"[:300])
                continue
            response.close()  # downloads and static files are streamed from open files
            where += f": {response.status_code}"
            if response.status_code >= 500 or (status and response.status_code != status):
                failures.append(where)
            elif status == 400 and "Requête incorrecte" not in response.get_data(as_text=True):
                failures.append(f"{where} without the translated 400 page")
            if sign_in and rule.endpoint == "auth.sign_out":
                sign_in()
    return failures


def test_hostile_requests_from_an_admin_never_get_a_500(app, client, world, login):
    login(world["admin"])
    failures = walk(app, client, world, sign_in=lambda: login(world["admin"]))
    assert not failures, "\n".join(failures)


def test_hostile_requests_from_a_visitor_never_get_a_500(app, client, world):
    failures = walk(app, client, world)
    assert not failures, "\n".join(failures)


def test_every_route_and_form_field_is_walked(app):
    routes = {rule.endpoint for rule, _method in _routes(app)}
    assert {"threads.show", "admin.settings", "moderation.merge", "static"} <= routes
    assert {"target", "position", "original_locale", "page", "target_id"} <= set(field_names())
