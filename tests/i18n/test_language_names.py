"""Language names are shown in the reader's language; unknown codes never break a page."""

from __future__ import annotations

import pytest

from cop.i18n import language_name
from cop.resources.filters import resource_language


@pytest.mark.parametrize(
    ("reader", "expected"), [("en", "French"), ("es", "francés"), ("ar", "الفرنسية")]
)
def test_a_language_is_named_in_the_readers_language(app, reader, expected):
    with app.test_request_context(headers={"Accept-Language": reader}):
        assert language_name("fr") == expected
        assert resource_language("fr") == expected


@pytest.mark.parametrize("code", ["zz", "x-unknown", "", "e\u0301n"])
def test_a_code_babel_does_not_know_is_shown_as_it_is(app, code):
    with app.test_request_context():
        assert language_name(code) == code
        assert resource_language(code) == code
