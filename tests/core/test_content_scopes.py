"""Scoped content versions (cop.contentversion, cop.contentscopes): a commit adds one to
the scopes it changed, so a reply in one thread leaves the other threads' cached
regions alone, and every page still shows every change it shows."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from cop.contentversion import ContentScope, SiteState
from cop.extensions import cache
from cop.members.models import Member
from cop.threads import services as threads
from cop.threads.models import Category, Post, Thread


def versions(db) -> dict[str, int]:
    db.session.expire_all()
    found = dict(db.session.execute(select(ContentScope.scope, ContentScope.version)).all())
    site = db.session.get(SiteState, 1)  # made by the first commit after the tables emptied
    found["site"] = site.content_version if site else 0
    return found


def bumped(db, change) -> set[str]:
    """The scopes whose version `change` (then a commit) moved."""
    before = versions(db)
    change()
    db.session.commit()
    after = versions(db)
    return {scope for scope in after if after[scope] != before.get(scope, 0)}


def cached_regions(kind: str) -> set[str]:
    return {key for key in cache.cache._cache if f"{kind}:" in key}


@pytest.fixture
def table(db):
    category = threads.save_category(
        None, slug="procurement", position=1, original_locale="en", is_archived=False,
        texts=[threads.CategoryText("en", "Public procurement", "About it")],
    )  # fmt: skip
    db.session.commit()
    return category


@pytest.fixture
def two_threads(db, make_member, table):
    author = make_member()
    made = [
        threads.start_thread(author=author, category=table, title=title, body="Body", language="en")
        for title in ("Social clauses", "Community currencies")
    ]
    db.session.commit()
    return made


def test_a_reply_moves_its_thread_the_lists_and_the_counts_not_the_others(
    db, make_member, two_threads
):
    first, second = two_threads
    scopes = bumped(
        db,
        lambda: threads.reply_to_thread(
            author=make_member(), thread=first, body="An answer", language="en"
        ),
    )
    assert {"site", f"thread:{first.id}", "threads", "table-counts"} <= scopes
    assert f"thread:{second.id}" not in scopes
    assert not {"tables", "resources"} & scopes


def test_renaming_a_table_moves_the_tables_names(db, table):
    def rename():
        threads.save_category(
            table, slug=table.slug, position=1, original_locale="en", is_archived=False,
            texts=[threads.CategoryText("en", "Responsible procurement", "About it")],
        )  # fmt: skip

    assert {"tables", "table-counts"} <= bumped(db, rename)


def test_a_table_counter_alone_moves_only_the_counts(db, table):
    def count():
        db.session.get(Category, table.id).post_count += 1

    assert bumped(db, count) == {"site", "table-counts"}


def test_a_moved_post_moves_both_threads(db, make_member, two_threads):
    first, second = two_threads
    reply = threads.reply_to_thread(
        author=make_member(), thread=first, body="Misplaced", language="en"
    )
    db.session.commit()

    def move():
        db.session.get(Post, reply.id).thread_id = second.id

    assert {f"thread:{first.id}", f"thread:{second.id}"} <= bumped(db, move)


def test_a_renamed_member_moves_the_members(db, make_member):
    member = make_member()

    def rename():
        db.session.get(Member, member.id).display_name = "Amal Nasser"

    assert "members" in bumped(db, rename)


def test_a_table_no_scope_names_moves_every_family(db):
    from cop.contentscopes import FAMILIES
    from cop.sitesettings import SiteSetting

    def change():
        db.session.add(SiteSetting(key="cache-test", value=1))

    assert {"site", *FAMILIES} <= bumped(db, change)


def test_a_rolled_back_change_moves_nothing(db, two_threads):
    before = versions(db)
    db.session.get(Thread, two_threads[0].id).title = "Never saved"
    db.session.flush()
    db.session.rollback()
    db.session.commit()
    assert versions(db) == before


def test_a_reply_elsewhere_leaves_a_threads_cached_posts_in_place(
    client, db, login, make_member, two_threads, monkeypatch
):
    monkeypatch.setattr("cop.fragments.minute", lambda: 1)  # no new minute meanwhile
    first, second = two_threads
    replier = make_member()
    login(make_member())
    client.get(f"/threads/{first.id}?page=1")
    kept = cached_regions("posts")
    assert len(kept) == 1
    threads.reply_to_thread(
        author=replier, thread=db.session.merge(second), body="Elsewhere", language="en"
    )
    db.session.commit()
    client.get(f"/threads/{first.id}?page=1")
    assert cached_regions("posts") == kept  # the same key: served from the cache
    threads.reply_to_thread(
        author=replier, thread=db.session.merge(first), body="Right here", language="en"
    )
    db.session.commit()
    assert "Right here" in client.get(f"/threads/{first.id}?page=1").get_data(as_text=True)
    assert len(cached_regions("posts")) == len(kept) + 1


def test_a_thread_page_shows_its_authors_new_name_and_its_tables_new_name(
    client, db, login, make_member, two_threads, table
):
    first, _ = two_threads
    login(make_member())
    client.get(f"/threads/{first.id}?page=1")
    db.session.get(Member, first.author_id).display_name = "Inês Moura"
    threads.save_category(
        db.session.merge(table), slug=table.slug, position=1, original_locale="en",
        is_archived=False, texts=[threads.CategoryText("en", "Responsible buying", "")],
    )  # fmt: skip
    db.session.commit()
    page = client.get(f"/threads/{first.id}?page=1").get_data(as_text=True)
    assert "Inês Moura" in page and "Responsible buying" in page


def test_a_page_reads_every_version_it_needs_in_one_query(
    client, db, login, make_member, two_threads, count_queries
):
    login(make_member())
    first = two_threads[0]
    with count_queries() as statements:
        client.get(f"/threads/{first.id}?page=1")
    reads = [s for s in statements if "content_versions" in s and "SELECT" in s.upper()]
    assert len(reads) == 1
