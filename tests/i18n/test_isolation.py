"""User values inside interface text keep their own direction (cop.i18n.isolate)."""

from __future__ import annotations

import pytest
from markupsafe import Markup

from cop.i18n import FSI, PDI, isolate
from tests.i18n import isolation, scene

MIXED = [(scene.ARABIC, "en"), (scene.LATIN, "ar"), (scene.BOTH, "el")]
IDS = ["arabic-in-english", "latin-in-arabic", "both-in-greek"]


def test_isolate_gives_escaped_bdi_for_html_and_isolates_for_text():
    assert isolate("<b>عنوان</b>") == Markup("<bdi>&lt;b&gt;عنوان&lt;/b&gt;</bdi>")
    assert isolate("عنوان!", html=False) == f"{FSI}عنوان!{PDI}"


def test_the_isolate_filter_follows_the_template_kind(app):
    render = app.jinja_env.from_string
    assert render("{{ t|isolate }}").render(t="<x>") == "<bdi>&lt;x&gt;</bdi>"
    assert render("{{ t|isolate(plain=True) }}").render(t="x") == f"{FSI}x{PDI}"
    text = app.jinja_env.overlay(autoescape=False).from_string("{{ t|isolate }}")
    assert text.render(t="x") == f"{FSI}x{PDI}"


def test_the_checker_tells_an_isolated_value_from_one_in_a_sentence():
    values = ["عنوان 1!"]
    assert isolation.unisolated_in_page("<p>Reply to <bdi>عنوان 1!</bdi></p>", values) == []
    assert isolation.unisolated_in_page('<a dir="auto">عنوان 1!</a>', values) == []
    assert isolation.unisolated_in_page(f"<title>{FSI}عنوان 1!{PDI} · Site</title>", values) == []
    assert isolation.unisolated_in_page('<p dir="auto">Reply to “عنوان 1!”</p>', values)
    assert isolation.unisolated_in_page("<td>عنوان 1!</td>", values)
    assert isolation.unisolated_in_page('<a title="Reply to عنوان 1!">x</a>', values)
    assert isolation.unisolated_in_text("Hello عنوان 1!,", values)
    # Isolated, but the sentence around it would take the value's direction.
    assert isolation.unisolated_in_page(f'<p dir="auto">{FSI}عنوان 1!{PDI} replied</p>', values)
    assert not isolation.unisolated_in_page(f"<p>{FSI}عنوان 1!{PDI} replied</p>", values)
    # Plain-text places show a <bdi> as it is written.
    assert isolation.unisolated_in_page("<title>Reply · <bdi>عنوان 1!</bdi></title>", values)
    assert isolation.unisolated_in_page(
        '<a title="Reply &lt;bdi&gt;عنوان 1!&lt;/bdi&gt;">x</a>', values
    )


@pytest.mark.parametrize(("texts", "language"), MIXED, ids=IDS)
def test_every_page_isolates_the_user_values_it_shows(app, texts, language):
    community = scene.build(texts, locale=language)
    pages = scene.rendered_pages(app, community, language=language)
    values = [*texts.interpolated(), community.author.handle, community.other.handle]
    found = {
        name: bad
        for name, html in pages.items()
        if (bad := isolation.unisolated_in_page(html, values, [texts.body, texts.reply]))
    }
    assert found == {}, "\n".join(f"{k}: {sorted(set(v))}" for k, v in sorted(found.items()))


@pytest.mark.parametrize(("texts", "language"), MIXED, ids=IDS)
def test_every_email_isolates_the_user_values_it_shows(app, texts, language):
    community = scene.build(texts, locale=language)
    values = [*texts.interpolated(), community.author.handle]
    found = {}
    for name, (subject, text, html) in scene.sent_emails(app, community).items():
        bad = isolation.unisolated_in_text(subject, values)
        bad += isolation.unisolated_in_text(text, values)
        bad += isolation.unisolated_in_page(html, values)
        if bad:
            found[name] = bad
    assert found == {}, "\n".join(f"{k}: {v}" for k, v in sorted(found.items()))
