"""Two requests at once against a live gunicorn: no duplicate press fails, no edit is lost.

Each request carries the pause header (cop/database.py): it waits a moment after its
rows are written and before it commits, so the other request of the pair meets it in
the middle. Without upserts the second one would then hit the unique constraint (a
500); without version numbers the second editor would overwrite the first unseen.
"""

from __future__ import annotations

import io
import re
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pytest
from PIL import Image
from sqlalchemy import func, select

from cop.database import PAUSE_HEADER
from cop.extensions import db
from cop.members.models import Role
from tests.conftest import PASSWORD, build_app, migrate_to_head
from tests.databases import fresh_database_url
from tests.quality.server import Client, Gunicorn, Response, form_fields

pytestmark = pytest.mark.slow

PAUSE = {PAUSE_HEADER: "1"}
OK = (200, 302, 303)


@dataclass
class Live:
    app: object
    server: Gunicorn
    thread_id: int
    category_id: int
    resource_id: int
    file_id: int
    post_id: int  # a reply in the thread, by someone else


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    from cop.demo import members as demo_members
    from cop.demo import resources as demo_resources
    from cop.demo import threads as demo_threads
    from cop.resources.models import Resource, ResourceFile
    from cop.threads.models import Post, Thread

    folder = tmp_path_factory.mktemp("races")
    uploads = folder / "uploads"
    app = build_app(
        fresh_database_url("races", folder), SERVER_NAME=None, UPLOAD_FOLDER=str(uploads)
    )
    migrate_to_head(app)
    with app.app_context():
        demo_members.seed_members()
        demo_threads.seed_discussions()
        demo_resources.seed_resources()
        db.session.commit()
        post = db.session.scalar(
            select(Post).join(Thread).where(Post.position > 1, Thread.is_locked.is_(False))
        )
        file = db.session.scalar(
            select(ResourceFile).join(Resource).where(Resource.is_removed.is_(False))
        )
        ids = {
            "thread_id": post.thread_id,
            "category_id": post.thread.category_id,
            "post_id": post.id,
            "resource_id": file.resource_id,
            "file_id": file.id,
        }
        db.session.remove()
    server = Gunicorn(
        folder / "gunicorn.log",
        database_url=app.config["SQLALCHEMY_DATABASE_URI"],
        uploads=uploads,
        workers=3,
        pause_seconds=0.5,
    )
    try:
        yield Live(app=app, server=server, **ids)
    finally:
        server.stop()
        with app.app_context():
            db.engine.dispose()


_numbers = iter(range(1, 10_000))


def _tabs(live: Live, count: int = 2, role: Role = Role.MEMBER) -> tuple[int, list[Client]]:
    """A new member signed in once, and `count` tabs sharing that session."""
    from cop.auth import services

    n = next(_numbers)
    with live.app.app_context():
        member = services.register_member(
            display_name=f"Race Member {n}",
            email=f"race{n}@example.org",
            password=PASSWORD,
            country="TN",
            locale="en",
            role=role,
            email_confirmed=True,
        )
        db.session.commit()
        member_id = member.id
        db.session.remove()
    first = Client(live.server)
    first.sign_in(f"race{n}@example.org", PASSWORD)
    tabs = [first]
    for _ in range(count - 1):
        tab = Client(live.server)
        tab.cookies = dict(first.cookies)
        tabs.append(tab)
    return member_id, tabs


def at_once(tabs: list[Client], send: Callable[[Client], Response]) -> list[Response]:
    """Every tab sends at the same moment; their answers in tab order."""
    start = threading.Barrier(len(tabs))

    def go(tab: Client) -> Response:
        start.wait(timeout=60)
        return send(tab)

    with ThreadPoolExecutor(max_workers=len(tabs)) as pool:
        return list(pool.map(go, tabs))


