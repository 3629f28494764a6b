"""The edge: numbers the database cannot hold and characters it cannot store are refused
once, for every request, with a clear translated answer (cop.bounds, cop.edge)."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import func, select

from cop.bounds import DB_INT_MAX, parse_id, parse_page
from cop.members.models import Role
from cop.notifications.fanout import quoted_post_ids
from cop.threads import services as threads
from cop.threads.models import Category, Thread
from tests.conftest import failing_on_tracebacks
from tests.core.test_hostile_requests import multipart_body

HUGE = "99999999999999999999"
TITLES_400 = {
    "en": "Bad request",
    "fr": "Requête incorrecte",
}


@pytest.fixture
def thread(db, make_member):
    table = threads.save_category(
        None,
        slug="edge-table",
        position=1,
        original_locale="en",
        is_archived=False,
        texts=[threads.CategoryText("en", "Edge table", "")],
    )
    made = threads.start_thread(
        author=make_member(), category=table, title="Edge cases", body="Hello", language="en"
    )
    db.session.commit()
    return made


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("7", 7),
        (str(DB_INT_MAX), DB_INT_MAX),
        (HUGE, None),
        ("0", None),
        ("-3", None),
        ("x", None),
        ("", None),
        (None, None),
        ("٣", None),
        ("²", None),
        ("1" * 5000, None),
        ("-+5", None),
        ("+5", 5),
        (" 8 ", 8),
    ],
)
def test_ids_are_plain_digits_within_the_database_integer(value, expected):
    assert parse_id(value) == expected


@pytest.mark.parametrize("value", ["-1", "0", "x", HUGE, "²", "", None, "1e3"])
def test_an_unusable_page_number_means_the_first_page(value):
    assert parse_page(value) == 1


def test_a_usable_page_number_is_kept():
    assert parse_page("4") == 4


@pytest.mark.parametrize("path", [f"/threads/{HUGE}", "/threads/٣", f"/resources/{HUGE}/edit"])
def test_an_id_the_database_cannot_hold_is_a_translated_404(client, thread, path):
    response = client.get(path, headers={"Accept-Language": "ar"})
    html = response.get_data(as_text=True)
    assert response.status_code == 404
    assert '<html lang="ar" dir="rtl"' in html and "Page not found" not in html


@pytest.mark.parametrize("page", ["-2", "abc", HUGE])
def test_odd_page_numbers_show_the_first_page(client, thread, page):
    response = client.get(f"/threads/{thread.id}?page={page}")
    assert response.status_code == 200
    assert "Edge cases" in response.get_data(as_text=True)


def test_a_nul_in_a_form_is_refused_with_the_translated_400_and_nothing_is_saved(
    client, db, thread, make_member, login
):
    login(make_member(locale="fr"))
    response = client.post(
        "/threads/new",
        data={
            "category": str(thread.category_id),
            "title": "A title\x00",
            "body": "Some words",
            "language": "en",
        },
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert TITLES_400["fr"] in html and 'class="site-header"' in html
    assert "caractères" in html  # the edge's own explanation, in French
    assert db.session.scalar(select(func.count(Thread.id))) == 1


@pytest.mark.parametrize(
    "request_options",
    [
        {"path": "/search/", "query_string": "q=caf%E9"},
        {"path": "/search/", "query_string": "q=a%00b"},
        {"path": "/", "environ_overrides": {"PATH_INFO": "/members/caf\xe9"}},
        {"path": "/members/a%00b"},
        {"path": "/", "headers": {"X-Forwarded-Host": "a\x00b"}},
        {"path": "/auth/sign-in", "method": "POST", "data": {"email": b"caf\xe9"}},
        {"path": "/resources/share", "method": "POST", **multipart_body({"title": b"caf\xe9"})},
    ],
    ids=[
        "bad UTF-8 query",
        "NUL query",
        "bad UTF-8 path",
        "NUL path",
        "NUL header",
        "bad form",
        "bad multipart",
    ],
)
def test_unstorable_characters_anywhere_get_the_same_400(client, request_options):
    response = client.open(**request_options)
    assert response.status_code == 400
    assert TITLES_400["en"] in response.get_data(as_text=True)


def test_ordinary_text_in_every_script_passes_the_edge(client):
    response = client.get("/search/?q=καφές+قهوة+café+😀")
    assert response.status_code == 200


def test_a_thread_number_too_large_for_the_database_is_a_form_error(
    client, thread, make_member, login
):
    login(make_member(role=Role.MODERATOR))
    response = client.post(f"/moderation/thread/{thread.id}/merge", data={"target": HUGE})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Give the number of a thread." in html and f'value="{HUGE}"' in html


@pytest.mark.parametrize("value", [HUGE, "-1", "many"])
def test_admin_settings_refuse_numbers_out_of_range_and_keep_what_was_typed(
    client, make_member, login, value
):
    login(make_member(role=Role.ADMIN))
    data = {"approval_count": value, "new_member_posts": "3", "link_limit": "2"}
    data.update({"upload_limit_mb": "20", "language": "en"})
    response = client.post("/admin/settings", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Between 0 and 100." in html and f'value="{value}"' in html


@pytest.mark.parametrize("original_locale", [None, "xx", ""])
def test_a_table_without_a_known_original_language_is_a_form_error(
    client, db, make_member, login, original_locale
):
    login(make_member(role=Role.ADMIN, locale="es"))
    data = {"slug": "new-table", "position": HUGE, "name_es": "Mesa nueva"}
    if original_locale is not None:
        data["original_locale"] = original_locale
    response = client.post("/threads/manage/tables/new", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Elige el idioma original de la mesa." in html and "Mesa nueva" in html
    assert "Use 0 to 10000." not in html  # the Spanish message instead
    assert db.session.scalar(select(func.count(Category.id))) == 0


def test_a_quote_of_a_post_number_too_large_for_the_database_is_ignored():
    source = f"> @ana [wrote](/threads/posts/{HUGE}):\n> hi\n\n> @bo [wrote](/threads/posts/12):"
    assert quoted_post_ids(source) == [12]


@pytest.mark.parametrize("lang", ["es", "pt", "el", "ar", "fr"])
@pytest.mark.parametrize("path", ["/no/such/page", "/search/?q=%00"])
def test_the_400_and_404_pages_are_translated_in_the_site_layout(client, lang, path):
    response = client.get(path, headers={"Accept-Language": lang})
    html = response.get_data(as_text=True)
    assert response.status_code in (400, 404)
    assert f'<html lang="{lang}"' in html and 'class="site-header"' in html
    assert "Bad request" not in html and "Page not found" not in html


@pytest.mark.logs_errors  # this test checks the check itself
def test_a_logged_traceback_fails_the_test():
    with pytest.raises(pytest.fail.Exception, match="traceback"), failing_on_tracebacks():
        try:
            raise RuntimeError("boom")
        except RuntimeError:
            logging.getLogger("cop.views").exception("unhandled error")


def test_a_logged_error_without_a_traceback_is_allowed():
    logging.getLogger("cop.views").error("a missing blob, no traceback")


def test_a_far_off_search_date_is_ignored(client, thread):
    response = client.get("/search/?q=edge&from=0001-01-01&to=9999-12-31")
    assert response.status_code == 200


def test_a_suspension_date_no_one_means_is_a_form_error(client, make_member, login):
    target = make_member(timezone="Asia/Amman")
    login(make_member(role=Role.ADMIN))
    data = {"until": "9999-12-31", "reason": "Spam again"}
    response = client.post(f"/moderation/members/{target.handle}/suspend", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Choose a date from" in html and "Spam again" in html
    assert client.get(f"/moderation/members/{target.handle}").status_code == 200


def test_every_id_in_every_route_is_bounded(app):
    from werkzeug.routing import IntegerConverter

    from cop.bounds import IdConverter

    converters = [c for r in app.url_map.iter_rules() for c in r._converters.values()]
    numbers = [c for c in converters if isinstance(c, IntegerConverter)]
    assert numbers and all(isinstance(c, IdConverter) and c.max == DB_INT_MAX for c in numbers)


def test_every_form_uses_the_bounded_number_and_date_fields(app):
    from wtforms import DateField, IntegerField

    from cop.formfields import BoundedDateField, BoundedIntegerField
    from tests.core.test_hostile_requests import _form_classes

    fields = [
        (form.__name__, name, getattr(form, name).field_class)
        for form in _form_classes()
        for name in dir(form)
        if hasattr(getattr(form, name, None), "field_class")
    ]
    loose = [
        (form, name)
        for form, name, cls in fields
        if (issubclass(cls, IntegerField) and not issubclass(cls, BoundedIntegerField))
        or (issubclass(cls, DateField) and not issubclass(cls, BoundedDateField))
    ]
    assert fields and not loose
