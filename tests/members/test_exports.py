"""My data built in the background: asked for once, emailed, private, expiring, pruned."""

from __future__ import annotations

import json
import os
import time
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from babel.dates import format_datetime
from sqlalchemy import func, select

from cop.jobs import runner
from cop.jobs.models import Job
from cop.members import exports
from cop.models import utcnow
from cop.threads import member_data
from tests.members.conftest import export_link


def _ask(client):
    return client.post("/members/settings/data/export")


def _only_export(db) -> Job:
    return db.session.scalars(select(Job).where(Job.kind == "export")).one()


def test_asking_twice_makes_one_export_and_answers_at_once(client, make_member, login, db):
    login(make_member())
    first, second = _ask(client), _ask(client)
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"].endswith("/members/settings/data")
    assert db.session.scalar(select(func.count()).select_from(Job)) == 1
    assert _only_export(db).state == "pending"  # nothing built inside the request
    page = client.get("/members/settings/data").get_data(as_text=True)
    assert "already being prepared" in page
    assert "It will be prepared in the next few minutes." in page


def test_the_page_shows_the_ready_file_with_its_link_and_date(client, make_member, login, db):
    member = make_member()
    login(member)
    assert "Prepare my data" in client.get("/members/settings/data").get_data(as_text=True)
    _ask(client)
    runner.run_due()
    job = _only_export(db)
    page = client.get("/members/settings/data").get_data(as_text=True)
    assert "Your file is ready. You can download it until" in page
    assert exports.download_url(job) in page
    assert "Prepare a new file" in page
    assert job.expires_at - job.finished_at == timedelta(days=7)


def test_the_emailed_link_downloads_a_private_uncached_zip(client, make_member, login, outbox):
    member = make_member(display_name="Ana Reyes")
    login(member)
    _ask(client)
    assert runner.run_due() == 1
    (message,) = outbox
    assert message.to == [member.email]
    response = client.get(export_link(message))
    data = response.get_data()
    response.close()
    assert response.status_code == 200
    assert response.mimetype == "application/zip"
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "private, no-store"  # one policy, no "public"
    assert data.startswith(b"PK")


def test_the_ready_email_is_in_the_members_language_html_and_text(
    client, make_member, login, outbox
):
    login(make_member(locale="ar"))
    _ask(client)
    runner.run_due()
    (message,) = outbox
    assert message.subject == "بياناتك من مجتمع الممارسة جاهزة"
    html = message.alternatives[0][0]
    assert 'lang="ar" dir="rtl"' in html
    assert export_link(message) in html and export_link(message) in message.body


def test_another_members_link_is_refused(app, client, make_member, login, outbox):
    owner, other = make_member(), make_member()
    login(owner)
    _ask(client)
    runner.run_due()
    link = export_link(outbox[0])
    stranger = app.test_client()
    stranger.post(
        "/auth/sign-in", data={"email": other.email, "password": "a long and quiet river"}
    )
    response = stranger.get(link)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/members/settings/data")
    assert "application/zip" not in response.content_type


def test_the_link_needs_its_member_signed_in(app, client, make_member, login, outbox):
    login(make_member())
    _ask(client)
    runner.run_due()
    response = app.test_client().get(export_link(outbox[0]))
    assert response.status_code == 302
    assert "/auth/sign-in" in response.headers["Location"]


def test_expired_and_tampered_links_are_refused(client, make_member, login, outbox, db):
    login(make_member())
    _ask(client)
    runner.run_due()
    link = export_link(outbox[0])
    assert client.get(link[:-3] + "abc").status_code == 302
    job = _only_export(db)
    job.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    response = client.get(link, follow_redirects=True)
    assert "This download link has expired or is not yours." in response.get_data(as_text=True)
    assert response.mimetype == "text/html"


def test_a_new_export_replaces_the_ready_one_and_kills_its_link(
    client, make_member, login, outbox, db, export_folder
):
    login(make_member())
    _ask(client)
    runner.run_due()
    old_link, old_file = export_link(outbox[0]), _only_export(db).file_name
    _ask(client)
    assert client.get(old_link).status_code == 302
    runner.run_due()
    assert len(outbox) == 2
    response = client.get(export_link(outbox[1]))
    response.close()
    assert response.status_code == 200
    assert not (export_folder / old_file).exists()  # pruned by the same command
    states = db.session.scalars(select(Job.state).order_by(Job.id)).all()
    assert states == ["expired", "ready"]


