import pytest
from sqlalchemy import func, select

from cop.members.models import Member, Role
from tests.corpora import naughty_sample


def form(**overrides):
    data = {
        "display_name": "Ana Pereira",
        "email": "ana@example.org",
        "password": "cooperatives in the Algarve",
        "country": "PT",
        "locale": "pt",
        "accept_conduct": "y",
        "accept_privacy": "y",
    }
    data.update(overrides)
    return data


def test_a_visitor_registers_and_is_signed_in(client, db):
    response = client.post("/auth/register", data=form())
    assert response.status_code == 302
    member = db.session.scalar(select(Member))
    assert (member.display_name, member.email, member.country, member.locale) == (
        "Ana Pereira",
        "ana@example.org",
        "PT",
        "pt",
    )
    assert member.role is Role.MEMBER
    assert member.password_hash.startswith("pbkdf2:sha256:1000$")
    home = client.get("/")
    assert "Ana Pereira" in home.get_data(as_text=True)


def test_emails_are_stored_lower_case_and_unique(client, db, make_member):
    make_member(email="ana@example.org")
    response = client.post("/auth/register", data=form(email="  ANA@Example.org "))
    assert response.status_code == 422
    assert "exists already" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Member)) == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("display_name", "", "Enter the name other members will see."),
        ("display_name", "x" * 81, "Use at most 80 characters."),
        ("email", "not-an-email", "Enter a valid email address"),
        ("password", "short", "Use between 8 and 1024 characters."),
        ("password", "x" * 1025, "Use between 8 and 1024 characters."),
        ("password", "password123", "among the most common"),
        ("password", "Qwertyuiop", "among the most common"),
        ("country", "", "Choose your country."),
        ("country", "XX", "Choose a country from the list."),
        ("locale", "de", "Choose a language from the list."),
    ],
)
def test_bad_input_is_refused_with_a_clear_error_and_keeps_what_was_typed(
    client, db, field, value, message
):
    response = client.post("/auth/register", data=form(**{field: value}))
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in html
    kept = "Ana Pereira" if field != "display_name" else "ana@example.org"
    assert kept in html
    assert db.session.scalar(select(func.count()).select_from(Member)) == 0


def test_long_passphrases_are_welcome(client, db):
    phrase = "the municipality and the cooperative wrote the service rules together " * 10
    response = client.post("/auth/register", data=form(password=phrase))
    assert response.status_code == 302


@pytest.mark.parametrize("name", naughty_sample())
def test_any_display_name_is_stored_and_shown_back_escaped(client, db, name):
    response = client.post(
        "/auth/register", data=form(display_name=name, email="naughty@example.org")
    )
    assert response.status_code in (302, 422)
    if response.status_code == 302:
        member = db.session.scalar(select(Member))
        assert member.display_name == name.strip()[:80] or len(name.strip()) > 80
        page = client.get("/").get_data(as_text=True)
        assert "<script>alert" not in page


def test_handles_are_unique_and_follow_the_name(make_member):
    first = make_member(display_name="Νίκος Παπαδόπουλος")
    second = make_member(display_name="Νίκος Παπαδόπουλος")
    arabic = make_member(display_name="عمر الخطيب")
    assert first.handle == "νικος_παπαδοπουλος"
    assert second.handle == "νικος_παπαδοπουλος2"
    assert arabic.handle == "عمر_الخطيب"


def test_passwords_are_hashed_with_scrypt_by_default():
    from cop import create_app
    from cop.members.passwords import hash_password, verify_password

    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    with app.app_context():
        hashed = hash_password("a quiet evening in Jerash")
    assert hashed.startswith("scrypt:")
    assert verify_password(hashed, "a quiet evening in Jerash")
