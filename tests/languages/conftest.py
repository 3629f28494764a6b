"""Fixtures for the language checks: threads' and resources' factories, the check on."""

from __future__ import annotations

import pytest

from tests.resources.conftest import make_resource  # noqa: F401
from tests.threads.conftest import make_category, make_thread  # noqa: F401

GREEK_TITLE = "Συνάντηση για τον συμμετοχικό προϋπολογισμό"
GREEK_BODY = (
    "Δοκιμάσαμε κάτι παρόμοιο στη Θεσσαλονίκη και το πιο δύσκολο ήταν να κρατήσει "
    "ο δήμος τις υποσχέσεις του μετά τις εκλογές."
)
SPANISH_TITLE = "Buscamos ejemplos de políticas de vivienda coproducidas"
SPANISH_BODY = (
    "Probamos algo parecido en Valencia y lo más difícil fue que el ayuntamiento "
    "cumpliera sus promesas después de las elecciones."
)


@pytest.fixture(autouse=True)
def language_check_on(app, monkeypatch):
    """The rest of the suite turns the check off (tests/conftest.py); here it is on."""
    monkeypatch.setitem(app.config, "LANGUAGE_CHECK", True)


@pytest.fixture
def writer(client, login, make_member):
    member = make_member(locale="en", display_name="Eleni Papadaki")
    login(member)
    return member
