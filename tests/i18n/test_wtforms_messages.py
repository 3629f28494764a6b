"""WTForms' own messages (a date that is not one) come in the reader's language."""

from __future__ import annotations

import pytest
from babel import support
from markupsafe import escape
from wtforms.i18n import messages_path

from cop.members.models import Role

BUILT_IN = "Not a valid date value."


@pytest.mark.parametrize("code", ["es", "pt", "el", "ar", "fr"])
def test_built_in_validator_messages_are_translated(client, login, make_member, code):
    translated = support.Translations.load(messages_path(), [code], "wtforms").gettext(BUILT_IN)
    assert translated != BUILT_IN, f"WTForms has no {code} catalog for this message"
    login(make_member(role=Role.ADMIN, locale=code))
    target = make_member()
    response = client.post(
        f"/moderation/members/{target.handle}/suspend",
        data={"until": "soon", "reason": "A reason long enough to be accepted."},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert str(escape(translated)) in page and BUILT_IN not in page
