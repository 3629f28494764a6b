"""The CSRF slot of cached fragments (cop.fragments): each reader's token goes only into
the hidden inputs the templates wrote, never into what members wrote, even when they
wrote the slot itself (here they know it; in production it is a secret)."""

from __future__ import annotations

import re

import pytest

from cop.builddigest import build_digest
from cop.extensions import db as _db
from cop.fragments import csrf_slot
from cop.members import services as members
from cop.threads import services as threads
from tests.conftest import PASSWORD, build_app
from tests.resources.conftest import make_resource, upload_folder  # noqa: F401 -- fixtures

REAL_INPUT = re.compile(
    r'<input (?:type="hidden" name="csrf_token" value="([^"]*)"'
    r'|id="csrf_token" name="csrf_token" type="hidden" value="([^"]*)")>'
)


@pytest.fixture
def strict(database_url, db):
    """An app that checks CSRF tokens, as in production."""
    app = build_app(database_url, WTF_CSRF_ENABLED=True)
    yield app
    with app.app_context():
        _db.engine.dispose()


def baits(slot: str) -> list[str]:
    """What a member who knew the slot could write to ask for a reader's token."""
    return [slot, f'name="csrf_token" value="{slot}"']


@pytest.fixture
def planted(strict, db, make_member, make_resource):  # noqa: F811 -- the imported fixture
    """The slot, in every field members and moderators write."""
    slot = strict.extensions["cop.csrf_slot"]
    plain, markup = baits(slot)
    author = make_member(display_name=markup[:80])
    members.update_profile(
        author,
        members.ProfileChanges(
            display_name=markup[:80],
            organisation=markup,
            city=plain,
            bio=f"{markup}\n\n<{markup}> [link](https://example.org/?{markup}) `{markup}`",
            expertise=[plain[:40]],
        ),
    )
    table = threads.save_category(
        None, slug="slots", position=1, original_locale="en", is_archived=False,
        texts=[threads.CategoryText("en", markup[:80], markup)],
    )  # fmt: skip
    thread = threads.start_thread(
        author=author, category=table, title=markup, body=f"{markup}\n\n> {plain}", language="en"
    )
    threads.reply_to_thread(author=author, thread=thread, body=f"**{markup}**", language="en")
    _db.session.commit()
    resource = make_resource(
        sharer=author, title=markup, description=markup, source=markup, funding=plain
    )
    return slot, author, thread, resource


def signed_in(app, member):
    client = app.test_client()
    form = client.get("/auth/sign-in").get_data(as_text=True)
    token = REAL_INPUT.search(form)
    client.post(
        "/auth/sign-in",
        data={"email": member.email, "password": PASSWORD, "csrf_token": token[1] or token[2]},
    )
    return client


def assert_tokens_only_in_real_inputs(html: str, slot: str) -> None:
    tokens = {a or b for a, b in REAL_INPUT.findall(html)}
    assert tokens, "no form on the page: nothing proven"
    assert slot not in tokens
    rest = REAL_INPUT.sub("", html)
    for token in tokens:
        assert token not in rest


def test_members_writing_the_slot_never_get_a_readers_token_into_any_cached_page(
    strict, planted, make_member
):
    slot, author, thread, resource = planted
    query = baits(slot)[1]
    paths = [
        "/",
        "/threads/",
        "/threads/tables/slots",
        f"/threads/{thread.id}",
        f"/members/{author.handle}",
        "/members/",
        "/resources/",
        f"/resources/{resource.id}",
        f"/search/?q={query}",
        f"/members/?q={query}",
    ]
    readers = [strict.test_client(), signed_in(strict, make_member()), signed_in(strict, author)]
    for reader in readers:
        for path in paths:
            for _ in range(2):  # rendered, then from the cached pieces
                response = reader.get(path)
                assert response.status_code == 200, path
                assert_tokens_only_in_real_inputs(response.get_data(as_text=True), slot)


def test_what_members_wrote_is_shown_as_they_wrote_it(strict, planted):
    slot, _author, thread, _resource = planted
    html = strict.test_client().get(f"/threads/{thread.id}").get_data(as_text=True)
    assert f"name=&#34;csrf_token&#34; value=&#34;{slot}&#34;" in html  # the title
    assert f"name=&quot;csrf_token&quot; value=&quot;{slot}&quot;" in html  # the posts


def test_every_template_writes_the_slot_only_as_a_hidden_inputs_value(app):
    """Anywhere else the slot would go out unfilled, and readers would learn it."""
    loader = app.jinja_env.loader
    for name in loader.list_templates():
        source = loader.get_source(app.jinja_env, name)[0]
        calls = source.count("csrf_token()")
        written = source.count('<input type="hidden" name="csrf_token" value="{{ csrf_token() }}">')
        assert calls == written, name


def test_the_slot_is_secret_and_shared_by_every_worker_of_one_build(app, tmp_path):
    build = app.extensions["cop.build_digest"]
    other = build_app(app.config["SQLALCHEMY_DATABASE_URI"])
    assert other.extensions["cop.csrf_slot"] == app.extensions["cop.csrf_slot"]
    assert app.config["SECRET_KEY"] not in app.extensions["cop.csrf_slot"]
    (tmp_path / "page.html").write_text("<p>{{ _('Hello') }}</p>")
    assert csrf_slot(app, build) != csrf_slot(app, build_digest([tmp_path]))
    rotated = build_app(app.config["SQLALCHEMY_DATABASE_URI"], SECRET_KEY="another-" * 8)
    assert rotated.extensions["cop.csrf_slot"] != app.extensions["cop.csrf_slot"]