def test_expired_exports_and_old_stray_files_are_pruned(
    client, make_member, login, db, export_folder
):
    login(make_member())
    _ask(client)
    runner.run_due()
    job = _only_export(db)
    path = export_folder / job.file_name
    stray_old, stray_new = export_folder / "9-old.zip.part", export_folder / "10-new.zip.part"
    stray_old.write_bytes(b"left by a crash")
    stray_new.write_bytes(b"a job about to commit")
    two_hours_ago = time.time() - 2 * 3600
    os.utime(stray_old, (two_hours_ago, two_hours_ago))
    assert exports.prune_exports() == 1  # the old stray; the ready file stays
    assert path.exists() and stray_new.exists() and not stray_old.exists()
    job.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    assert exports.prune_exports() == 1
    db.session.expire_all()
    assert not path.exists()
    job = db.session.get(Job, job.id)
    assert job.state == "expired" and job.file_name is None


@pytest.mark.logs_errors  # the job's failure is logged with its traceback, for the admin
def test_a_failing_export_is_retried_then_offered_again(
    client, make_member, login, db, monkeypatch
):
    def broken(member, path):
        path.write_bytes(b"half")
        raise OSError("disk full")

    monkeypatch.setattr(exports, "write_export", broken)
    login(make_member())
    _ask(client)
    for _attempt in range(runner.MAX_ATTEMPTS):
        assert runner.run_due() == 0
    job = _only_export(db)
    assert job.state == "failed" and job.attempts == runner.MAX_ATTEMPTS
    assert list((exports.export_folder()).iterdir()) == []  # no half-written file
    page = client.get("/members/settings/data").get_data(as_text=True)
    assert "We could not prepare your file." in page and "Try again" in page
    monkeypatch.undo()
    _ask(client)
    runner.run_due()
    assert db.session.scalars(select(Job.state).order_by(Job.id)).all() == ["failed", "ready"]


def test_the_send_notifications_command_also_builds_exports(app, client, make_member, login, db):
    login(make_member())
    _ask(client)
    result = app.test_cli_runner().invoke(args=["cop", "send-notifications"])
    assert result.exit_code == 0, result.output
    assert "Finished 1 jobs." in result.output
    assert _only_export(db).state == "ready"


def test_posts_are_written_chunk_by_chunk_into_valid_json(
    client, make_member, login, db, exported, monkeypatch
):
    from cop.threads import services as threads

    monkeypatch.setattr(member_data, "POSTS_CHUNK", 2)
    member = make_member()
    category = threads.save_category(
        None, slug="general", position=1, original_locale="en", is_archived=False,
        texts=[threads.CategoryText("en", "General", "About")],
    )  # fmt: skip
    thread = threads.start_thread(author=member, category=category, title="Chunks",
                                  body="one", language="en")  # fmt: skip
    for word in ("two", "three", "four", "cinco «5»"):
        threads.reply_to_thread(author=member, thread=thread, body=word, language="en")
    db.session.commit()
    login(member)
    posts = json.loads(exported().read("posts.json"))
    assert [p["markdown"] for p in posts["posts"]] == ["one", "two", "three", "four", "cinco «5»"]
    assert posts["threads_started"][0]["title"] == "Chunks"


def test_an_old_bookmark_of_the_export_address_shows_the_page(client, make_member, login, db):
    login(make_member())
    response = client.get("/members/settings/data/export")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/members/settings/data")
    assert db.session.scalar(select(func.count()).select_from(Job)) == 0  # GET changes nothing


def test_a_file_past_its_date_is_shown_as_expired_before_pruning(client, make_member, login, db):
    login(make_member())
    _ask(client)
    runner.run_due()
    job = _only_export(db)
    job.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    page = client.get("/members/settings/data").get_data(as_text=True)
    assert "Your last file is no longer available." in page
    assert "/members/settings/data/export/" not in page


def test_a_file_pruned_meanwhile_gives_a_message_not_an_error(
    client, make_member, login, outbox, export_folder, monkeypatch
):
    login(make_member())
    _ask(client)
    runner.run_due()
    link = export_link(outbox[0])
    real = exports.find_download

    def pruned_meanwhile(token, member):
        found = real(token, member)
        found[1].unlink()  # the pruner wins the race after the checks
        return found

    monkeypatch.setattr(exports, "find_download", pruned_meanwhile)
    response = client.get(link, follow_redirects=True)
    assert response.status_code == 200
    assert "This download link has expired or is not yours." in response.get_data(as_text=True)


def test_the_ready_email_isolates_the_name_and_dates_the_link_in_the_members_zone(
    client, make_member, login, outbox, db
):
    member = make_member(display_name="Ana Reyes", locale="ar", timezone="Asia/Amman")
    login(member)
    _ask(client)
    assert runner.run_due() == 1
    job = _only_export(db)
    message = outbox[-1]
    html = message.alternatives[0][0]
    assert "<bdi>Ana Reyes</bdi>" in html
    assert "\u2068Ana Reyes\u2069" in message.body
    in_amman = format_datetime(job.expires_at, "long", tzinfo=ZoneInfo("Asia/Amman"), locale="ar")
    in_utc = format_datetime(job.expires_at, "long", tzinfo=ZoneInfo("UTC"), locale="ar")
    assert in_amman != in_utc
    assert in_amman in message.body and in_utc not in message.body
