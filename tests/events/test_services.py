"""Events services: publishing, the waiting list, deadlines, attendance, signals."""

from __future__ import annotations

from datetime import timedelta

import pytest

from cop import signals
from cop.events import registration, services
from cop.events.models import EventState, RegistrationStatus
from cop.models import utcnow
from tests.events.conftest import fields

GOING, WAITING = RegistrationStatus.GOING, RegistrationStatus.WAITING


def test_publishing_opens_the_discussion_thread_in_the_chosen_table(db, make_event, table):
    event = make_event()
    assert event.state == EventState.PUBLISHED
    assert event.thread.category_id == table.id
    assert event.thread.title == event.title
    assert event.uid.endswith("@cop") and event.sequence == 1


@pytest.mark.parametrize("words", [30, 40])
def test_a_title_longer_than_a_threads_is_cut_at_a_word_for_its_thread(db, make_event, words):
    title = " ".join(["Συμπαραγωγή"] * words)[:200]  # 200 characters: an event's limit
    event = make_event(title=title)
    db.session.commit()  # PostgreSQL refused the thread's 150 characters before
    assert event.title == title
    assert len(event.thread.title) <= 150 and event.thread.title.endswith("…")
    assert title.startswith(event.thread.title.removesuffix("…"))


def test_descriptions_are_sanitized_when_saved(db, make_event):
    event = make_event(description="<script>alert(1)</script>**bold**")
    assert "<script>" not in event.description_html
    assert "<strong>bold</strong>" in event.description_html


def test_the_waiting_list_is_promoted_in_order_when_someone_cancels(db, make_member, make_event):
    event = make_event(capacity=2)
    members = [make_member() for _ in range(4)]
    rows = [registration.register(event, m) for m in members]
    db.session.commit()
    assert [r.status for r in rows] == [GOING, GOING, WAITING, WAITING]
    promoted = []
    signals.member_promoted.connect(promoted.append, weak=False)
    try:
        registration.unregister(event, members[0])
        db.session.commit()
    finally:
        signals.member_promoted.disconnect(promoted.append)
    db.session.expire_all()
    assert [registration.registration_of(event, m).status for m in members] == [
        RegistrationStatus.CANCELLED,
        GOING,
        GOING,
        WAITING,
    ]
    assert [r.member_id for r in promoted] == [members[2].id]


def test_a_growing_capacity_promotes_the_waiting_list(db, make_member, make_event):
    event = make_event(capacity=1)
    first, second, third = (make_member() for _ in range(3))
    for m in (first, second, third):
        registration.register(event, m)
    db.session.commit()
    services.update_event(
        event,
        actor=event.created_by,
        fields=fields(capacity=2, starts_at=event.starts_at),
        version=event.version,
    )
    db.session.commit()
    assert registration.counts(event)[GOING] == 2
    assert registration.registration_of(event, third).status == WAITING


def test_registering_twice_keeps_the_place_and_updates_the_answers(db, make_member, make_event):
    event = make_event(capacity=1, question_1="Access needs?")
    member = make_member()
    registration.register(event, member, answer_1="none")
    row = registration.register(event, member, answer_1="a ramp")
    db.session.commit()
    assert row.status == GOING and row.answer_1 == "a ramp"
    assert registration.counts(event)[GOING] == 1


def test_a_member_who_comes_back_queues_anew(db, make_member, make_event):
    event = make_event(capacity=1)
    first, second = make_member(), make_member()
    registration.register(event, first)
    registration.register(event, second)
    registration.unregister(event, first)
    row = registration.register(event, first)
    db.session.commit()
    assert row.status == WAITING
    assert registration.registration_of(event, second).status == GOING


@pytest.mark.parametrize(
    "change",
    [
        {"registration_deadline": "past"},
        {"state": EventState.DRAFT},
        {"state": EventState.CANCELLED},
        {"started": True},
        {"is_hidden": True},
    ],
)
def test_registration_is_closed_after_the_deadline_and_for_closed_events(
    db, make_member, make_event, change
):
    event = make_event()
    if "registration_deadline" in change:
        event.registration_deadline = utcnow() - timedelta(minutes=1)
    if "state" in change:
        event.state = change["state"]
    if "started" in change:
        event.starts_at = utcnow() - timedelta(minutes=1)
    if "is_hidden" in change:
        event.is_hidden = True
    db.session.commit()
    with pytest.raises(registration.RegistrationClosed):
        registration.register(event, make_member())


def test_changes_of_time_place_or_link_bump_the_sequence_and_are_signalled(db, make_event):
    event = make_event()
    heard = []

    def receiver(sender, **kwargs):
        heard.append(kwargs["changes"])

    signals.event_changed.connect(receiver)
    try:
        sequence = event.sequence
        services.update_event(
            event,
            actor=event.created_by,
            fields=fields(starts_at=event.starts_at + timedelta(hours=1), city="Madrid"),
            version=event.version,
        )
        db.session.commit()
        assert event.sequence == sequence + 1
        services.update_event(
            event,
            actor=event.created_by,
            fields=fields(starts_at=event.starts_at, city="Madrid", title="Co-production, revised"),
            version=event.version,
        )
        db.session.commit()
        assert event.sequence == sequence + 1
    finally:
        signals.event_changed.disconnect(receiver)
    assert heard == [frozenset({"time", "place"}), frozenset()]


def test_cancelling_bumps_the_sequence_and_is_signalled_once(db, make_event):
    event = make_event()
    heard = []

    def receiver(sender, **kwargs):
        heard.append(sender)

    signals.event_cancelled.connect(receiver)
    try:
        assert services.cancel_event(event, actor=event.created_by)
        assert not services.cancel_event(event, actor=event.created_by)
    finally:
        signals.event_cancelled.disconnect(receiver)
    assert event.state == EventState.CANCELLED and event.cancelled_at is not None
    assert heard == [event] and event.sequence == 2


def test_attendance_is_marked_only_after_the_start(db, make_member, make_event):
    event = make_event()
    row = registration.register(event, make_member())
    db.session.commit()
    assert registration.mark_attendance(event, actor=event.created_by, attended={row.id: True}) == 0
    event.starts_at = utcnow() - timedelta(hours=1)
    assert registration.mark_attendance(event, actor=event.created_by, attended={row.id: True}) == 1
    assert row.attended is True


def test_organiser_roles_are_granted_once(db, make_member):
    admin, member = make_member(), make_member()
    assert services.grant_organiser_role(member, country="JO", actor=admin)
    assert not services.grant_organiser_role(member, country="JO", actor=admin)
    assert services.revoke_organiser_role(member, country="JO", actor=admin)
    assert not services.revoke_organiser_role(member, country="JO", actor=admin)
