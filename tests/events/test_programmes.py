"""Programmes: the list, the create and edit forms, their bad input."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from cop.events import services
from cop.events.models import Programme
from cop.extensions import db
from cop.moderation.models import ModerationEvent
from tests.corpora import naughty_sample


def _data(**overrides) -> dict:
    data = {
        "title": "Programa de formación",
        "slug": "programa",
        "language": "es",
        "description": "Cuatro **módulos**.\n\n<script>alert(1)</script>",
    }
    data.update(overrides)
    return data


def _programme(slug: str) -> Programme | None:
    return db.session.scalar(select(Programme).where(Programme.slug == slug))


def test_an_organiser_creates_a_programme_with_sanitized_markdown(client, login, people):
    login(people["organiser"])
    response = client.post("/events/programmes/new", data=_data())
    assert response.status_code == 302 and response.headers["Location"].endswith(
        "/events/programmes/programa"
    )
    programme = _programme("programa")
    assert "<strong>módulos</strong>" in programme.description_html
    assert "<script" not in programme.description_html
    assert programme.created_by_id == people["organiser"].id
    audit = db.session.scalar(
        select(ModerationEvent).where(ModerationEvent.action == "create_programme")
    )
    assert audit.target_type == "programme" and audit.target_id == programme.id
    page = client.get("/events/programmes/programa").get_data(as_text=True)
    assert "Programa de formación" in page and "/events/programmes/programa/edit" in page


def test_the_events_page_links_to_the_programmes_list(client, people):
    services.create_programme(
        actor=people["admin"], slug="t", title="Training", description="", language="en"
    )
    db.session.commit()
    assert "/events/programmes" in client.get("/events/").get_data(as_text=True)
    listing = client.get("/events/programmes").get_data(as_text=True)
    assert "Training" in listing and "/events/programmes/t" in listing
    assert "/events/programmes/new" not in listing  # a visitor may not create


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "Give the programme a title."),
        ({"slug": "Not A Slug"}, "Use lower-case letters, digits and hyphens"),
        ({"slug": "new"}, "This address name is taken."),
        ({"slug": "x" * 81}, "80"),
        ({"language": "xx"}, "Not a valid choice"),
        ({"description": "d" * 20_001}, "20000"),
    ],
)
def test_bad_input_is_refused_and_nothing_typed_is_lost(client, login, people, overrides, message):
    login(people["admin"])
    data = _data(**overrides)
    response = client.post("/events/programmes/new", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in html
    assert "Programa de formación" in html or data["title"] == ""
    assert _programme(data["slug"]) is None


def test_a_slug_in_use_is_refused(client, login, people):
    services.create_programme(
        actor=people["admin"], slug="programa", title="First", description="", language="es"
    )
    db.session.commit()
    login(people["organiser"])
    response = client.post("/events/programmes/new", data=_data(title="Second one"))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Another programme uses this address name." in html and "Second one" in html


def test_the_creator_edits_the_programme_and_a_stale_form_is_refused(client, login, people):
    programme = services.create_programme(
        actor=people["organiser"], slug="p", title="Old title", description="", language="en"
    )
    db.session.commit()
    login(people["organiser"])
    form = client.get("/events/programmes/p/edit").get_data(as_text=True)
    assert 'value="Old title"' in form
    saved = client.post("/events/programmes/p/edit", data=_data(slug="p", version="1"))
    assert saved.status_code == 302
    stale = client.post(
        "/events/programmes/p/edit", data=_data(slug="p", title="My late edit", version="1")
    )
    assert stale.status_code == 409
    assert "My late edit" in stale.get_data(as_text=True)
    db.session.refresh(programme)
    assert programme.title == "Programa de formación" and programme.version == 2


def test_a_creator_without_an_organiser_role_no_longer_edits(client, login, people):
    services.create_programme(
        actor=people["organiser"], slug="p", title="Mine", description="", language="en"
    )
    services.revoke_organiser_role(people["organiser"], country="ES", actor=people["admin"])
    db.session.commit()
    login(people["organiser"])
    assert client.get("/events/programmes/p/edit").status_code == 403


def test_an_unknown_programme_is_not_found(client, login, people):
    login(people["admin"])
    assert client.get("/events/programmes/nothing-here/edit").status_code == 404
    assert client.get("/events/programmes/" + "x" * 500 + "/edit").status_code == 404


def test_naughty_strings_in_the_programme_form_never_break_it(client, login, people):
    login(people["admin"])
    for n, text in enumerate(naughty_sample(9)):
        response = client.post(
            "/events/programmes/new",
            data=_data(title=text, description=text, slug=f"naughty-{n}"),
        )
        assert response.status_code in (302, 422), text
        if response.status_code == 302:
            assert client.get(f"/events/programmes/naughty-{n}").status_code == 200
