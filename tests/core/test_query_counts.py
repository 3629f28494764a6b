"""Every page the benchmark measures runs a fixed number of SQL queries, whatever the data size.

The same pages as bench/__main__.py: the home page, a table's thread list (first and a
deeper page), a long thread (first and last page), the resource list with filters, a
profile, the member directory, and search when it exists; anonymous and signed in.
The community is built through the services, measured, grown, and measured again.
No timing is asserted here (the benchmark measures time).
"""

from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from cop.extensions import cache
from cop.members.models import Visibility
from cop.resources import filetypes, samples
from cop.resources import services as resource_services
from cop.resources.storage import get_storage
from cop.resources.uploads import Upload
from cop.threads import services as thread_services
from tests.resources.conftest import resource_fields

PDF = samples.pdf(["Co-production of social services"])


@pytest.fixture(autouse=True)
def upload_folder(app, tmp_path, monkeypatch, no_page_cache):
    # Counted as rendered (no_page_cache): a visitor's second view would come whole
    # from the page cache (cop.pagecache, tested in tests/core/test_page_cache.py).
    monkeypatch.setitem(app.config, "UPLOAD_FOLDER", str(tmp_path / "uploads"))


class Community:
    """A community built through the services, that can grow."""

    def __init__(self, db, make_member):
        self.db = db
        self.make_member = make_member
        self.members = []
        self.reader = make_member(display_name="Reader", visibility=Visibility.PUBLIC)
        self.profile = make_member(display_name="Shown Member", visibility=Visibility.PUBLIC)
        self.table = thread_services.save_category(
            None,
            slug="busy-table",
            position=1,
            original_locale="en",
            is_archived=False,
            texts=[thread_services.CategoryText("en", "Busy table", "About it")],
        )
        self.other_table = thread_services.save_category(
            None,
            slug="quiet-table",
            position=2,
            original_locale="es",
            is_archived=False,
            texts=[thread_services.CategoryText("es", "Mesa tranquila", "Sobre ella")],
        )
        self.long_thread = None
        db.session.commit()

    def grow(self, *, members: int, threads: int, replies: int, resources: int) -> None:
        """Add members, threads in the busy table, replies to the long thread, resources."""
        db = self.db
        for _ in range(members):
            self.members.append(self.make_member(visibility=Visibility.PUBLIC))
        authors = self.members or [self.profile]
        for n in range(threads):
            author = authors[n % len(authors)]
            thread = thread_services.start_thread(
                author=author,
                category=self.table if n % 4 else self.other_table,
                title=f"Thread {n} about co-production",
                body=f"Opening post {n}, with **emphasis** and @{self.profile.handle}.",
                language=("en", "es", "ar")[n % 3],
            )
            thread_services.reply_to_thread(
                author=self.profile, thread=thread, body="A reply.", language="en"
            )
            if self.long_thread is None:
                self.long_thread = thread
        for n in range(replies):
            thread_services.reply_to_thread(
                author=authors[n % len(authors)],
                thread=self.long_thread,
                body=f"Reply {n} in the long thread.",
                language="el" if n % 2 else "en",
            )
        for n in range(resources):
            self._share(authors[n % len(authors)], n)
        db.session.commit()

    def _share(self, sharer, n: int) -> None:
        fields = resource_fields(
            title=f"Toolkit {n}",
            description="A *short* guide.",
            tags=["co-production", f"tag-{n}"],
            original_language="es",
        )
        resource = resource_services.create_resource(sharer=sharer, fields=fields)
        for language in ("es", "en"):
            staged = get_storage().stage(io.BytesIO(PDF))
            kind = filetypes.sniff(staged.temp_path, name="toolkit.pdf")
            upload = Upload(staged=staged, kind=kind, name="toolkit.pdf")
            resource_services.add_file(resource, upload=upload, language=language, uploader=sharer)

    def pages(self, app) -> dict[str, str]:
        table = f"/threads/tables/{self.table.slug}"
        found = {
            "home": "/",
            "table, first page": table,
            "table, second page": f"{table}?page=2",
            "long thread, first page": f"/threads/{self.long_thread.id}?page=1",
            "long thread, last page": f"/threads/{self.long_thread.id}?page=1000",
            "resources, filtered": "/resources/?type=toolkit&language=es&sort=downloads",
            "profile": f"/members/{self.profile.handle}",
            "member directory": "/members/",
        }
        if "search.index" in app.view_functions:
            found["search"] = "/search/?q=co-production"
        return found


def _counts(app, client, db, count_queries, pages: dict[str, str]) -> dict[str, int]:
    counts = {}
    for name, path in pages.items():
        first = client.get(path, follow_redirects=True)  # marks read, fills caches
        assert first.status_code == 200, (name, first.status_code)
        cache.clear()  # counted as rendered: no fragment or region from the cache
        with count_queries() as statements:
            response = client.get(path, follow_redirects=True)
        assert response.status_code == 200, (name, response.status_code)
        counts[name] = len(statements)
        db.session.expire_all()
    return counts


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed-in"])
def test_every_benchmarked_page_runs_the_same_number_of_queries_on_small_and_large_data(
    app, db, client, make_member, login, count_queries, signed_in
):
    community = Community(db, make_member)
    # Small: two pages of threads in the busy table (33 of 44), a long thread of two pages.
    community.grow(members=3, threads=44, replies=22, resources=2)
    if signed_in:
        login(community.reader)
    pages = community.pages(app)
    small = _counts(app, client, db, count_queries, pages)

    # Larger: more of everything, three pages of threads, a thread of four pages.
    community.grow(members=10, threads=36, replies=40, resources=6)
    large = _counts(app, client, db, count_queries, pages)

    assert large == small
    if "search" in small:
        assert small == (SIGNED_IN if signed_in else ANONYMOUS)


