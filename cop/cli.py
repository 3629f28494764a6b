"""`flask cop ...`: administration from the command line."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup

from cop.auth import services as auth_services
from cop.config import generate_secret_key
from cop.extensions import db
from cop.i18n import SUPPORTED_LOCALES
from cop.members.accounts import find_member_by_email
from cop.members.models import Role
from cop.members.passwords import MIN_LENGTH, is_common

cop_cli = AppGroup("cop", help="Community of Practice administration.")


def _check_password(password: str) -> None:
    if len(password) < MIN_LENGTH or is_common(password):
        raise click.BadParameter(
            f"use at least {MIN_LENGTH} characters, not a common password", param_hint="password"
        )


@cop_cli.command("create-admin")
@click.option("--email", prompt=True)
@click.option("--name", "display_name", prompt="Display name")
@click.option("--country", default="ES", show_default=True, help="ISO 3166 country code")
@click.option(
    "--locale", type=click.Choice(list(SUPPORTED_LOCALES)), default="en", show_default=True
)
@click.password_option()
def create_admin(email: str, display_name: str, country: str, locale: str, password: str) -> None:
    """Create an administrator account."""
    _check_password(password)
    try:
        member = auth_services.register_member(
            display_name=display_name,
            email=email,
            password=password,
            country=country.upper(),
            locale=locale,
            role=Role.ADMIN,
            email_confirmed=True,
        )
    except auth_services.EmailTakenError:
        raise click.ClickException(
            f"{email} is taken; use `flask cop set-role {email} admin` to promote that member"
        ) from None
    db.session.commit()
    click.echo(f"Created admin {member.display_name} <{member.email}>.")


@cop_cli.command("set-role")
@click.argument("email")
@click.argument("role", type=click.Choice([r.value for r in Role]))
def set_role(email: str, role: str) -> None:
    """Make a member a member, moderator or admin."""
    member = find_member_by_email(email)
    if member is None:
        raise click.ClickException(f"no member with the email address {email}")
    auth_services.set_role(member, Role(role))
    db.session.commit()
    click.echo(f"{member.display_name} <{member.email}> is now {role}.")


@cop_cli.command("seed-demo")
def seed_demo() -> None:
    """Load the demo community (safe to run again: it adds only what is missing)."""
    from cop import demo
    from cop.demo.members import ADMIN_EMAIL, DEMO_PASSWORD

    created = demo.seed()
    db.session.commit()
    click.echo(f"Demo community ready ({created} new records).")
    click.echo(f"Demo sign-in: {ADMIN_EMAIL} / {DEMO_PASSWORD}")


# Other features' stored Markdown: (module, model, source column, HTML column).
RENDERED_FIELDS = (
    ("cop.members.models", "Member", "bio", "bio_html"),
    ("cop.resources.models", "Resource", "description_source", "description_html"),
)


def _rerender_fields() -> int:
    import importlib

    from sqlalchemy import select

    from cop.sanitize import render_markdown

    count = 0
    for module_name, model_name, source, html in RENDERED_FIELDS:
        model = getattr(importlib.import_module(module_name), model_name, None)
        if model is None or not hasattr(model, source) or not hasattr(model, html):
            continue
        for row in db.session.scalars(select(model).where(getattr(model, source) != "")):
            setattr(row, html, render_markdown(getattr(row, source) or ""))
            count += 1
        db.session.flush()
    return count


@cop_cli.command("rerender")
def rerender() -> None:
    """Render every stored Markdown text again with the current cleaning policy."""
    from cop.sanitize import POLICY_VERSION
    from cop.threads.rendering import rerender_all

    posts = rerender_all()
    others = _rerender_fields()
    db.session.commit()
    click.echo(
        f"Re-rendered {posts} posts and {others} other texts with cleaning policy {POLICY_VERSION}."
    )


@cop_cli.command("make-secret")
def make_secret() -> None:
    """Print a new random secret key."""
    click.echo(generate_secret_key())


def init_app(app: Flask) -> None:
    from cop.jobs import cli as _jobs_cli  # noqa: F401 -- adds run-jobs to cop_cli

    app.cli.add_command(cop_cli)
