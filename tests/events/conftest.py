"""Fixtures of the events tests."""

from tests.events.eventdata import make_event, make_programme, people, register  # noqa: F401