def _csrf(tabs: list[Client], path: str, action: str = "") -> dict[str, str]:
    """The form's fields as the first tab got them; every tab then shares its session
    (showing a form may store a CSRF secret in the session cookie)."""
    fields = form_fields(tabs[0].get(path).text, action)
    for tab in tabs[1:]:
        tab.cookies = dict(tabs[0].cookies)
    return fields


def _count(live: Live, query) -> int:
    with live.app.app_context():
        found = db.session.scalar(query)
        db.session.remove()
    return found


def _assert_clean(live: Live, answers: list[Response], log_from: int) -> None:
    assert [a.status for a in answers if a.status not in OK] == [], [
        (a.status, a.text[:300]) for a in answers
    ]
    log = live.server.log()[log_from:]  # this test's part of the server's log
    assert "Traceback" not in log, log[-3000:]


# The idempotent buttons: (what to press, the rows that must be there once afterwards)


def _watch(target: str, action: str):
    from cop.watching.models import Watch

    def press(live, member_id, tabs):
        target_id = {
            "thread": live.thread_id,
            "category": live.category_id,
            "resource": live.resource_id,
        }[target]
        token = _csrf(tabs, f"/threads/{live.thread_id}?page=1", "/notifications/watch")
        fields = {
            "csrf_token": token["csrf_token"],
            "target_type": target,
            "target_id": str(target_id),
            "action": action,
            "next": "/",
        }
        if action == "unwatch":  # watched first, in an earlier request
            assert (
                tabs[0].post_form("/notifications/watch", {**fields, "action": "watch"}).status
                == 302
            )
        answers = at_once(
            tabs, lambda tab: tab.post_form("/notifications/watch", fields, headers=PAUSE)
        )
        rows = select(func.count(Watch.id)).where(
            Watch.member_id == member_id, Watch.target_type == target, Watch.target_id == target_id
        )
        muted = rows.where(Watch.is_muted.is_(True))
        expected = {"watch": (1, 0), "mute": (1, 1), "unwatch": (0, 0)}[action]
        return answers, (_count(live, rows), _count(live, muted)), expected

    return press


def _report(live, member_id, tabs):
    from cop.moderation.models import Report

    path = f"/moderation/report/post/{live.post_id}"
    fields = {**_csrf(tabs, path, ""), "reason": "off_topic", "note": "Twice at once"}
    answers = at_once(tabs, lambda tab: tab.post_form(path, fields, headers=PAUSE))
    rows = select(func.count(Report.id)).where(Report.reporter_id == member_id)
    return answers, _count(live, rows), 1


def _email_settings(live, member_id, tabs):
    from cop.notifications.models import EmailPreference, Kind

    fields = _csrf(tabs, "/notifications/settings", "")
    answers = at_once(
        tabs, lambda tab: tab.post_form("/notifications/settings", fields, headers=PAUSE)
    )
    rows = select(func.count(EmailPreference.id)).where(EmailPreference.member_id == member_id)
    return answers, _count(live, rows), len(Kind)


def _open_thread(live, member_id, tabs):
    from cop.threads.models import ThreadRead

    path = f"/threads/{live.thread_id}?page=1"
    answers = at_once(tabs, lambda tab: tab.request("GET", path, headers=PAUSE))
    rows = select(func.count()).select_from(ThreadRead).where(ThreadRead.member_id == member_id)
    return answers, _count(live, rows), 1


def _reply_twice(live, member_id, tabs):
    from cop.threads.models import Post

    path = f"/threads/{live.thread_id}/reply"
    fields = {**_csrf(tabs, path, path), "body": "Pressed twice at once.", "language": "en"}
    answers = at_once(tabs, lambda tab: tab.post_form(path, fields, headers=PAUSE))
    rows = select(func.count(Post.id)).where(Post.author_id == member_id)
    return answers, _count(live, rows), 1


