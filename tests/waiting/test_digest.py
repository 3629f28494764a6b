"""The digests' section "Waiting for an answer in your languages": threads in the
member's languages, not their own, in their language, titles isolated in both parts."""

from __future__ import annotations

from datetime import timedelta

from cop.i18n import FSI, PDI
from cop.models import utcnow
from cop.notifications import digests
from tests.members.conftest import outbox  # noqa: F401  (emails sent, locmem)


def _digest_for(db, make_member, make_thread, reply, reader):
    """Give the reader a notice for the daily digest (a reply to their thread), send it."""
    own = make_thread(author=reader, title="My own question", language=reader.locale)
    reply(own, make_member())
    tomorrow = utcnow() + timedelta(minutes=1)
    assert digests.send_digests("daily", now=tomorrow) == 1


def _parts(message) -> tuple[str, str]:
    return message.body, message.alternatives[0][0]


def test_the_digest_lists_threads_waiting_in_the_members_languages(
    db,
    make_member,
    make_thread,
    reply,
    reads,
    outbox,  # noqa: F811
):
    reader = reads(make_member(locale="el"), "ar")
    make_thread(title="Ερώτηση για την κοινωνική οικονομία", language="el")
    make_thread(title="سؤال عن الاقتصاد الاجتماعي", language="ar")
    make_thread(title="A question in English", language="en")
    mine = make_thread(author=reader, title="Η δική μου ερώτηση", language="el")
    _digest_for(db, make_member, make_thread, reply, reader)
    (message,) = outbox
    text, html = _parts(message)
    for part in (text, html):
        assert "Σε αναμονή απάντησης στις γλώσσες σας" in part  # in the member's language
        assert "Ερώτηση για την κοινωνική οικονομία" in part
        assert "سؤال عن الاقتصاد الاجتماعي" in part
        assert "A question in English" not in part
        assert mine.title not in part
    assert f"{FSI}سؤال عن الاقتصاد الاجتماعي{PDI}" in text
    assert "<bdi>سؤال عن الاقتصاد الاجتماعي</bdi>" in html
    assert "http://cop.test/waiting/" in text and 'href="http://cop.test/waiting/"' in html


def test_a_digest_without_waiting_threads_has_no_such_section(
    db,
    make_member,
    make_thread,
    reply,
    outbox,  # noqa: F811
):
    reader = make_member(locale="en")
    _digest_for(db, make_member, make_thread, reply, reader)
    (message,) = outbox
    text, html = _parts(message)
    assert "Waiting for an answer" not in text and "Waiting for an answer" not in html


def test_a_hostile_title_stays_text_in_the_digest(
    db,
    make_member,
    make_thread,
    reply,
    outbox,  # noqa: F811
):
    reader = make_member(locale="en")
    make_thread(title='<script>alert("x")</script> & more', language="en")
    _digest_for(db, make_member, make_thread, reply, reader)
    (message,) = outbox
    text, html = _parts(message)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert f'{FSI}<script>alert("x")</script> & more{PDI}' in text


def test_the_weekly_digest_has_the_section_too(
    db,
    make_member,
    make_thread,
    reply,
    outbox,  # noqa: F811
):
    from cop.notifications import services as notices
    from cop.notifications.models import Kind, Mode

    reader = make_member(locale="fr")
    notices.set_email_modes(reader, dict.fromkeys(Kind, Mode.WEEKLY))
    db.session.commit()
    make_thread(title="Une question en français", language="fr")
    reply(make_thread(author=reader, language="fr"), make_member())
    assert digests.send_digests("weekly", now=utcnow() + timedelta(minutes=1)) == 1
    (message,) = outbox
    text, html = _parts(message)
    assert "En attente de réponse dans vos langues" in text
    assert f"{FSI}Une question en français{PDI} (Français)" in text
    assert "<bdi>Une question en français</bdi> (Français)" in html