# What each page costs. A signed-in page runs one query for the header's counts (unread
# notices and conversations, and whether the reader hides anyone's posts:
# cop.headercounts), as it did with the notices alone before conversations came.
# Rendered with every cache cleared. Since issues 13 and 15: the home page's next events
# (+1), a thread's reaction counts (+1; its answer on the first page), the profile's
# events organised and attended (+2); for a signed-in reader also their own reactions in
# the thread (+1), their draft of a reply (+1) and their bookmark buttons (+1, filled as
# the page leaves). A thread page no longer loads its reader again after marking the
# thread read (-1: the bookmark slots read the reader's id from the session's identity,
# and a reader who had read it all writes and commits nothing).
# Issue 12's members' translations: a thread page lists the translations of its title
# (+1) and of all its page's posts (+1, one query); a table page, its description's (+1).
# Reading in my languages: a thread page's translations into the reader's language, its
# title's and its posts' (+1, cop/translations/shown.py); a member's languages come with
# the header's counts, and a list's translated titles only when its region renders.
# Machine translations: a thread page's posts written in another language than the
# reader's, for their boxes (+1, cop/translations/machine_context.py); since read from
# the query of the page's translations into the reader's language (-1).
# A table's names come joined to the table, not in a select-in query of their own (-1).
# Each a fixed number, whatever the data (the assertion above).
ANONYMOUS = {
    "home": 7,
    "table, first page": 7,
    "table, second page": 7,
    "long thread, first page": 12,
    "long thread, last page": 16,
    "resources, filtered": 7,
    "profile": 12,
    "member directory": 6,
    "search": 5,
}
SIGNED_IN = {
    "home": 10,
    "table, first page": 11,
    "table, second page": 11,
    "long thread, first page": 19,
    "long thread, last page": 24,
    "resources, filtered": 9,
    "profile": 14,
    "member directory": 8,
    "search": 7,
}


def test_a_reader_who_hides_someones_posts_pays_one_query_more_on_a_thread_page(
    app, db, client, make_member, login, count_queries
):
    from cop.conversations import blocks

    community = Community(db, make_member)
    community.grow(members=3, threads=4, replies=22, resources=0)
    login(community.reader)
    path = f"/threads/{community.long_thread.id}?page=1"
    (before,) = _counts(app, client, db, count_queries, {"thread": path}).values()
    blocks.block_member(community.reader, community.members[0], hide_posts=True)
    db.session.commit()
    (after,) = _counts(app, client, db, count_queries, {"thread": path}).values()
    assert after == before + 1


# Threads waiting for an answer (cop/waiting): their count and a page, oldest first, with
# the tables' names; a member's profile languages (+1); the moderators' page, the count
# per language instead. The same whatever the number of threads waiting.
WAITING_ANONYMOUS = {"waiting": 4, "waiting, second page": 4, "waiting, in Greek": 4}
WAITING_SIGNED_IN = {
    "waiting": 7,
    "waiting, second page": 7,
    "waiting, in Greek": 7,
    "waiting, per language": 7,
}


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed-in"])
def test_the_pages_of_threads_waiting_for_an_answer_run_a_fixed_number_of_queries(
    app, db, client, make_member, login, count_queries, signed_in
):
    from cop.members.models import MemberLanguage, Role

    community = Community(db, make_member)
    community.grow(members=3, threads=6, replies=0, resources=0)  # answered threads

    def ask(count: int) -> None:
        for n in range(count):
            thread_services.start_thread(
                author=community.members[n % 3],
                category=community.table,
                title=f"A question waiting {n}",
                body="Who knows?",
                language=("en", "el")[n % 2],
            )
        db.session.commit()

    ask(70)
    pages = {
        "waiting": "/waiting/",
        "waiting, second page": "/waiting/?page=2",
        "waiting, in Greek": "/waiting/?language=el",
    }
    if signed_in:
        moderator = make_member(role=Role.MODERATOR)
        moderator.languages = [MemberLanguage(code="ar")]
        db.session.commit()
        login(moderator)
        pages["waiting, per language"] = "/waiting/languages?language=el"
    small = _counts(app, client, db, count_queries, pages)
    ask(40)
    large = _counts(app, client, db, count_queries, pages)
    assert large == small == (WAITING_SIGNED_IN if signed_in else WAITING_ANONYMOUS)


def test_a_thread_page_lists_its_posts_translations_in_one_query(
    app, db, client, make_member, login, count_queries
):
    """However many posts of the page are translated, and into however many languages."""
    from cop.threads.models import Post
    from cop.translations import services as translations
    from cop.translations.sources import load_original

    community = Community(db, make_member)
    community.grow(members=3, threads=2, replies=12, resources=0)
    login(community.reader)
    path = f"/threads/{community.long_thread.id}?page=1"
    (before,) = _counts(app, client, db, count_queries, {"thread": path}).values()
    posts = db.session.scalars(
        select(Post).where(Post.thread_id == community.long_thread.id).order_by(Post.id).limit(6)
    ).all()
    for post in posts:
        for language in ("fr", "ar", "pt"):
            translations.add_translation(
                load_original("post", post.id),
                translator=community.reader,
                language=language,
                title=None,
                body=f"Translated {post.id} {language}",
            )
    db.session.commit()
    (after,) = _counts(app, client, db, count_queries, {"thread": path}).values()
    assert after == before
    assert client.get(path).get_data(as_text=True).count('class="translation-links"') >= 6
