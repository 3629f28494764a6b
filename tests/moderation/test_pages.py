"""Reports, the queue, approval, sanctions and settings through the real pages."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from cop.admin import services as admin_services
from cop.members.models import Role
from cop.models import utcnow
from cop.moderation import content_actions, preferences, reports, sanctions
from cop.moderation.models import ModerationEvent, Report
from cop.threads.models import Post, Thread
from tests.corpora import naughty_sample


def _count(db, model, *where):
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


# Reporting


def test_a_member_reports_a_post_once_and_is_thanked(client, login_as, make_member, scene, db):
    login_as(make_member())
    url = f"/moderation/report/post/{scene['post'].id}"
    assert client.get(url).status_code == 200
    first = client.post(url, data={"reason": "abuse", "note": "Insulting"}, follow_redirects=True)
    assert "Thank you" in first.get_data(as_text=True)
    again = client.post(url, data={"reason": "spam"}, follow_redirects=True)
    assert "You have reported this already" in again.get_data(as_text=True)
    report = db.session.scalar(select(Report))
    assert (report.reason, report.note, report.author_id) == (
        "abuse",
        "Insulting",
        scene["author"].id,
    )
    assert _count(db, Report) == 1


def test_a_report_with_a_bad_reason_is_refused_and_kept(client, login_as, make_member, scene):
    login_as(make_member())
    response = client.post(
        f"/moderation/report/thread/{scene['thread'].id}", data={"reason": "boring", "note": "Kept"}
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Choose one of the reasons." in page and "Kept" in page


@pytest.mark.parametrize("note", naughty_sample(40))
def test_naughty_notes_are_stored_and_shown_escaped(note, client, login_as, make_member, scene, db):
    login_as(make_member())
    client.post(
        f"/moderation/report/member/{scene['author'].id}", data={"reason": "other", "note": note}
    )
    assert db.session.scalar(select(Report.note)) == note.strip()
    login_as(make_member(role=Role.MODERATOR))
    page = client.get("/moderation/?kind=member").get_data(as_text=True)
    assert "<script>alert" not in page


def test_reporting_is_rate_limited_with_the_translated_page(
    app, client, login_as, make_member, scene
):
    app.config["RATELIMIT_REPORT"] = "2 per minute"
    try:
        login_as(make_member(locale="es"))
        url = f"/moderation/report/resource/{scene['resource'].id}"
        statuses = [client.post(url, data={"reason": "spam"}).status_code for _ in range(3)]
        assert statuses[-1] == 429
    finally:
        app.config["RATELIMIT_REPORT"] = "1000 per minute"


# The queue


def test_the_queue_shows_the_content_in_place_in_a_fixed_number_of_queries(
    client, login_as, make_member, scene, db, count_queries, make_thread
):
    moderator = make_member(role=Role.MODERATOR)

    def report_more(n):
        for _ in range(n):
            thread = make_thread(body="Buy *cheap* things")
            reports.report_content(thread, reporter=make_member(), reason="spam")
            post = db.session.scalar(select(Post).where(Post.thread_id == thread.id))
            reports.report_content(post, reporter=make_member(), reason="abuse")
        db.session.commit()

    report_more(1)
    reports.report_content(scene["resource"], reporter=make_member(), reason="wrong_information")
    reports.report_content(scene["author"], reporter=make_member(), reason="other")
    db.session.commit()
    login_as(moderator)
    with count_queries() as few:
        page = client.get("/moderation/").get_data(as_text=True)
    assert "<em>cheap</em>" in page and "A toolkit on co-production" in page
    report_more(5)
    with count_queries() as many:
        client.get("/moderation/")
    assert len(many) == len(few)


def test_the_queue_filters_by_kind_language_table_and_my_languages(
    client, login_as, make_member, make_thread, db
):
    moderator = make_member(role=Role.MODERATOR)
    arabic = make_thread(title="موضوع عن السياسات", language="ar")
    greek = make_thread(title="Ένα θέμα πολιτικής", language="el")
    for thread in (arabic, greek):
        reports.report_content(thread, reporter=make_member(), reason="spam")
    preferences.set_moderator_languages(moderator, ["ar"])
    db.session.commit()
    login_as(moderator)
    mine = client.get("/moderation/?mine=1").get_data(as_text=True)
    assert arabic.title in mine and greek.title not in mine
    by_language = client.get("/moderation/?language=el").get_data(as_text=True)
    assert greek.title in by_language and arabic.title not in by_language
    by_table = client.get(f"/moderation/?table={arabic.category_id}").get_data(as_text=True)
    assert arabic.title in by_table and greek.title not in by_table
    assert greek.title not in client.get("/moderation/?kind=post").get_data(as_text=True)
    assert greek.title not in client.get("/moderation/?state=resolved").get_data(as_text=True)


def test_hiding_from_the_queue_resolves_and_tells_the_author(
    client, login_as, make_member, scene, db
):
    reporter = make_member()
    report = reports.report_content(scene["post"], reporter=reporter, reason="abuse")
    db.session.commit()
    login_as(make_member(role=Role.MODERATOR))
    response = client.post(
        f"/moderation/reports/{report.id}/resolve", data={"action": "hide", "note": "Insults"}
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Report, report.id).state == "resolved"
    thread_url = f"/threads/{scene['thread'].id}?page=1"
    login_as(reporter)
    assert "Reply 1" not in client.get(thread_url).get_data(as_text=True)
    login_as(scene["author"])
    page = client.get(thread_url).get_data(as_text=True)
    assert "Hidden by the moderators" in page and "Insults" in page


def test_a_report_can_be_dismissed_or_end_in_a_warning_or_suspension(
    client, login_as, make_member, scene, db
):
    made = [
        reports.report_content(target, reporter=make_member(), reason="spam")
        for target in (scene["post"], scene["replies"][1], scene["thread"])
    ]
    db.session.commit()
    login_as(make_member(role=Role.MODERATOR))
    until = (utcnow() + timedelta(days=3)).date().isoformat()
    for report, action in zip(made, ("dismiss", "warn", "suspend"), strict=True):
        client.post(
            f"/moderation/reports/{report.id}/resolve",
            data={"action": action, "note": "Seen", "until": until},
        )
    db.session.expire_all()
    assert db.session.get(Report, made[0].id).state == "dismissed"
    actions = set(db.session.scalars(select(ModerationEvent.action)))
    assert {"report_dismissed", "warn_member", "suspend_member"} <= actions
    assert scene["author"].restriction.is_suspended


# Approval


@pytest.fixture
def approval(app):
    app.config["MODERATION_APPROVAL_COUNT"] = 2
    app.config["MODERATION_LINK_LIMIT"] = 2
    yield
    app.config["MODERATION_APPROVAL_COUNT"] = 0
    app.config["MODERATION_LINK_LIMIT"] = 1000


def test_a_new_members_first_posts_wait_and_are_approved(
    approval, client, login_as, make_member, make_category, db
):
    table = make_category()
    newcomer = make_member()
    login_as(newcomer)
    client.post(
        "/threads/new",
        data={
            "category": table.id,
            "title": "My first thread",
            "body": "Hello all",
            "language": "en",
        },
    )
    thread = db.session.scalar(select(Thread))
    assert thread.is_pending
    page = client.get(f"/threads/{thread.id}").get_data(as_text=True)
    assert "Awaiting approval" in page
    login_as(make_member())
    assert client.get(f"/threads/{thread.id}").status_code == 404
    assert "My first thread" not in client.get("/threads/").get_data(as_text=True)
    moderator = make_member(role=Role.MODERATOR)
    login_as(moderator)
    assert "Hello all" in client.get("/moderation/pending").get_data(as_text=True)
    post = db.session.scalar(select(Post))
    client.post(f"/moderation/posts/{post.id}/approve")
    login_as(make_member())
    assert "My first thread" in client.get("/threads/").get_data(as_text=True)


def test_a_rejected_post_stays_hidden_with_its_reason_for_the_author(
    approval, client, login_as, make_member, make_thread, db
):
    thread = make_thread(author=make_member(role=Role.MODERATOR))
    newcomer = make_member()
    login_as(newcomer)
    client.post(f"/threads/{thread.id}/reply", data={"body": "Visit my shop", "language": "en"})
    post = db.session.scalar(select(Post).where(Post.author_id == newcomer.id))
    assert post.is_pending
    login_as(make_member(role=Role.MODERATOR))
    empty = client.post(f"/moderation/posts/{post.id}/reject", data={"reason": ""})
    assert empty.status_code == 422
    assert "Give a reason: the author will read it." in empty.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Post, post.id).is_pending  # a reason is required
    client.post(f"/moderation/posts/{post.id}/reject", data={"reason": "Advertising"})
    login_as(newcomer)
    page = client.get(f"/threads/{thread.id}?page=1").get_data(as_text=True)
    assert "Advertising" in page and "Hidden by the moderators" in page


def test_many_links_from_a_new_member_wait_but_not_from_a_regular(approval, db, make_member):
    from cop.threads.approval import needs_approval

    newcomer = make_member()
    body = "See https://a.example https://b.example https://c.example"
    assert needs_approval(newcomer, "plain words")
    assert needs_approval(newcomer, body)
    assert not needs_approval(make_member(role=Role.MODERATOR), body)


# Sanctions


def test_a_suspended_member_reads_but_cannot_write_and_sees_why(
    client, login_as, make_member, scene, db
):
    member = scene["author"]
    login_as(member)
    sanctions.suspend_member(
        member,
        moderator=make_member(role=Role.MODERATOR),
        until=utcnow() + timedelta(days=2),
        reason="Cooling off",
    )
    db.session.commit()
    thread_url = f"/threads/{scene['thread'].id}"
    page = client.get(thread_url + "?page=1").get_data(as_text=True)
    assert "Cooling off" in page and "suspended until" in page
    response = client.post(f"{thread_url}/reply", data={"body": "Still here", "language": "en"})
    assert response.status_code == 403
    assert "Cooling off" in response.get_data(as_text=True)
    assert (
        client.post(f"/threads/posts/{scene['post'].id}/edit", data={"body": "x y"}).status_code
        == 403
    )
    assert client.post("/members/settings/profile", data={}).status_code == 403
    assert client.get("/resources/share").status_code == 403


def test_a_banned_member_is_signed_out_and_cannot_sign_in(client, login_as, make_member, db):
    from tests.conftest import PASSWORD

    member = make_member()
    login_as(member)
    sanctions.ban_member(member, moderator=make_member(role=Role.MODERATOR), reason="Spammer")
    db.session.commit()
    response = client.get("/threads/new")
    assert response.status_code == 302 and "/auth/sign-in" in response.headers["Location"]
    refused = client.post("/auth/sign-in", data={"email": member.email, "password": PASSWORD})
    assert refused.status_code == 422
    assert "banned" in refused.get_data(as_text=True)
    sanctions.lift_ban(member, moderator=make_member(role=Role.ADMIN))
    db.session.commit()
    login_as(member)


def test_a_warning_shows_until_acknowledged(client, login_as, make_member, db):
    member = make_member()
    warning = sanctions.warn_member(
        member, moderator=make_member(role=Role.MODERATOR), message="Mind the tone"
    )
    db.session.commit()
    login_as(member)
    assert "Mind the tone" in client.get("/").get_data(as_text=True)
    client.post(f"/moderation/warnings/{warning.id}/acknowledge")
    assert "Mind the tone" not in client.get("/").get_data(as_text=True)


def test_a_member_cannot_acknowledge_someone_elses_warning(client, login_as, make_member, db):
    warning = sanctions.warn_member(
        make_member(), moderator=make_member(role=Role.MODERATOR), message="Private"
    )
    db.session.commit()
    login_as(make_member())
    assert client.post(f"/moderation/warnings/{warning.id}/acknowledge").status_code == 404


def test_moderators_cannot_sanction_moderators_but_admins_can(client, login_as, make_member):
    other = make_member(role=Role.MODERATOR)
    login_as(make_member(role=Role.MODERATOR))
    assert (
        client.post(f"/moderation/members/{other.handle}/ban", data={"reason": "x"}).status_code
        == 403
    )
    login_as(make_member(role=Role.ADMIN))
    assert (
        client.post(f"/moderation/members/{other.handle}/ban", data={"reason": "x"}).status_code
        == 302
    )


def test_a_suspension_needs_a_future_date(client, login_as, make_member):
    target = make_member()
    login_as(make_member(role=Role.MODERATOR))
    response = client.post(
        f"/moderation/members/{target.handle}/suspend", data={"until": "2001-01-01", "reason": "x"}
    )
    assert response.status_code == 422
    assert "Choose a date in the future." in response.get_data(as_text=True)


# Admin


def test_an_admin_changes_a_role_and_it_is_audited(client, login_as, make_member, db):
    member = make_member(display_name="Nadia Role")
    login_as(make_member(role=Role.ADMIN))
    assert "Nadia Role" in client.get("/admin/members?q=nadia").get_data(as_text=True)
    client.post(
        f"/admin/members/{member.id}/role", data={"role": "moderator", "reason": "Helps a lot"}
    )
    db.session.expire_all()
    assert db.session.get(type(member), member.id).role is Role.MODERATOR
    event = db.session.scalar(
        select(ModerationEvent).where(ModerationEvent.action == "change_role")
    )
    assert event.data == {"from": "member", "to": "moderator"} and event.reason == "Helps a lot"


def test_closed_registration_refuses_with_a_page(client, login_as, make_member, db):
    admin = make_member(role=Role.ADMIN)
    login_as(admin)
    response = client.post(
        "/admin/settings",
        data={"approval_count": 2, "new_member_posts": 10, "link_limit": 2, "upload_limit_mb": 20},
    )
    assert response.status_code == 302
    assert db.session.scalar(select(ModerationEvent.action)) == "update_settings"
    client.post("/auth/sign-out")
    refused = client.get("/auth/register")
    assert refused.status_code == 403
    assert "Registration is closed" in refused.get_data(as_text=True)


def test_bad_settings_are_refused_and_kept(client, login_as, make_member):
    login_as(make_member(role=Role.ADMIN))
    response = client.post(
        "/admin/settings",
        data={"approval_count": -1, "new_member_posts": 10, "link_limit": 2, "upload_limit_mb": 20},
    )
    assert response.status_code == 422
    assert "Between 0 and 100." in response.get_data(as_text=True)


def test_tables_are_reordered_and_archived_from_the_dashboard(
    client, login_as, make_member, make_category, db
):
    first, second = make_category(), make_category()
    login_as(make_member(role=Role.ADMIN))
    client.post(f"/admin/tables/{second.id}/up")
    client.post(f"/admin/tables/{first.id}/archive")
    db.session.expire_all()
    assert (
        db.session.get(type(first), second.id).position
        < db.session.get(type(first), first.id).position
    )
    assert db.session.get(type(first), first.id).is_archived
    assert "Discussion tables" in client.get("/admin/").get_data(as_text=True)


def test_links_count_only_for_members_who_are_still_new(approval, app, db, make_member):
    from cop.sitesettings import forget_cached_settings
    from cop.threads.approval import needs_approval

    app.config["MODERATION_APPROVAL_COUNT"] = 0
    forget_cached_settings()
    body = "See https://a.example https://b.example https://c.example"
    newcomer = make_member()
    assert needs_approval(newcomer, body)
    assert not needs_approval(newcomer, "See https://a.example")
    app.config["MODERATION_NEW_MEMBER_POSTS"] = 0
    forget_cached_settings()
    try:
        assert not needs_approval(newcomer, body)
    finally:
        app.config["MODERATION_NEW_MEMBER_POSTS"] = 10


def test_posting_is_rate_limited_per_member(app, client, login_as, make_member, make_thread):
    thread = make_thread()
    app.config["RATELIMIT_POST"] = "2 per minute"
    try:
        login_as(make_member(locale="fr"))
        statuses = [
            client.post(
                f"/threads/{thread.id}/reply", data={"body": f"Reply {i}", "language": "fr"}
            ).status_code
            for i in range(3)
        ]
    finally:
        app.config["RATELIMIT_POST"] = "1000 per minute"
    assert statuses[:2] == [302, 302] and statuses[2] == 429


def test_the_upload_limit_follows_the_site_setting(app, db, make_member):
    from cop.sitesettings import forget_cached_settings, upload_limit

    admin_services.update_settings({"upload_limit_mb": 3}, admin=make_member(role=Role.ADMIN))
    db.session.commit()
    forget_cached_settings()
    assert upload_limit() == 3 * 1024 * 1024
    admin_services.update_settings({"upload_limit_mb": 500}, admin=make_member(role=Role.ADMIN))
    forget_cached_settings()
    assert upload_limit() == app.config["MAX_CONTENT_LENGTH"]


def test_moderators_declare_their_languages_on_a_settings_page(client, login_as, make_member, db):
    from cop.moderation.queries import moderator_languages

    moderator = make_member(role=Role.MODERATOR)
    login_as(moderator)
    response = client.post("/moderation/settings", data={"languages": ["ar", "fr"]})
    assert response.status_code == 302 and "mine=1" in response.headers["Location"]
    assert moderator_languages(moderator) == ["ar", "fr"]


def test_the_thread_moderation_page_offers_every_action(client, login_as, make_member, scene):
    login_as(make_member(role=Role.MODERATOR))
    page = client.get(f"/moderation/thread/{scene['thread'].id}").get_data(as_text=True)
    for verb in ("hide", "lock", "pin", "pin_globally", "move", "merge", "split"):
        assert f"/moderation/thread/{scene['thread'].id}/{verb}" in page


def test_a_merge_into_a_missing_thread_is_refused_with_a_message(
    client, login_as, make_member, scene
):
    login_as(make_member(role=Role.MODERATOR))
    response = client.post(f"/moderation/thread/{scene['thread'].id}/merge", data={"target": 99999})
    assert response.status_code == 422
    assert "Give the number of another, visible thread." in response.get_data(as_text=True)


def test_the_audit_log_filters_paginates_and_undoes_a_merge(
    client, login_as, make_member, scene, make_thread, db
):
    from cop.moderation import threadops

    moderator = make_member(role=Role.MODERATOR, display_name="Undo Person")
    into = make_thread(category=scene["thread"].category)
    threadops.merge_thread(scene["thread"], into=into, moderator=moderator, reason="Same topic")
    sanctions.warn_member(scene["author"], moderator=moderator, message="Careful")
    db.session.commit()
    login_as(moderator)
    merges = client.get("/moderation/log?action=merge_thread").get_data(as_text=True)
    assert "Same topic" in merges and "Careful" not in merges
    assert "Careful" in client.get("/moderation/log?target=member&actor=undo").get_data(
        as_text=True
    )
    event = db.session.scalar(
        select(ModerationEvent).where(ModerationEvent.action == "merge_thread")
    )
    client.post(f"/moderation/log/{event.id}/undo")
    db.session.expire_all()
    assert db.session.get(Thread, scene["thread"].id).merged_into_id is None
    # A merged thread's old address leads members to where its posts went.
    threadops.merge_thread(
        db.session.get(Thread, scene["thread"].id), into=into, moderator=moderator, reason=""
    )
    db.session.commit()
    login_as(make_member())
    response = client.get(f"/threads/{scene['thread'].id}")
    assert response.status_code == 301 and f"/threads/{into.id}" in response.headers["Location"]


def test_front_page_pins_come_first_on_the_home_page(client, make_thread, db, make_member):
    pinned = make_thread(title="Pinned for everyone")
    make_thread(title="A later thread")
    content_actions.set_thread_flag(
        pinned, "pin_globally", True, moderator=make_member(role=Role.MODERATOR)
    )
    db.session.commit()
    page = client.get("/").get_data(as_text=True)
    assert page.index("Pinned for everyone") < page.index("A later thread")


def test_a_resolution_without_a_note_is_refused_and_kept(client, login_as, make_member, scene, db):
    report = reports.report_content(scene["post"], reporter=make_member(), reason="spam")
    db.session.commit()
    login_as(make_member(role=Role.MODERATOR))
    response = client.post(f"/moderation/reports/{report.id}/resolve", data={"action": "warn"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Write a note: hiding, warning and suspending tell the author why." in page
    assert '<option value="warn" selected>' in page
    db.session.expire_all()
    assert db.session.get(Report, report.id).state == "open"


def test_hiding_without_a_reason_is_refused(client, login_as, make_member, scene, db):
    login_as(make_member(role=Role.MODERATOR))
    response = client.post(f"/moderation/post/{scene['post'].id}/hide", data={"reason": " "})
    assert response.status_code == 422
    db.session.expire_all()
    assert not db.session.get(Post, scene["post"].id).is_hidden
