"""`flask cop ...` commands."""

from __future__ import annotations

from sqlalchemy import func, select

from cop.demo.members import ADMIN_EMAIL, DEMO_PASSWORD
from cop.members.models import Member, Role


def test_create_admin_makes_an_administrator(app, db):
    result = app.test_cli_runner().invoke(
        args=["cop", "create-admin", "--email", "Root@Example.org", "--name", "Ada Admin",
              "--country", "gr", "--password", "keeping the forum healthy"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    admin = db.session.scalar(select(Member).where(Member.email == "root@example.org"))
    assert admin.role is Role.ADMIN and admin.country == "GR"


def test_create_admin_refuses_a_common_password(app, db):
    result = app.test_cli_runner().invoke(
        args=["cop", "create-admin", "--email", "a@example.org", "--name", "A",
              "--password", "password1"],
    )  # fmt: skip
    assert result.exit_code != 0
    assert db.session.scalar(select(func.count()).select_from(Member)) == 0


def test_set_role_promotes_and_demotes_a_member(app, db, make_member):
    member = make_member(email="mod@example.org")
    runner = app.test_cli_runner()
    assert runner.invoke(args=["cop", "set-role", "mod@example.org", "moderator"]).exit_code == 0
    db.session.expire_all()
    assert member.role is Role.MODERATOR
    assert runner.invoke(args=["cop", "set-role", "MOD@example.org", "member"]).exit_code == 0
    db.session.expire_all()
    assert member.role is Role.MEMBER
    missing = runner.invoke(args=["cop", "set-role", "nobody@example.org", "admin"])
    assert missing.exit_code != 0 and "no member" in missing.output


def test_seed_demo_is_idempotent_and_covers_the_six_countries(app, db):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["cop", "seed-demo"])
    assert first.exit_code == 0, first.output
    count = db.session.scalar(select(func.count()).select_from(Member))
    second = runner.invoke(args=["cop", "seed-demo"])
    assert second.exit_code == 0
    assert db.session.scalar(select(func.count()).select_from(Member)) == count
    countries = set(db.session.scalars(select(Member.country)))
    assert {"ES", "PT", "GR", "JO", "PS", "TN"} <= countries
    roles = set(db.session.scalars(select(Member.role)))
    assert {Role.ADMIN, Role.MODERATOR, Role.MEMBER} <= roles
    admin = db.session.scalar(select(Member).where(Member.email == ADMIN_EMAIL))
    from cop.auth.services import authenticate

    assert authenticate(ADMIN_EMAIL, DEMO_PASSWORD) == admin
