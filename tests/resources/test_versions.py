"""Language versions: one current file per language, a history, out-of-date marks."""

from __future__ import annotations

import re

import pytest

from cop.resources import samples
from tests.resources.conftest import PDF, file_part

ES = samples.pdf(["Guía"])
EN_2 = samples.pdf(["Handbook, second edition"])


@pytest.fixture
def author(make_member, login):
    member = make_member(locale="en")
    login(member)
    return member


def upload(client, resource, language: str, content: bytes, name: str = "guide.pdf"):
    return client.post(
        f"/resources/{resource.id}/versions/new",
        data={"language": language, "file": file_part(content, name)},
        content_type="multipart/form-data",
    )


def current(resource) -> dict[str, tuple[int, bool]]:
    return {f.language: (f.version, f.possibly_outdated) for f in resource.files if f.is_current}


def test_a_later_upload_becomes_current_and_keeps_the_history(client, db, author, make_resource):
    resource = make_resource(sharer=author)
    assert upload(client, resource, "en", EN_2).status_code == 302
    db.session.refresh(resource)
    assert current(resource) == {"en": (2, False)}
    assert sorted((f.version, f.is_current) for f in resource.files) == [(1, False), (2, True)]


def test_a_new_original_marks_translations_possibly_out_of_date(client, db, author, make_resource):
    resource = make_resource(sharer=author, original_language="en")
    upload(client, resource, "es", ES, "guía.pdf")
    db.session.refresh(resource)
    assert current(resource) == {"en": (1, False), "es": (1, False)}
    upload(client, resource, "en", EN_2)
    db.session.refresh(resource)
    assert current(resource) == {"en": (2, False), "es": (1, True)}
    page = client.get(f"/resources/{resource.id}").get_data(as_text=True)
    assert "Possibly out of date" in page
    # An updated translation clears the mark.
    upload(client, resource, "es", samples.pdf(["Guía, segunda edición"]), "guía.pdf")
    db.session.refresh(resource)
    assert current(resource) == {"en": (2, False), "es": (2, False)}


def test_an_editor_can_confirm_a_translation_is_still_up_to_date(client, db, author, make_resource):
    resource = make_resource(sharer=author, original_language="en")
    upload(client, resource, "es", ES)
    upload(client, resource, "en", EN_2)
    db.session.refresh(resource)
    spanish = next(f for f in resource.files if f.language == "es")
    response = client.post(f"/resources/{resource.id}/files/{spanish.id}/up-to-date")
    assert response.status_code == 302
    db.session.refresh(spanish)
    assert spanish.possibly_outdated is False


def test_a_translation_update_does_not_mark_the_original(client, db, author, make_resource):
    resource = make_resource(sharer=author, original_language="en")
    upload(client, resource, "es", ES)
    upload(client, resource, "es", samples.pdf(["otra"]))
    db.session.refresh(resource)
    assert current(resource) == {"en": (1, False), "es": (2, False)}


def test_the_readers_language_is_offered_first(app, client, db, make_member, login, make_resource):
    resource = make_resource(
        original_language="es",
        files=[
            ("es", ES, "guía.pdf"),
            ("en", PDF, "guide.pdf"),
            ("ar", samples.pdf(["x"]), "دليل.pdf"),
        ],
    )
    login(make_member(locale="ar"))
    page = client.get(f"/resources/{resource.id}").get_data(as_text=True)
    positions = [page.index(name) for name in ("دليل.pdf", "guía.pdf", "guide.pdf")]
    assert positions == sorted(positions)


def test_refused_versions_leave_everything_as_it_was(
    client, db, author, make_resource, upload_folder
):
    from tests.resources.conftest import stored_blobs

    resource = make_resource(sharer=author)
    response = upload(client, resource, "en", b"<svg onload=alert(1)>", "x.pdf")
    assert response.status_code == 422
    db.session.refresh(resource)
    assert current(resource) == {"en": (1, False)}
    assert len(stored_blobs(upload_folder)) == 1


def test_editing_prefills_the_form_and_renders_the_new_description(
    client, db, author, make_resource
):
    resource = make_resource(sharer=author, tags=["procurement", "SSE"], description="Old")
    page = client.get(f"/resources/{resource.id}/edit").get_data(as_text=True)
    assert 'value="procurement, SSE"' in page or 'value="SSE, procurement"' in page
    assert re.search(r">\s*Old</textarea>", page)
    response = client.post(
        f"/resources/{resource.id}/edit",
        data={
            "title": "A better title",
            "description": "Now with a [link](https://example.org) and <script>x</script>",
            "type": "case_study",
            "original_language": "en",
            "country": "",
            "tags": "SSE; procurement ، تمويل",
            "licence": "cc0-1.0",
            "source": "",
            "funding": "",
            "external_url": "",
        },
    )
    assert response.status_code == 302
    db.session.refresh(resource)
    assert resource.title == "A better title"
    assert resource.country is None
    assert "<script" not in resource.description_html
    assert 'href="https://example.org"' in resource.description_html
    assert sorted(t.name for t in resource.tags) == sorted(["SSE", "procurement", "تمويل"])


def test_bad_edits_keep_the_input_and_answer_422(client, db, author, make_resource):
    resource = make_resource(sharer=author)
    response = client.post(
        f"/resources/{resource.id}/edit",
        data={"title": "abc", "type": "toolkit", "original_language": "en", "licence": ""},
    )
    assert response.status_code == 422
    assert 'value="abc"' in response.get_data(as_text=True)
