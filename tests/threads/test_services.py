"""Discussion services: counters, mentions, revisions, soft deletion, read marks."""

from __future__ import annotations

from sqlalchemy import select

from cop.sanitize import POLICY_VERSION
from cop.threads import queries, reading, rendering, services
from cop.threads.models import Mention, Post, PostRevision, ThreadRead


def test_start_thread_creates_the_opening_post_and_counts_it(db, make_member, make_category):
    author, table = make_member(), make_category()
    thread = services.start_thread(
        author=author, category=table, title="  A good title ", body="**Hello**", language="es"
    )
    db.session.commit()
    post = queries.opening_post(thread)
    assert thread.title == "A good title"
    assert post.position == 1 and post.language == "es"
    assert post.body_html == "<p><strong>Hello</strong></p>"
    assert post.policy_version == POLICY_VERSION
    assert thread.reply_count == 0 and thread.last_post_id == post.id
    assert table.thread_count == 1 and table.post_count == 1
    mark = db.session.get(ThreadRead, (author.id, thread.id))
    assert mark.last_read_post_id == post.id


def test_replies_update_the_denormalised_counters(db, make_member, make_thread):
    thread = make_thread()
    replier = make_member()
    post = services.reply_to_thread(author=replier, thread=thread, body="Thanks", language="pt")
    db.session.commit()
    assert post.position == 2
    assert thread.reply_count == 1
    assert thread.last_post_id == post.id and thread.last_author_id == replier.id
    assert thread.category.post_count == 2


def test_mentions_are_stored_once_and_not_for_the_author(db, make_member, make_category):
    author = make_member(display_name="Lucía Fernández")
    other = make_member(display_name="عمر الخطيب")
    thread = services.start_thread(
        author=author,
        category=make_category(),
        title="Mentions here",
        body=f"@{other.handle} and @{other.handle} and @{author.handle} and @ghost",
        language="es",
    )
    db.session.commit()
    mentions = db.session.scalars(select(Mention)).all()
    assert [(m.member_id) for m in mentions] == [other.id]
    assert 'class="mention"' in queries.opening_post(thread).body_html


def test_editing_keeps_every_earlier_version(db, make_member, make_thread):
    author = make_member()
    thread = make_thread(author=author, body="first")
    post = queries.opening_post(thread)
    assert services.edit_post(post, editor=author, body="second", title="New title here")
    db.session.commit()
    assert services.edit_post(post, editor=author, body="third")
    db.session.commit()
    assert not services.edit_post(post, editor=author, body="third")
    revisions = queries.post_revisions(post)
    assert [r.body_source for r in revisions] == ["second", "first"]
    assert revisions[1].title == "Thread number " + revisions[1].title.split()[-1]
    assert post.body_source == "third" and post.edit_count == 2 and post.edited_at
    assert thread.title == "New title here"


def test_a_moderators_edit_is_attributed_to_the_moderator(db, make_member, make_thread):
    from cop.members.models import Role

    author, moderator = make_member(), make_member(role=Role.MODERATOR)
    post = queries.opening_post(make_thread(author=author, body="one"))
    services.edit_post(post, editor=moderator, body="two")
    services.edit_post(post, editor=author, body="three")
    db.session.commit()
    latest, first = queries.post_revisions(post)
    assert first.author_id == author.id and latest.author_id == moderator.id


def test_deleting_and_restoring_a_reply_keeps_the_counters_right(db, make_member, make_thread):
    author = make_member()
    thread = make_thread(author=author, replies=2)
    last = db.session.scalar(select(Post).where(Post.thread_id == thread.id, Post.position == 3))
    assert services.delete_post(last, actor=author)
    db.session.commit()
    assert last.is_deleted and last.deleted_by_id == author.id
    assert thread.reply_count == 1 and thread.last_post_id != last.id
    assert not services.delete_post(last, actor=author)
    assert services.restore_post(last, actor=author)
    db.session.commit()
    assert thread.reply_count == 2 and thread.last_post_id == last.id


def test_the_same_client_token_is_found_again(db, make_member, make_category):
    author = make_member()
    thread = services.start_thread(
        author=author,
        category=make_category(),
        title="Token thread",
        body="x" * 10,
        language="en",
        client_token="abc",
    )
    db.session.commit()
    assert services.find_post_by_token(author, "abc").thread_id == thread.id
    assert services.find_post_by_token(author, None) is None


def test_read_marks_never_move_backwards(db, make_member, make_thread):
    member = make_member()
    thread = make_thread(replies=3)
    reading.mark_thread_read(member, thread, thread.last_post_id)
    reading.mark_thread_read(member, thread, 1)
    db.session.commit()
    assert (
        db.session.get(ThreadRead, (member.id, thread.id)).last_read_post_id == thread.last_post_id
    )


def test_rerender_renders_every_post_and_revision_again(db, make_member, make_thread):
    author = make_member()
    post = queries.opening_post(make_thread(author=author, body="*a*"))
    services.edit_post(post, editor=author, body="*b*")
    post.body_html = "stale"
    post.policy_version = 0
    db.session.scalar(select(PostRevision)).body_html = "stale"
    db.session.commit()
    assert rendering.rerender_all() == 1
    db.session.commit()
    assert post.body_html == "<p><em>b</em></p>" and post.policy_version == POLICY_VERSION
    assert db.session.scalar(select(PostRevision)).body_html == "<p><em>a</em></p>"


def test_category_names_fall_back_to_the_original_language(db, make_category):
    table = make_category(names={"es": "Mesa de debate", "ar": "طاولة"}, original_locale="es")
    assert table.name_in("ar") == "طاولة"
    assert table.name_in("fr") == "Mesa de debate"
    assert table.language_of("fr") == "es"
    services.save_category(
        table,
        slug=table.slug,
        position=1,
        original_locale="es",
        is_archived=False,
        texts=[services.CategoryText("ar", "", ""), services.CategoryText("fr", "Table", "")],
    )
    db.session.commit()
    assert sorted(t.locale for t in table.translations) == ["es", "fr"]
