"""Every staff route, found by walking the url_map, x every kind of visitor.

A route is staff-only when it lives on the moderation or admin blueprint (except the
two that members use) or is listed in STAFF_ELSEWHERE. Each must wear one of the two
decorators of cop.permissions, which also refuse staff who may not write.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from werkzeug.routing import AnyConverter, IntegerConverter

from cop.members.models import Role
from cop.moderation import sanctions

STAFF_ELSEWHERE = {
    "threads.manage_categories": "admin",
    "threads.new_category": "admin",
    "threads.edit_category": "admin",
    "threads.restore_post": "moderator",
    "resources.remove": "moderator",
    "resources.restore": "moderator",
    # A reported private conversation, read through its report (cop/conversations).
    "conversations.reports_index": "moderator",
    "conversations.reported": "moderator",
    "conversations.resolve": "moderator",
    # Granting the organiser role per country (cop/events) is the admins'.
    "events.organisers": "admin",
    "events.revoke_organiser": "admin",
    # Editing the community's pages (cop/pages) is the admins'.
    "pages.edit": "admin",
    # Threads waiting for an answer, per language (cop/waiting) are the moderators'.
    "waiting.by_language": "moderator",
}
MEMBER_FACING = {"moderation.report", "moderation.acknowledge"}
ACTORS = (
    "anonymous",
    "member",
    "moderator",
    "admin",
    "suspended moderator",
    "suspended admin",
)


def _is_staff_endpoint(app, endpoint: str) -> bool:
    """On a staff blueprint, listed above, or wearing a staff decorator anywhere."""
    blueprint = endpoint.partition(".")[0]
    if endpoint in STAFF_ELSEWHERE or hasattr(app.view_functions[endpoint], "staff_role"):
        return True
    return blueprint in ("moderation", "admin") and endpoint not in MEMBER_FACING


def _staff_rules(app):
    return [r for r in app.url_map.iter_rules() if _is_staff_endpoint(app, r.endpoint)]


def _url(app, rule) -> str:
    """The rule's address with made-up values (the decorator answers before any lookup)."""
    values = {}
    for name, converter in rule._converters.items():
        if isinstance(converter, AnyConverter):
            values[name] = sorted(converter.items)[0]
        elif isinstance(converter, IntegerConverter):
            values[name] = 987654
        elif name == "kind":
            values[name] = "post"
        else:
            values[name] = "nobody-here"
    with app.test_request_context():
        from flask import url_for

        return url_for(rule.endpoint, **values)


def _actor(kind: str, make_member, db):
    if kind == "anonymous":
        return None
    role = {"member": Role.MEMBER, "moderator": Role.MODERATOR, "admin": Role.ADMIN}[
        kind.removeprefix("suspended ")
    ]
    member = make_member(role=role)
    if kind.startswith("suspended"):
        boss = make_member(role=Role.ADMIN)
        sanctions.suspend_member(
            member, moderator=boss, until=datetime.now(UTC) + timedelta(days=3), reason="Pause"
        )
        db.session.commit()
    return member


def test_every_staff_route_wears_a_staff_decorator(app):
    rules = _staff_rules(app)
    assert {r.endpoint for r in rules} >= set(STAFF_ELSEWHERE)
    for rule in rules:
        role = getattr(app.view_functions[rule.endpoint], "staff_role", None)
        if rule.endpoint.startswith("admin."):
            expected = "admin"
        else:
            expected = STAFF_ELSEWHERE.get(rule.endpoint, "moderator")
        assert role == expected, rule.endpoint
        assert rule.endpoint.partition(".")[0] in ("moderation", "admin") or (
            rule.endpoint in STAFF_ELSEWHERE
        ), f"{rule.endpoint}: list it in STAFF_ELSEWHERE"


@pytest.mark.parametrize("actor", ACTORS)
def test_each_staff_route_admits_only_staff_who_may_write(
    actor, app, client, db, make_member, login
):
    member = _actor(actor, make_member, db)
    if member is not None:
        login(member)
    failures = []
    for rule in _staff_rules(app):
        role = app.view_functions[rule.endpoint].staff_role
        allowed = actor == "admin" or (actor == "moderator" and role == "moderator")
        url = _url(app, rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = client.open(url, method=method, data={})
            status, location = response.status_code, response.headers.get("Location", "")
            if actor == "anonymous":
                ok = status == 302 and "/auth/sign-in" in location
            elif allowed:
                ok = status not in (401, 403) and status < 500 and "/auth/sign-in" not in location
            else:
                ok = status == 403
            if not ok:
                failures.append(f"{method} {url} ({rule.endpoint}): {status} {location}")
    assert not failures, "\n".join(failures)


def test_a_suspended_moderator_is_not_offered_the_moderation_menu(client, db, make_member, login):
    active = make_member(role=Role.MODERATOR)
    login(active)
    assert 'href="/moderation/"' in client.get("/threads/").get_data(as_text=True)
    client.post("/auth/sign-out")
    login(_actor("suspended moderator", make_member, db))
    assert 'href="/moderation/"' not in client.get("/threads/").get_data(as_text=True)
