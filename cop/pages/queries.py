"""Read-only selects: which text of a page a reader sees, and which policy they owe."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from cop.contentversion import version_of
from cop.extensions import cache, db
from cop.pages.defaults import FALLBACK_LANGUAGE, POLICIES, SHIPPED_VERSION, shipped
from cop.pages.models import PageRevision, PolicyAcceptance

MATERIAL_CACHE_KEY = "pages:material-versions"
MATERIAL_CACHE_SECONDS = 24 * 60 * 60  # keyed by the pages' content version: never stale


@dataclass(frozen=True)
class PageText:
    slug: str
    title: str
    body_source: str
    body_html: str
    language: str  # the language of this text
    version: int  # the page's current version (every language)
    text_version: int  # the version this text was saved as
    fell_back: bool  # not in the language asked for
    updated_at: datetime | None  # None: the shipped text


def current_version(slug: str) -> int:
    latest = db.session.scalar(
        select(func.max(PageRevision.version)).where(PageRevision.slug == slug)
    )
    return latest or SHIPPED_VERSION


def _latest_by_language(slug: str) -> dict[str, tuple[int, bool]]:
    """{language: (its newest version, material?)} of the page's saved revisions."""
    newest = (
        select(PageRevision.language, func.max(PageRevision.version).label("v"))
        .where(PageRevision.slug == slug)
        .group_by(PageRevision.language)
        .subquery()
    )
    rows = db.session.execute(
        select(newest.c.language, newest.c.v, PageRevision.is_material).join(
            PageRevision, (PageRevision.slug == slug) & (PageRevision.version == newest.c.v)
        )
    )
    return {language: (version, material) for language, version, material in rows}


def _material_version(slug: str) -> int:
    latest = db.session.scalar(
        select(func.max(PageRevision.version)).where(
            PageRevision.slug == slug, PageRevision.is_material.is_(True)
        )
    )
    return latest or SHIPPED_VERSION


def page_text(slug: str, language: str) -> PageText | None:
    """The text a reader of `language` sees: theirs while it is up to date with the
    page's latest material change, else English, else the newest one saved."""
    saved = _latest_by_language(slug)
    version = max((v for v, _m in saved.values()), default=SHIPPED_VERSION)
    material = _material_version(slug)

    def up_to_date(lang: str) -> bool:
        return saved.get(lang, (SHIPPED_VERSION, False))[0] >= material

    chosen = next((lang for lang in (language, FALLBACK_LANGUAGE) if up_to_date(lang)), None)
    if chosen is None and saved:
        chosen = max(saved, key=lambda lang: saved[lang][0])
    chosen = chosen or FALLBACK_LANGUAGE
    if chosen in saved:
        revision = db.session.scalar(
            select(PageRevision).where(
                PageRevision.slug == slug, PageRevision.version == saved[chosen][0]
            )
        )
        return PageText(
            slug, revision.title, revision.body_source, revision.body_html, chosen,
            version, revision.version, chosen != language, revision.created_at,
        )  # fmt: skip
    text = shipped(slug, chosen)
    if text is None:
        chosen, text = FALLBACK_LANGUAGE, shipped(slug, FALLBACK_LANGUAGE)
    if text is None:
        return None
    return PageText(
        slug, text.title, text.body_source, text.body_html, chosen,
        version, SHIPPED_VERSION, chosen != language, None,
    )  # fmt: skip


def page_history(slug: str) -> list[PageRevision]:
    return list(
        db.session.scalars(
            select(PageRevision)
            .where(PageRevision.slug == slug)
            .order_by(PageRevision.version.desc())
            .limit(200)
        )
    )


def changed_policies() -> dict[str, int]:
    """{slug: latest material version} of the policies changed since they were shipped.

    Asked on every signed-in page view. The "pages" content version (cop.contentversion,
    read with the other families in the one query a page makes anyway) moves with every
    saved revision: while it is 0 no page was ever saved and nothing is asked; else the
    answer is kept in the shared cache under that version, so a save is seen at once."""
    (version,) = version_of("pages")
    if not version:
        return {}
    key = f"{MATERIAL_CACHE_KEY}:{version}"
    found = cache.get(key)
    if found is None:
        rows = db.session.execute(
            select(PageRevision.slug, func.max(PageRevision.version))
            .where(PageRevision.is_material.is_(True), PageRevision.slug.in_(POLICIES))
            .group_by(PageRevision.slug)
        )
        found = {slug: version for slug, version in rows if version > SHIPPED_VERSION}
        cache.set(key, found, timeout=MATERIAL_CACHE_SECONDS)
    return found


def policy_owed(member_id: int) -> tuple[str, int] | None:
    """The first materially changed policy this member has not accepted yet (slug,
    version), else None. No query of its own while no policy has changed."""
    changed = changed_policies()
    if not changed:
        return None
    accepted = dict(
        db.session.execute(
            select(PolicyAcceptance.slug, func.max(PolicyAcceptance.version))
            .where(PolicyAcceptance.member_id == member_id, PolicyAcceptance.slug.in_(changed))
            .group_by(PolicyAcceptance.slug)
        ).all()
    )
    for slug in POLICIES:
        if slug in changed and accepted.get(slug, 0) < changed[slug]:
            return slug, changed[slug]
    return None


def acceptances_of(member_id: int) -> list[PolicyAcceptance]:
    return list(
        db.session.scalars(
            select(PolicyAcceptance)
            .where(PolicyAcceptance.member_id == member_id)
            .order_by(PolicyAcceptance.accepted_at)
        )
    )
