"""Notification emails through a real local SMTP server: language, links, headers,
one-click unsubscribe, digests sent once and resumed after a crash."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from flask_babel import force_locale, gettext
from sqlalchemy import select, update

from cop import mail
from cop.extensions import db as _db
from cop.models import utcnow
from cop.notifications import digests, emails, services
from cop.notifications.models import Kind, Mode, Notification
from cop.notifications.outbox import deliver_immediate
from cop.threads import services as threads
from tests.notifications.conftest import notifications_of, wait_for


class SimulatedCrash(Exception):
    pass


def link_in(text: str, path: str) -> str:
    return re.search(rf"https?://\S+{path}\S*", text).group(0).rstrip(".,)")


def test_a_mention_is_emailed_at_once_in_the_recipients_language_and_direction(
    db, smtp_app, make_member, make_thread
):
    omar = make_member(locale="ar", email="omar@example.org")
    ana = make_member(locale="es", email="ana@example.org")
    thread = make_thread(author=ana, title="Economía social en Túnez")
    client = smtp_app.test_client()
    client.post("/auth/sign-in", data={"email": ana.email, "password": "a long and quiet river"})
    response = client.post(
        f"/threads/{thread.id}/reply",
        data={"body": f"¿Qué opinas, @{omar.handle}?", "language": "es", "client_token": "t1"},
    )
    assert response.status_code == 302

    ((recipients, message),) = wait_for(smtp_app.inbox, 1)
    assert recipients == ["omar@example.org"]
    html = message.get_body(("html",)).get_content()
    text = message.get_body(("plain",)).get_content()
    assert '<html lang="ar" dir="rtl">' in html
    assert "Economía social en Túnez" in message["Subject"]
    name = omar.display_name
    with smtp_app.test_request_context(), force_locale("ar"):
        greeting = gettext("Hello %(name)s,", name=f"\u2068{name}\u2069")  # isolated
    assert greeting != f"Hello {name}," and greeting in text  # Arabic
    (notice,) = notifications_of(db, omar)
    assert link_in(text, f"/threads/posts/{notice.target_id}")
    assert f"/threads/posts/{notice.target_id}" in html
    unsubscribe = str(message["List-Unsubscribe"]).strip().strip("<>")
    assert "/notifications/unsubscribe/" in unsubscribe
    assert unsubscribe in text and unsubscribe in html
    assert str(message["List-Unsubscribe-Post"]).strip() == "List-Unsubscribe=One-Click"
    assert str(message["Message-ID"]).strip().startswith(f"<cop-notification-{notice.id}.")
    assert notice.emailed_at is not None


def test_one_click_unsubscribe_works_by_post_without_a_csrf_token(
    database_url, app, db, make_member
):
    from tests.conftest import build_app

    member = make_member(locale="pt")
    strict = build_app(database_url, WTF_CSRF_ENABLED=True)
    with app.test_request_context():  # the same secret key; the test's own session
        token = emails.make_unsubscribe_token(member, Kind.MENTION.value)
    client = strict.test_client()
    page = client.get(f"/notifications/unsubscribe/{token}")
    assert page.status_code == 200
    response = client.post(
        f"/notifications/unsubscribe/{token}", data={"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    assert services.email_modes(member.id)[Kind.MENTION] == Mode.NONE
    assert services.email_modes(member.id)[Kind.QUOTE] == Mode.IMMEDIATE
    # Other state changes still need their token.
    assert client.post("/notifications/read-all").status_code in (302, 400)
    with strict.app_context():
        _db.engine.dispose()


def test_a_forged_unsubscribe_token_is_refused(client):
    response = client.post("/notifications/unsubscribe/not-a-token")
    assert response.status_code == 404


def test_unsubscribing_from_the_daily_digest_stops_every_daily_kind(db, app, make_member):
    member = make_member()
    with app.test_request_context():
        token = emails.make_unsubscribe_token(member, "daily")
    app.test_client().post(f"/notifications/unsubscribe/{token}")
    modes = services.email_modes(member.id)
    assert modes[Kind.REPLY] == Mode.NONE and modes[Kind.NEW_THREAD] == Mode.NONE
    assert modes[Kind.MENTION] == Mode.IMMEDIATE


def _daily_activity(db, make_member, make_thread, readers: int = 2):
    """Replies that each reader (thread starters, daily by default) hears about."""
    people = [make_member(locale=loc) for loc in ("ar", "es", "el")[:readers]]
    replier = make_member()
    for person in people:
        thread = make_thread(author=person, title=f"Thread of {person.display_name}")
        threads.reply_to_thread(author=replier, thread=thread, body="An answer", language="en")
    db.session.commit()
    return people


def test_the_daily_digest_goes_once_per_member_and_never_twice(
    db, smtp_app, make_member, make_thread
):
    people = _daily_activity(db, make_member, make_thread)
    tomorrow = utcnow() + timedelta(minutes=1)
    with smtp_app.app_context():
        assert digests.send_digests("daily", now=tomorrow) == 2
        assert digests.send_digests("daily", now=tomorrow) == 0
    messages = wait_for(smtp_app.inbox, 2)
    assert sorted(r[0] for r, _m in messages) == sorted(p.email for p in people)
    by_rcpt = {r[0]: m for r, m in messages}
    arabic = by_rcpt[people[0].email]
    assert '<html lang="ar" dir="rtl">' in arabic.get_body(("html",)).get_content()
    assert str(arabic["List-Unsubscribe-Post"]).strip() == "List-Unsubscribe=One-Click"
    assert "/threads/posts/" in arabic.get_body(("plain",)).get_content()
    for person in people:
        (notice,) = notifications_of(db, person)
        assert notice.emailed_at is not None and notice.digest_batch_id is not None
    # Running the command again later the same day sends nothing more.
    with smtp_app.app_context():
        assert digests.send_digests("daily", now=tomorrow + timedelta(hours=2)) == 0
    assert len(smtp_app.inbox.messages) == 2


def test_an_interrupted_digest_run_resumes_where_it_stopped(
    db, smtp_app, make_member, make_thread, monkeypatch
):
    people = _daily_activity(db, make_member, make_thread, readers=3)
    later = utcnow() + timedelta(minutes=1)
    real_send = mail.send_templated
    calls = []

    def crash_on_second(to, *args, **kwargs):
        calls.append(to)
        if len(calls) == 2:
            raise SimulatedCrash("the server went down")
        return real_send(to, *args, **kwargs)

    monkeypatch.setattr(mail, "send_templated", crash_on_second)
    with smtp_app.app_context(), pytest.raises(SimulatedCrash):
        digests.send_digests("daily", now=later)
    assert len(wait_for(smtp_app.inbox, 1)) == 1
    monkeypatch.setattr(mail, "send_templated", real_send)
    with smtp_app.app_context():
        assert digests.send_digests("daily", now=later) == 2
    messages = wait_for(smtp_app.inbox, 3)
    assert sorted(r[0] for r, _m in messages) == sorted(p.email for p in people)


@pytest.mark.logs_errors  # the failed delivery is logged with its traceback on purpose
def test_a_failed_immediate_email_is_sent_by_the_command_later_and_only_once(
    db, smtp_app, make_member, make_thread, monkeypatch
):
    author, friend = make_member(), make_member(locale="el")
    thread = make_thread(author=author)
    threads.reply_to_thread(
        author=author, thread=thread, body=f"@{friend.handle} look", language="en"
    )
    db.session.commit()

    def broken(*args, **kwargs):
        raise ConnectionRefusedError("SMTP down")

    monkeypatch.setattr(mail, "send_templated", broken)
    with smtp_app.app_context():
        assert deliver_immediate() == 0
    (notice,) = notifications_of(db, friend)
    assert notice.email_claimed_at is None and notice.emailed_at is None
    monkeypatch.undo()
    with smtp_app.app_context():
        assert deliver_immediate() == 1
        assert deliver_immediate() == 0
    ((recipients, message),) = wait_for(smtp_app.inbox, 1)
    assert recipients == [friend.email]
    assert '<html lang="el" dir="ltr">' in message.get_body(("html",)).get_content()


def test_a_claim_left_by_a_crashed_sender_is_taken_again_after_the_timeout(
    db, smtp_app, make_member, make_thread
):
    author, friend = make_member(), make_member()
    thread = make_thread(author=author)
    threads.reply_to_thread(author=author, thread=thread, body=f"@{friend.handle}", language="en")
    db.session.commit()
    stale = utcnow() - emails.CLAIM_TIMEOUT - timedelta(minutes=1)
    db.session.execute(update(Notification).values(email_claimed_at=utcnow()))
    db.session.commit()
    with smtp_app.app_context():
        assert deliver_immediate() == 0  # someone else is sending it
    db.session.execute(update(Notification).values(email_claimed_at=stale))
    db.session.commit()
    with smtp_app.app_context():
        assert deliver_immediate() == 1


def test_the_commands_send_what_is_due(app, db, make_member, make_thread, monkeypatch):
    # The CLI runs in the test's app (its locmem backend): the SMTP path is tested above.
    author, friend = make_member(), make_member()
    thread = make_thread(author=author)
    threads.reply_to_thread(author=author, thread=thread, body=f"@{friend.handle}", language="en")
    db.session.commit()
    # A list of our own, so the session app's shared outbox stays as other tests expect.
    outbox: list = []
    monkeypatch.setattr(app.extensions["mailman"], "outbox", outbox, raising=False)
    result = app.test_cli_runner().invoke(args=["cop", "send-notifications"])
    assert "Sent 1 notification emails." in result.output, result.output
    assert outbox[0].to == [friend.email]
    assert outbox[0].extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "http://cop.test/threads/posts/" in outbox[0].body
    _daily_activity(db, make_member, make_thread, readers=1)
    db.session.execute(update(Notification).values(created_at=utcnow() - timedelta(hours=1)))
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["cop", "send-digests", "--frequency", "daily"])
    assert "Sent 1 daily digests." in result.output, result.output
    assert _db.session.scalar(
        select(Notification.digest_batch_id).where(Notification.kind == "reply")
    )


def test_members_who_chose_no_email_get_none(db, smtp_app, make_member, make_thread):
    author, friend = make_member(), make_member()
    services.set_email_modes(friend, {Kind.MENTION: Mode.NONE})
    db.session.commit()
    thread = make_thread(author=author)
    threads.reply_to_thread(author=author, thread=thread, body=f"@{friend.handle}", language="en")
    db.session.commit()
    with smtp_app.app_context():
        assert deliver_immediate() == 0
        assert digests.send_digests("daily", now=utcnow() + timedelta(minutes=1)) == 0
    assert notifications_of(db, friend)[0].delivery == "none"


def test_an_unsubscribe_link_is_carried_out_once(db, app, make_member, caplog):
    member = make_member()
    with app.test_request_context():
        token = emails.make_unsubscribe_token(member, Kind.MENTION.value)
    with caplog.at_level("INFO", logger="cop.notifications.services"):
        response = app.test_client().post(f"/notifications/unsubscribe/{token}")
    assert response.status_code == 200
    done = [r for r in caplog.records if "unsubscribed from" in r.getMessage()]
    assert len(done) == 1
    assert services.email_modes(member.id)[Kind.MENTION] == Mode.NONE