def _download(live, member_id, tabs):
    from cop.resources.models import ResourceDownload

    path = f"/resources/{live.resource_id}/files/{live.file_id}/download"
    answers = at_once(tabs, lambda tab: tab.request("GET", path, headers=PAUSE))
    rows = select(func.count(ResourceDownload.id)).where(ResourceDownload.member_id == member_id)
    return answers, _count(live, rows), 1


def _avatar(live, member_id, tabs):
    from cop.members.models import MemberAvatar

    picture = io.BytesIO()
    Image.new("RGB", (64, 64), (30, 120, 90)).save(picture, "PNG")
    path = "/members/settings/avatar"
    fields = _csrf(tabs, path, "")
    files = {"image": ("me.png", picture.getvalue())}
    answers = at_once(tabs, lambda tab: tab.post_multipart(path, fields, files, headers=PAUSE))
    rows = select(func.count()).select_from(MemberAvatar).where(MemberAvatar.member_id == member_id)
    return answers, _count(live, rows), 1


def _moderator_languages(live, member_id, tabs):
    from cop.moderation.models import ModeratorLanguage

    path = "/moderation/settings"
    fields = {**_csrf(tabs, path, ""), "languages": "ar"}
    answers = at_once(tabs, lambda tab: tab.post_form(path, fields, headers=PAUSE))
    rows = (
        select(func.count())
        .select_from(ModeratorLanguage)
        .where(ModeratorLanguage.member_id == member_id)
    )
    return answers, _count(live, rows), 1


def _site_settings(live, member_id, tabs):
    from cop.sitesettings import SiteSetting

    path = "/admin/settings"
    # (The test configuration's link limit, 1000, is above what the form takes.)
    fields = {**_csrf(tabs, path, ""), "upload_limit_mb": "49", "link_limit": "100"}
    answers = at_once(tabs, lambda tab: tab.post_form(path, fields, headers=PAUSE))
    rows = select(func.count()).select_from(SiteSetting).where(SiteSetting.key == "upload_limit_mb")
    return answers, _count(live, rows), 1


PRESSES = {
    "watch a thread": (_watch("thread", "watch"), Role.MEMBER),
    "mute a thread": (_watch("thread", "mute"), Role.MEMBER),
    "stop watching a thread": (_watch("thread", "unwatch"), Role.MEMBER),
    "watch a discussion table": (_watch("category", "watch"), Role.MEMBER),
    "watch a resource": (_watch("resource", "watch"), Role.MEMBER),
    "report a post": (_report, Role.MEMBER),
    "save the email settings": (_email_settings, Role.MEMBER),
    "open a thread in two tabs": (_open_thread, Role.MEMBER),
    "send one reply form twice": (_reply_twice, Role.MEMBER),
    "download a file twice": (_download, Role.MEMBER),
    "upload an avatar twice": (_avatar, Role.MEMBER),
    "save a moderator's languages": (_moderator_languages, Role.MODERATOR),
    "save the site settings": (_site_settings, Role.ADMIN),
}


@pytest.mark.parametrize("button", PRESSES, ids=lambda name: name.replace(" ", "-"))
def test_two_presses_at_once_leave_one_row_and_two_good_answers(live, button):
    press, role = PRESSES[button]
    log_from = len(live.server.log())
    member_id, tabs = _tabs(live, 2, role)
    answers, found, expected = press(live, member_id, tabs)
    _assert_clean(live, answers, log_from)
    assert found == expected


# Two editors at once


def _version(html: str) -> int:
    return int(re.search(r'name="version" type="hidden" value="(\d+)"', html).group(1))


