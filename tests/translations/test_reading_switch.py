"""The reading switch (POST /translations/reading): a preference of this browser
session, open to everyone who reads (visitors too: their pages then leave the visitors'
page cache); hostile input never writes anything odd nor ends in a 500."""

from __future__ import annotations

import pytest

from cop.translations.reading import SESSION_KEY
from tests.corpora import naughty_sample

ACTORS = ("anonymous", "member", "moderator", "admin", "suspended", "unconfirmed")


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize(("mode", "value"), [("on", True), ("off", False)])
def test_everyone_who_reads_may_switch(client, login, people, actor, mode, value):
    if actor != "anonymous":
        login(people()[actor])
    response = client.post("/translations/reading", data={"mode": mode, "next": "/threads/"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/threads/"
    with client.session_transaction() as session:
        assert session[SESSION_KEY] is value


@pytest.mark.parametrize("naughty", naughty_sample())
def test_naughty_input_is_refused_or_ignored_never_a_500(client, naughty):
    response = client.post("/translations/reading", data={"mode": naughty, "next": "/"})
    assert response.status_code == 400
    with client.session_transaction() as session:
        assert SESSION_KEY not in session
    response = client.post("/translations/reading", data={"mode": "on", "next": naughty})
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location.startswith("/") and not location.startswith("//")
