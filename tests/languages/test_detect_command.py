"""`flask cop detect-languages`: bios' languages filled, disagreements reported, --fix."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from cop.members.models import Member
from cop.threads import queries
from cop.translations import detection
from tests.languages.conftest import GREEK_BODY, GREEK_TITLE, SPANISH_BODY, SPANISH_TITLE


@pytest.fixture
def run(app):
    runner = app.test_cli_runner()

    def invoke(*args: str):
        result = runner.invoke(args=["cop", "detect-languages", *args])
        assert result.exit_code == 0, result.output
        return result.output

    return invoke


@pytest.fixture
def bios(db, make_member):
    """Three bios written before bios had a language (the migration left them NULL)."""
    greek = make_member(bio=GREEK_BODY)
    spanish = make_member(bio=SPANISH_BODY)
    short = make_member(bio="Hi!")
    nobio = make_member()
    db.session.execute(update(Member).values(bio_language=None))
    db.session.commit()
    return greek, spanish, short, nobio


def test_it_fills_the_language_of_bios_it_is_sure_of(run, db, bios):
    output = run()
    assert "Bios without a language: 3; language set for 2." in output
    db.session.expire_all()
    greek, spanish, short, nobio = (db.session.get(Member, m.id) for m in bios)
    assert (greek.bio_language, spanish.bio_language) == ("el", "es")
    assert short.bio_language is None and nobio.bio_language is None
    # Idempotent: the second run looks only at the bio it could not decide.
    assert "Bios without a language: 1; language set for 0." in run()


def test_it_reports_disagreements_without_changing_them(run, db, make_thread, make_resource):
    wrong = make_thread(title=SPANISH_TITLE, body=SPANISH_BODY, language="en")
    right = make_thread(title=GREEK_TITLE, body=GREEK_BODY, language="el")
    resource = make_resource(title=GREEK_TITLE, description=GREEK_BODY, original_language="fr")
    post = queries.opening_post(wrong)
    output = run()
    assert f"post {post.id}: marked en, looks like es" in output
    assert f"resource {resource.id}: marked fr, looks like el" in output
    assert f"post {queries.opening_post(right).id}:" not in output
    assert "Texts marked in another language: 2 (use --fix to correct them)." in output
    db.session.expire_all()
    assert (post.language, wrong.language, resource.original_language) == ("en", "en", "fr")


def test_fix_corrects_them_once(run, db, make_thread, make_resource):
    wrong = make_thread(title=SPANISH_TITLE, body=SPANISH_BODY, language="en")
    resource = make_resource(title=GREEK_TITLE, description=GREEK_BODY, original_language="fr")
    output = run("--fix", "--batch", "1")
    assert "Texts marked in another language: 2; corrected: 2." in output
    assert "flask cop reindex" in output
    db.session.expire_all()
    post = queries.opening_post(wrong)
    assert (post.language, wrong.language, resource.original_language) == ("es", "es", "el")
    assert "Texts marked in another language: 0; corrected: 0." in run("--fix")


def test_batches_walk_every_row(db, make_thread):
    threads = [make_thread(title=SPANISH_TITLE, body=SPANISH_BODY, language="fr") for _ in range(5)]
    seen, last = [], 0
    while True:
        found, last = detection.disagreements("post", after_id=last, batch=2)
        seen.extend(item.object_id for item in found)
        if not last:
            break
    assert seen == [queries.opening_post(t).id for t in threads]


def test_a_text_changed_meanwhile_is_left_alone(db, make_thread):
    thread = make_thread(title=SPANISH_TITLE, body=SPANISH_BODY, language="en")
    (found,), _last = detection.disagreements("post")
    queries.opening_post(thread).language = "pt"
    assert detection.correct(found) is False
    assert queries.opening_post(thread).language == "pt"


def test_deleted_posts_are_not_read(db, make_thread):
    thread = make_thread(title=SPANISH_TITLE, body=SPANISH_BODY, language="en")
    queries.opening_post(thread).is_deleted = True
    db.session.commit()
    assert detection.disagreements("post") == ([], 0)
