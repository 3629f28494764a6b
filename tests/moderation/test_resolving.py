"""Closing a report: dismissing needs no note; hiding, warning and suspending do."""

from __future__ import annotations

import pytest

from cop.members.models import Role
from cop.moderation import reports
from cop.moderation.models import Report
from cop.threads.models import Post


def test_a_report_is_dismissed_without_a_note(client, login_as, make_member, scene, db):
    report = reports.report_content(scene["post"], reporter=make_member(), reason="spam")
    db.session.commit()
    login_as(make_member(role=Role.MODERATOR))
    queue = client.get("/moderation/").get_data(as_text=True)
    assert f'id="note-{report.id}" rows="2" required' not in queue  # the browser lets it go
    response = client.post(f"/moderation/reports/{report.id}/resolve", data={"action": "dismiss"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Report, report.id).state == "dismissed"
    assert not db.session.get(Post, scene["post"].id).is_hidden


@pytest.mark.parametrize("action", ["hide", "warn", "suspend"])
def test_hiding_and_sanctions_still_need_a_note(action, client, login_as, make_member, scene, db):
    report = reports.report_content(scene["post"], reporter=make_member(), reason="spam")
    db.session.commit()
    login_as(make_member(role=Role.MODERATOR))
    response = client.post(
        f"/moderation/reports/{report.id}/resolve",
        data={"action": action, "note": "  ", "until": "2099-01-01"},
    )
    assert response.status_code == 422
    assert "Write a note" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Report, report.id).state == "open"
    assert not db.session.get(Post, scene["post"].id).is_hidden
    assert scene["author"].restriction is None or not scene["author"].restriction.is_suspended
