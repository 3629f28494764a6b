"""Closing an account: the profile goes, the conversation stays whole."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import func, select, update

from cop.jobs.models import Job
from cop.members.models import Member, MemberAvatar, MemberExpertise
from cop.threads import services as threads
from cop.threads.models import Post, PostRevision, Thread
from tests.conftest import PASSWORD
from tests.members.conftest import image_bytes


@pytest.fixture
def conversation(make_member, db):
    from cop.members import services

    leaving = make_member(display_name="Leaving Person")
    staying = make_member(display_name="Staying Person")
    services.update_profile(leaving, services.ProfileChanges(
        display_name="Leaving Person", country="ES", expertise=["training"]))  # fmt: skip
    services.set_avatar(leaving, image_bytes())
    category = threads.save_category(
        None, slug="general", position=1, original_locale="en", is_archived=False,
        texts=[threads.CategoryText("en", "General", "About")],
    )  # fmt: skip
    thread = threads.start_thread(author=leaving, category=category, title="A thread to keep",
                                  body="Opening words", language="en")  # fmt: skip
    threads.reply_to_thread(
        author=staying, thread=thread, body="A reply by someone else", language="en"
    )
    mine = threads.reply_to_thread(
        author=leaving, thread=thread, body="My own reply", language="en"
    )
    threads.edit_post(mine, editor=leaving, body="My own reply, edited")
    db.session.commit()
    return leaving, staying, thread


def _close(client, **extra):
    return client.post(
        "/members/settings/close", data={"password": PASSWORD, "confirm": "y", **extra}
    )


def _run_jobs(app):
    """The cron command, as it runs every minute."""
    result = app.test_cli_runner().invoke(args=["cop", "run-jobs"])
    assert result.exit_code == 0, result.output
    return result.output


def test_closing_keeps_posts_under_former_member(app, client, login, conversation, db):
    leaving, staying, thread = conversation
    leaving_id, thread_id = leaving.id, thread.id
    login(leaving)
    response = _close(client)
    assert response.status_code == 302
    assert "Finished 1 jobs." in _run_jobs(app)
    db.session.expire_all()
    assert db.session.get(Member, leaving_id) is None
    assert db.session.get(MemberAvatar, leaving_id) is None
    assert db.session.scalar(select(func.count()).select_from(MemberExpertise)) == 0
    posts = db.session.scalars(
        select(Post).where(Post.thread_id == thread_id).order_by(Post.position)
    ).all()
    assert [p.author_id for p in posts] == [None, staying.id, None]
    assert posts[2].body_source == "My own reply, edited"
    assert db.session.get(Thread, thread_id).author_id is None
    # Signed out, and the thread page still works for everyone.
    assert client.get("/members/settings/data").status_code == 302
    if "threads.show" in client.application.view_functions:
        page = client.get(f"/threads/{thread_id}")
        assert page.status_code in (200, 301, 302, 308)


def test_closing_can_delete_the_members_posts_too(app, client, login, conversation, db):
    leaving, _staying, thread = conversation
    thread_id = thread.id
    login(leaving)
    assert _close(client, delete_posts="y").status_code == 302
    _run_jobs(app)
    db.session.expire_all()
    posts = db.session.scalars(
        select(Post).where(Post.thread_id == thread_id).order_by(Post.position)
    ).all()
    assert len(posts) == 3  # the thread keeps its order
    assert [p.is_deleted for p in posts] == [True, False, True]
    assert posts[0].body_source == "" and posts[2].body_source == ""
    assert posts[1].body_source == "A reply by someone else"
    assert db.session.scalar(select(func.count()).select_from(PostRevision)) == 0
    assert db.session.get(Thread, thread_id).reply_count == 1


def test_closing_ends_every_session(app, login, conversation, client):
    leaving = conversation[0]
    other_device = app.test_client()
    other_device.post("/auth/sign-in", data={"email": leaving.email, "password": PASSWORD})
    login(leaving)
    _close(client)
    assert other_device.get("/members/settings/data").status_code == 302


def test_closing_needs_the_password_and_the_tick(client, make_member, login, db):
    member = make_member()
    login(member)
    assert _close(client, password="wrong password").status_code == 422
    response = client.post("/members/settings/close", data={"password": PASSWORD})
    assert response.status_code == 422
    assert db.session.get(Member, member.id) is not None


def test_every_reference_to_a_member_survives_their_leaving(db):
    """A new feature that points at members must say what happens when one leaves."""
    loose = [
        f"{table.name}.{fk.parent.name}"
        for table in db.metadata.sorted_tables
        for fk in table.foreign_keys
        if fk.column.table.name == "members" and fk.ondelete not in ("SET NULL", "CASCADE")
    ]
    assert loose == []


def test_a_closed_account_is_shut_at_once_while_the_job_waits(app, client, login, conversation, db):
    leaving, _staying, _thread = conversation
    leaving_id, handle, email = leaving.id, leaving.handle, leaving.email
    login(leaving)
    response = _close(client, delete_posts="y")
    assert response.status_code == 302
    db.session.expire_all()
    # The job has not run: the row is still there, but nobody can use it.
    assert db.session.get(Member, leaving_id).closed_at is not None
    signing_in = client.post("/auth/sign-in", data={"email": email, "password": PASSWORD})
    assert signing_in.status_code == 422
    assert client.get(f"/members/{handle}").status_code == 404
    assert client.get(f"/members/{handle}/avatar").status_code == 404
    assert handle not in client.get("/members/?q=Leaving").get_data(as_text=True)
    forgot = client.post("/auth/forgot", data={"email": email})
    assert forgot.status_code == 302
    assert app.extensions["mailman"].outbox == []  # no reset link for a closed account
    job = db.session.scalar(select(Job).where(Job.kind == "close_account"))
    assert job.state == "pending" and job.payload == {"delete_posts": True}
    _run_jobs(app)
    db.session.expire_all()
    assert db.session.get(Member, leaving_id) is None
    assert db.session.get(Job, job.id).state == "done"


def test_closing_twice_records_one_job(client, make_member, login, db):
    from cop.members import closing

    member = make_member()
    first = closing.request_close(member, delete_posts=False)
    second = closing.request_close(member, delete_posts=False)
    db.session.commit()
    assert first.id == second.id
    assert db.session.scalar(select(func.count()).select_from(Job)) == 1


def test_closing_stops_offering_the_members_data_export(app, client, make_member, login, db):
    from cop.jobs import runner

    member = make_member()
    login(member)
    client.post("/members/settings/data/export")
    runner.run_due()
    export = db.session.scalar(select(Job).where(Job.kind == "export"))
    path = app.config["EXPORT_FOLDER"] + "/" + export.file_name
    assert export.state == "ready"
    _close(client)
    _run_jobs(app)
    db.session.expire_all()
    export = db.session.get(Job, export.id)
    assert export.state == "expired" and export.file_name is None
    assert not os.path.exists(path)


def test_a_closing_member_mentioned_meanwhile_gets_no_email(app, client, login, conversation, db):
    from cop.notifications.outbox import deliver_immediate

    leaving, staying, thread = conversation
    login(leaving)
    _close(client)
    db.session.expire_all()
    reply = threads.reply_to_thread(
        author=db.session.get(Member, staying.id),
        thread=db.session.get(Thread, thread.id),
        body=f"@{leaving.handle} are you still there?",
        language="en",
    )
    db.session.commit()
    assert f"/members/{leaving.handle}" not in reply.body_html  # no link to a closed profile
    app.extensions["mailman"].outbox = []
    assert deliver_immediate() == 0
    assert app.extensions["mailman"].outbox == []


def test_an_export_being_built_when_the_account_closes_is_never_offered(
    app, client, make_member, login, db, monkeypatch
):
    from cop.jobs import runner
    from cop.members import exports

    member = make_member()
    login(member)
    client.post("/members/settings/data/export")
    real_write = exports.write_export

    def write_while_the_member_leaves(who, path):
        real_write(who, path)
        # The member closes their account from another request meanwhile.
        with db.engine.begin() as other:
            other.execute(
                update(Job).where(Job.kind == "export").values(state="expired", active_key=None)
            )

    monkeypatch.setattr(exports, "write_export", write_while_the_member_leaves)
    app.extensions["mailman"].outbox = []
    runner.run_due()
    db.session.expire_all()
    export = db.session.scalar(select(Job).where(Job.kind == "export"))
    assert export.state == "expired" and export.file_name is None
    assert os.listdir(app.config["EXPORT_FOLDER"]) == []
    assert app.extensions["mailman"].outbox == []  # no link to a file that is not offered
