"""CSRF tokens leave masked afresh in every response (cop.csrfmask), so a compressed page
never repeats the same secret beside text an attacker chose (BREACH)."""

from __future__ import annotations

import re

import pytest

from cop.csrfmask import mask, unmask
from cop.extensions import db as _db
from tests.conftest import PASSWORD, build_app

TOKEN = re.compile(r'name="csrf_token"(?: type="hidden")? value="([^"]+)"')


@pytest.fixture
def strict(database_url, db):
    """An app that checks CSRF tokens, as in production."""
    app = build_app(database_url, WTF_CSRF_ENABLED=True)
    yield app
    with app.app_context():
        _db.engine.dispose()


def tokens_on(client, path: str) -> list[str]:
    found = TOKEN.findall(client.get(path).get_data(as_text=True))
    assert found, f"no form on {path}: nothing proven"
    return found


def test_a_masked_token_unmasks_to_itself_and_is_new_each_time():
    token = "ImFiYzEyMyI.Z1x2.c2lnbmF0dXJl"
    first, second = mask(token), mask(token)
    assert first != second
    assert token not in first and token not in second
    assert unmask(first) == unmask(second) == token


@pytest.mark.parametrize("garbage", ["m.", "m.!!!", "m.QUJD", "m.\x00\x01", "m." + "A" * 7])
def test_values_no_mask_made_unmask_to_nothing(garbage):
    assert unmask(garbage) == ""


def test_an_unmasked_token_passes_through():
    assert unmask("plain-token") == "plain-token"


def test_every_response_writes_the_token_under_a_new_mask(strict):
    client = strict.test_client()
    first = tokens_on(client, "/auth/sign-in")
    second = tokens_on(client, "/auth/sign-in")
    assert all(token.startswith("m.") for token in first + second)
    assert set(first).isdisjoint(second)
    # The same session secret under both: the signed token's payload (its timestamp may
    # differ by a second between the two requests on a loaded machine).
    assert {unmask(t).split(".")[0] for t in first} == {unmask(t).split(".")[0] for t in second}


def test_a_masked_token_from_the_page_is_accepted(strict, make_member):
    member = make_member()
    client = strict.test_client()
    token = tokens_on(client, "/auth/sign-in")[0]
    response = client.post(
        "/auth/sign-in", data={"email": member.email, "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302
    # A cached fragment's slot is filled and masked the same way (the sign-out form).
    home_tokens = tokens_on(client, "/")
    assert all(token.startswith("m.") for token in home_tokens)
    assert client.post("/auth/sign-out", data={"csrf_token": home_tokens[-1]}).status_code == 302


def test_a_tampered_masked_token_is_refused(strict, make_member):
    member = make_member()
    client = strict.test_client()
    token = tokens_on(client, "/auth/sign-in")[0]
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    response = client.post(
        "/auth/sign-in",
        data={"email": member.email, "password": PASSWORD, "csrf_token": tampered},
    )
    assert response.status_code == 400
