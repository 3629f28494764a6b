"""Until the address is confirmed a member reads, but every write route refuses them,
and a refused form keeps what they typed."""

from __future__ import annotations

import pytest
from flask import url_for
from werkzeug.routing import AnyConverter

from cop.auth.confirm_views import ALLOWED_UNCONFIRMED
from cop.threads.models import Post


def write_routes(app) -> list[tuple[str, dict]]:
    """Every POST route that is not about one's own account: (endpoint, url values)."""
    routes = []
    for rule in app.url_map.iter_rules():
        if "POST" not in rule.methods or rule.endpoint in ALLOWED_UNCONFIRMED:
            continue
        if rule.endpoint.startswith("auth."):
            continue
        values = {}
        for name, converter in rule._converters.items():
            if isinstance(converter, AnyConverter):
                values[name] = sorted(converter.items)[0]
            elif converter.regex == r"\d+" or "int" in type(converter).__name__.lower():
                values[name] = 1
            else:
                values[name] = "someone"
        routes.append((rule.endpoint, values))
    return sorted(routes, key=lambda r: (r[0], sorted(r[1])))


def test_the_matrix_covers_the_writing_routes(app):
    endpoints = {endpoint for endpoint, _ in write_routes(app)}
    for expected in (
        "threads.new",
        "threads.reply",
        "threads.edit_post",
        "resources.share",
        "moderation.report",
        "members.edit_profile",
        "pages.edit",
        "conversations.new",
        "conversations.reply",
        "conversations.add_participants",
        "conversations.report",
        "conversations.block",
        "events.register",
    ):
        assert expected in endpoints


def test_every_write_route_refuses_an_unconfirmed_member(app, client, make_member, login):
    member = make_member(email_confirmed=False)
    login(member)
    for endpoint, values in write_routes(app):
        with app.test_request_context():
            path = url_for(endpoint, **values)
        response = client.post(path, data={"body": "Words I typed", "title": "My title"})
        assert response.status_code == 403, (endpoint, response.status_code)
        html = response.get_data(as_text=True)
        assert "Confirm your email address first" in html, endpoint
        assert "Words I typed" in html, endpoint


def test_a_refused_reply_keeps_the_text_and_sends_it_again_once_confirmed(
    client, make_member, make_thread, login, db
):
    thread = make_thread()
    member = make_member(email_confirmed=False)
    login(member)
    typed = {"body": "Our cooperative in Sfax tried this ✓", "language": "en", "client_token": "t1"}
    refused = client.post(f"/threads/{thread.id}/reply", data=typed)
    assert refused.status_code == 403
    html = refused.get_data(as_text=True)
    assert f'action="/threads/{thread.id}/reply"' in html
    assert "Our cooperative in Sfax tried this ✓</textarea>" in html
    assert 'name="language" value="en"' in html
    assert db.session.scalar(db.select(db.func.count()).select_from(Post)) == 1
    member.email_confirmed_at = db.func.now()
    db.session.commit()
    sent = client.post(f"/threads/{thread.id}/reply", data=typed)
    assert sent.status_code == 302
    assert db.session.scalar(db.select(db.func.count()).select_from(Post)) == 2


@pytest.mark.parametrize(
    "path",
    ["/threads/new", "/resources/share"],
)
def test_write_forms_are_refused_with_the_banner(client, make_member, login, path):
    login(make_member(email_confirmed=False))
    response = client.get(path)
    assert response.status_code == 403
    assert "Please confirm your email address" in response.get_data(as_text=True)


def test_an_unconfirmed_member_reads_and_keeps_their_settings(
    client, make_member, make_thread, login
):
    thread = make_thread()
    login(make_member(email_confirmed=False))
    assert client.get(f"/threads/{thread.id}").status_code == 200
    saved = client.post(
        "/members/settings/preferences", data={"locale": "el", "format_locale": "", "timezone": ""}
    )
    assert saved.status_code == 302


def test_the_reply_form_is_not_offered_before_confirmation(client, make_member, make_thread, login):
    thread = make_thread()
    login(make_member(email_confirmed=False))
    html = client.get(f"/threads/{thread.id}").get_data(as_text=True)
    assert f'action="/threads/{thread.id}/reply"' not in html