def test_editors_saving_at_once_lose_no_edit_and_no_revision(live):
    """Five tabs save the same post from the same version: one is saved, the others are
    told and save again over what they were shown, until every text is in the post's
    current version or its history, exactly once."""
    from cop.threads.models import Post, PostRevision

    log_from = len(live.server.log())
    _member_id, tabs = _tabs(live, 5)
    thread_path = "/threads/new"
    fields = _csrf(tabs, thread_path, thread_path)
    fields.update(title="Five tabs edit this", body="The first words.", language="en")
    created = tabs[0].post_form(thread_path, fields)
    assert created.status == 302, created.text[:500]
    thread_id = int(re.search(r"/threads/(\d+)", created.location).group(1))
    with live.app.app_context():
        post_id = db.session.scalar(select(Post.id).where(Post.thread_id == thread_id))
        db.session.remove()
    path = f"/threads/posts/{post_id}/edit"
    forms = [_csrf([tab], path, path) for tab in tabs]
    texts = [f"Edit from tab {n}: a different sentence." for n in range(len(tabs))]

    def save(n: int, version: int) -> Response:
        data = {**forms[n], "body": texts[n], "version": str(version)}
        return tabs[n].post_form(path, data, headers=PAUSE)

    first = at_once(tabs, lambda tab: save(tabs.index(tab), int(forms[tabs.index(tab)]["version"])))
    assert sorted(a.status for a in first) == [302] + [409] * (len(tabs) - 1), [
        a.status for a in first
    ]

    def until_saved(n: int, answer: Response) -> list[int]:
        statuses = []
        for _attempt in range(len(tabs) + 2):
            if answer.status == 302:
                return statuses
            assert answer.status == 409 and "Someone else saved changes" in answer.text
            assert texts[n] in answer.text  # the member's own text is still in the form
            answer = save(n, _version(answer.text))
            statuses.append(answer.status)
        raise AssertionError(f"tab {n} never saved: {statuses}")

    with ThreadPoolExecutor(max_workers=len(tabs)) as pool:
        list(pool.map(until_saved, range(len(tabs)), first))

    log = live.server.log()[log_from:]
    assert "Traceback" not in log, log[-3000:]
    with live.app.app_context():
        current = db.session.get(Post, post_id)
        history = db.session.scalars(
            select(PostRevision.body_source).where(PostRevision.post_id == post_id)
        ).all()
        kept = [current.body_source, *history]
        assert sorted(kept) == sorted([*texts, "The first words."])
        assert current.version == len(tabs) + 1 and current.edit_count == len(tabs)
        db.session.remove()


# Many writers at once


def test_twenty_members_replying_at_once_into_one_thread_lose_no_post(live):
    """Every reply is answered with a redirect, stored once, at its own position, and
    the thread's counters add up (each reply waits before its commit, so they overlap)."""
    from cop.threads.models import Post, Thread

    log_from = len(live.server.log())
    writers = [_tabs(live, 1)[1][0] for _ in range(20)]
    path = f"/threads/{live.thread_id}/reply"
    forms = [_csrf([tab], path, path) for tab in writers]
    with live.app.app_context():
        before = db.session.scalar(
            select(func.count(Post.id)).where(Post.thread_id == live.thread_id)
        )
        db.session.remove()

    def write(tab: Client) -> Response:
        n = writers.index(tab)
        body = f"Reply rw{n:02d} written at the same moment as nineteen others."
        for _attempt in range(5):
            answer = tab.post_form(path, {**forms[n], "body": body}, headers=PAUSE)
            # SQLite, its lock held for the pause by each writer in turn, may answer the
            # site's "busy, try again" page (503): the member sends the same form again.
            if answer.status != 503 or 'class="site-header"' not in answer.text:
                return answer
        return answer

    answers = at_once(writers, write)
    _assert_clean(live, answers, log_from)
    with live.app.app_context():
        thread = db.session.get(Thread, live.thread_id)
        bodies = db.session.scalars(
            select(Post.body_source).where(
                Post.thread_id == thread.id, Post.body_source.like("Reply rw%")
            )
        ).all()
        assert sorted(b.split()[1] for b in bodies) == [f"rw{n:02d}" for n in range(20)]
        positions = db.session.scalars(
            select(Post.position).where(Post.thread_id == thread.id).order_by(Post.position)
        ).all()
        assert len(positions) == before + 20 == thread.post_total
        assert positions == list(range(1, thread.post_total + 1))
        assert thread.reply_count == thread.post_total - 1
        db.session.remove()


