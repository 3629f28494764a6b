"""Saving the community's pages and recording who accepted them: add and flush, never commit."""

from __future__ import annotations

import logging

from sqlalchemy.exc import IntegrityError

from cop import signals
from cop.database import insert_ignore
from cop.extensions import db
from cop.members.models import Member
from cop.models import utcnow
from cop.pages.defaults import POLICIES
from cop.pages.models import PageRevision, PolicyAcceptance
from cop.pages.queries import current_version
from cop.sanitize import render_markdown
from cop.versions import StaleEdit

logger = logging.getLogger(__name__)


def save_page(
    slug: str,
    language: str,
    *,
    title: str,
    body: str,
    material: bool,
    author: Member,
    version_seen: int | None,
) -> PageRevision:
    """Add the page's next version, in one language; StaleEdit if someone saved the page
    since the form showed `version_seen` (the unique (slug, version) settles a race)."""
    version = current_version(slug)
    if version_seen != version:
        raise StaleEdit
    revision = PageRevision(
        slug=slug,
        version=version + 1,
        language=language,
        title=title.strip(),
        body_source=body,
        body_html=render_markdown(body),
        is_material=material,
        author_id=author.id,
    )
    try:
        with db.session.begin_nested():
            db.session.add(revision)
    except IntegrityError:
        raise StaleEdit from None
    signals.page_published.send(revision, author=author, material=material)
    logger.info(
        "page %s version %s (%s) saved by member %s", slug, version + 1, language, author.id
    )
    return revision


def accept_policy(member: Member, slug: str, version: int) -> bool:
    """Record that the member accepted this version; False if they had already."""
    made = insert_ignore(
        PolicyAcceptance,
        ["member_id", "slug", "version"],
        member_id=member.id,
        slug=slug,
        version=version,
        accepted_at=utcnow(),
    )
    if made is not None:
        signals.policy_accepted.send(member, slug=slug, version=version)
        logger.info("member %s accepted %s version %s", member.id, slug, version)
    return made is not None


def accept_policies(member: Member) -> None:
    """At registration: the current code of conduct and privacy notice."""
    for slug in POLICIES:
        accept_policy(member, slug, current_version(slug))
