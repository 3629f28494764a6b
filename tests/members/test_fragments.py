"""Cached directory cards, directory filters and profile lists (cop.fragments): each
page shows what it would without the cache, after every change."""

from __future__ import annotations

import re

from cop.extensions import cache
from cop.members.models import Visibility
from cop.threads import services as threads


def cached(kind: str) -> int:
    return sum(1 for key in cache.cache._cache if f"{kind}:" in key)


def card(html: str, handle: str) -> str:
    pattern = rf'<li class="member-card">(?:(?!</li>\s*<li class="member-card">).)*?/members/{handle}".*?</li>\s*(?=<li class="member-card">|</ul>)'
    return re.search(pattern, html, re.S).group(0)


def test_directory_cards_follow_a_members_changes(client, db, login, make_member):
    reader = make_member()
    member = make_member(display_name="Leila Haddad", organisation="Tunis Co-op")
    login(reader)
    first = card(client.get("/members/").get_data(as_text=True), member.handle)
    assert "Tunis Co-op" in first
    assert cached("member-card") >= 2
    member.organisation = "Sfax Solidarity Network"
    member.city = "Sfax"
    db.session.commit()
    updated = card(client.get("/members/").get_data(as_text=True), member.handle)
    assert "Sfax Solidarity Network" in updated and "Tunis Co-op" not in updated
    assert "Sfax" in updated


def test_directory_filters_keep_each_readers_choices(client, make_member):
    make_member(country="TN")
    spain = client.get("/members/?country=ES").get_data(as_text=True)
    tunisia = client.get("/members/?country=TN").get_data(as_text=True)
    assert '<option value="ES" selected>' in spain and '<option value="TN" selected>' not in spain
    assert (
        '<option value="TN" selected>' in tunisia and '<option value="ES" selected>' not in tunisia
    )
    assert cached("directory-filters") == 2


def test_a_profiles_lists_follow_new_threads_and_new_titles(client, db, make_member):
    author = make_member(visibility=Visibility.PUBLIC)
    table = threads.save_category(
        None, slug="general", position=1, original_locale="en", is_archived=False,
        texts=[threads.CategoryText("en", "General", "About")],
    )  # fmt: skip

    def make_thread(title):
        thread = threads.start_thread(
            author=author, category=table, title=title, body="Corpo", language="pt"
        )
        db.session.commit()
        return thread

    thread = make_thread("Moedas complementares")
    page = client.get(f"/members/{author.handle}").get_data(as_text=True)
    assert "Moedas complementares" in page
    assert cached("profile-activity") == 1  # the replies and resources lists are empty
    thread.title = "Moedas sociais no Algarve"
    db.session.commit()
    make_thread("Compras públicas responsáveis")
    page = client.get(f"/members/{author.handle}").get_data(as_text=True)
    assert "Moedas sociais no Algarve" in page and "Moedas complementares" not in page
    assert "Compras públicas responsáveis" in page