# Creating an account


def _register_at_once(live: Live, people: list[dict[str, str]]) -> list[Response]:
    visitors = [Client(live.server) for _ in people]
    forms = [form_fields(v.get("/auth/register").text, "") for v in visitors]
    return at_once(
        visitors,
        lambda v: v.post_form(
            "/auth/register",
            {
                **forms[visitors.index(v)],
                "accept_conduct": "y",
                "accept_privacy": "y",
                **people[visitors.index(v)],
            },
            headers=PAUSE,
        ),
    )


def test_the_create_account_button_pressed_twice_at_once_makes_one_account(live):
    from cop.members.models import Member

    log_from = len(live.server.log())
    person = {"display_name": "Twice Pressed", "email": "twice@example.org", "password": PASSWORD}
    answers = _register_at_once(live, [person, person])
    _assert_clean(live, answers, log_from)
    assert [a.status for a in answers] == [302, 302]  # both signed in, as the first was
    found = select(func.count(Member.id)).where(Member.email == "twice@example.org")
    assert _count(live, found) == 1


def test_namesakes_creating_accounts_at_once_each_get_their_own_handle(live):
    from cop.members.models import Member

    log_from = len(live.server.log())
    people = [
        {"display_name": "Nour Haddad", "email": f"nour{n}@example.org", "password": PASSWORD}
        for n in range(2)
    ]
    answers = _register_at_once(live, people)
    _assert_clean(live, answers, log_from)
    with live.app.app_context():
        handles = db.session.scalars(
            select(Member.handle).where(Member.email.like("nour%@example.org"))
        ).all()
        db.session.remove()
    assert len(handles) == 2 and len(set(handles)) == 2


# More buttons pressed twice at once


def test_deleting_a_reply_twice_at_once_counts_it_once(live):
    from cop.threads import services
    from cop.threads.models import Post, Thread

    log_from = len(live.server.log())
    member_id, tabs = _tabs(live, 2)
    with live.app.app_context():
        from cop.members.models import Member

        thread = db.session.get(Thread, live.thread_id)
        reply = services.reply_to_thread(
            author=db.session.get(Member, member_id),
            thread=thread,
            body="A reply deleted twice at once.",
            language="en",
        )
        db.session.commit()
        reply_id, replies_before = reply.id, thread.reply_count
        db.session.remove()
    path = f"/threads/posts/{reply_id}/delete"
    fields = _csrf(tabs, f"/threads/posts/{reply_id}", path)  # its page, wherever it is
    fields["confirmed"] = "1"  # as the confirmation page (or its script) sends it
    answers = at_once(tabs, lambda tab: tab.post_form(path, fields, headers=PAUSE))
    _assert_clean(live, answers, log_from)
    with live.app.app_context():
        assert db.session.get(Post, reply_id).is_deleted
        assert db.session.get(Thread, live.thread_id).reply_count == replies_before - 1
        db.session.remove()


def test_creating_a_discussion_table_twice_at_once_makes_one_table(live):
    from cop.threads.models import Category

    log_from = len(live.server.log())
    _member_id, tabs = _tabs(live, 2, Role.ADMIN)
    path = "/threads/manage/tables/new"
    fields = {
        **_csrf(tabs, path, ""),
        "slug": "pressed-twice",
        "position": "9",
        "original_locale": "en",
        "name_en": "Pressed twice",
    }
    answers = at_once(tabs, lambda tab: tab.post_form(path, fields, headers=PAUSE))
    _assert_clean(live, answers, log_from)
    assert [a.status for a in answers] == [302, 302]
    assert (
        _count(live, select(func.count(Category.id)).where(Category.slug == "pressed-twice")) == 1
    )
