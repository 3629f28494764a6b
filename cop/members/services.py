"""Member services: they add and flush, the caller commits."""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from sqlalchemy import Select, bindparam, delete, func, select
from sqlalchemy.orm import selectinload

from cop import signals
from cop.database import upsert
from cop.extensions import db
from cop.members import avatars
from cop.members.accounts import end_all_sessions, find_member_by_email, normalize_email
from cop.members.contributions import run_closing_steps
from cop.members.models import (
    Member,
    MemberAvatar,
    MemberExpertise,
    MemberLanguage,
    OrganisationKind,
    Profession,
    Visibility,
    fold_for_search,
)
from cop.models import utcnow
from cop.sanitize import render_markdown
from cop.versions import claim_version

logger = logging.getLogger(__name__)

MAX_LINKS = 3
MAX_EXPERTISE = 12
PAGE_SIZE = 24


class EmailTakenError(Exception):
    """Another member uses this email address."""


@dataclass
class ProfileChanges:
    display_name: str
    organisation: str | None = None
    organisation_kind: OrganisationKind | None = None
    profession: Profession | None = None
    country: str = ""
    city: str | None = None
    languages: list[str] = field(default_factory=list)
    expertise: list[str] = field(default_factory=list)
    bio: str = ""
    bio_language: str | None = None
    links: list[str] = field(default_factory=list)
    visibility: Visibility = Visibility.MEMBERS


def update_profile(member: Member, changes: ProfileChanges, *, version: int | None = None) -> None:
    """Save the profile form; StaleEdit if the profile was saved since `version` was shown."""
    claim_version(member, member.version if version is None else version)
    member.display_name = changes.display_name.strip()
    member.organisation = (changes.organisation or "").strip() or None
    member.organisation_kind = changes.organisation_kind
    member.profession = changes.profession
    if changes.country:
        member.country = changes.country
    member.city = (changes.city or "").strip() or None
    set_bio(member, changes.bio, changes.bio_language)
    member.links = [link.strip() for link in changes.links if is_web_link(link)][:MAX_LINKS]
    member.visibility = changes.visibility
    _replace_languages(member, changes.languages)
    _replace_expertise(member, changes.expertise)
    db.session.flush()
    signals.member_updated.send(member)
    logger.info("member %s updated their profile", member.id)


def is_web_link(link: str | None) -> bool:
    """Only http(s) addresses become profile links: never javascript: or data:."""
    if not link:
        return False
    parts = urlsplit(link.strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def set_bio(member: Member, source: str, language: str | None = None) -> None:
    member.bio = source.strip()
    member.bio_html = render_markdown(member.bio) if member.bio else ""
    member.bio_language = language if member.bio else None


def _replace_languages(member: Member, codes: list[str]) -> None:
    wanted = list(dict.fromkeys(codes))
    member.languages = [
        next((x for x in member.languages if x.code == c), None) or MemberLanguage(code=c)
        for c in wanted
    ]


def _replace_expertise(member: Member, tags: list[str]) -> None:
    wanted = list(dict.fromkeys(t for t in tags if t))[:MAX_EXPERTISE]
    member.expertise = [
        next((x for x in member.expertise if x.tag == t), None) or MemberExpertise(tag=t)
        for t in wanted
    ]


def set_avatar(member: Member, upload: bytes) -> None:
    """Re-encode `upload` and make it the member's avatar; raises avatars.AvatarError."""
    data = avatars.reencode_avatar(upload)
    # An upsert: the same upload sent twice at once keeps one row.
    values = {"data": data, "mimetype": avatars.MIMETYPE}
    upsert(MemberAvatar, ["member_id"], {"member_id": member.id, **values}, values)
    member.avatar_hash = avatars.image_hash(data)
    db.session.flush()
    logger.info("member %s set an avatar", member.id)


def remove_avatar(member: Member) -> None:
    db.session.execute(delete(MemberAvatar).where(MemberAvatar.member_id == member.id))
    member.avatar_hash = None
    db.session.flush()


def set_preferences(
    member: Member,
    *,
    locale: str,
    format_locale: str | None,
    timezone: str | None,
    show_events_attended: bool | None = None,
) -> None:
    member.locale = locale
    member.format_locale = format_locale or None
    member.timezone = timezone or None
    if show_events_attended is not None:
        member.show_events_attended = show_events_attended
    db.session.flush()


def change_email(member: Member, new_email: str) -> None:
    """Use `new_email` from now on (called once its owner confirmed it)."""
    new_email = normalize_email(new_email)
    other = find_member_by_email(new_email)
    if other is not None and other.id != member.id:
        raise EmailTakenError(new_email)
    member.email = new_email
    member.email_confirmed_at = utcnow()  # its owner opened the link sent to it
    end_all_sessions(member)
    db.session.flush()
    logger.info("member %s changed their email address", member.id)


def close_account(member: Member, *, delete_posts: bool) -> None:
    """Remove the member; their posts stay under "former member" unless deleted too.

    Every foreign key to members is ON DELETE SET NULL or CASCADE, so threads, replies
    and resources by others stay whole; the features' closing steps run first
    (cop.members.contributions).
    """
    end_all_sessions(member)
    signals.member_closing.send(member)
    run_closing_steps(member, delete_posts=delete_posts)
    member_id = member.id
    db.session.delete(member)
    db.session.flush()
    db.session.expire_all()
    logger.info("member %s closed their account (posts deleted: %s)", member_id, delete_posts)


@dataclass
class DirectoryQuery:
    q: str = ""
    country: str = ""
    organisation_kind: str = ""
    profession: str = ""
    language: str = ""
    expertise: str = ""
    page: int = 1


@dataclass
class DirectoryPage:
    members: list[Member]
    total: int
    page: int
    pages: int


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search_directory(query: DirectoryQuery, *, signed_in: bool) -> DirectoryPage:
    """One page of the directory: two queries for members, one for each eager collection."""
    conditions = [Member.closed_at.is_(None)]
    if not signed_in:
        conditions.append(Member.visibility == Visibility.PUBLIC)
    words = fold_for_search(query.q).split()
    for word in words[:6]:
        conditions.append(Member.search_text.like(_like(word), escape="\\"))
    if query.country:
        conditions.append(Member.country == query.country)
    if query.organisation_kind in OrganisationKind.__members__.values():
        conditions.append(Member.organisation_kind == OrganisationKind(query.organisation_kind))
    if query.profession in Profession.__members__.values():
        conditions.append(Member.profession == Profession(query.profession))
    if query.language:
        conditions.append(
            Member.id.in_(
                select(MemberLanguage.member_id).where(MemberLanguage.code == query.language)
            )
        )
    if query.expertise:
        conditions.append(
            Member.id.in_(
                select(MemberExpertise.member_id).where(MemberExpertise.tag == query.expertise)
            )
        )
    total = db.session.scalar(select(func.count(Member.id)).where(*conditions)) or 0
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(1, query.page), pages)
    members = list(
        db.session.scalars(
            select(Member)
            .where(*conditions)
            .options(selectinload(Member.languages), selectinload(Member.expertise))
            .order_by(func.lower(Member.display_name), Member.id)
            .limit(PAGE_SIZE)
            .offset((page - 1) * PAGE_SIZE)
        )
    )
    return DirectoryPage(members=members, total=total, page=page, pages=pages)


def popular_expertise(*, signed_in: bool, limit: int = 30) -> list[str]:
    """The most used expertise tags (of profiles the reader may see), for the filter."""
    query = select(MemberExpertise.tag, func.count()).group_by(MemberExpertise.tag)
    if not signed_in:
        query = query.join(Member, Member.id == MemberExpertise.member_id).where(
            Member.visibility == Visibility.PUBLIC
        )
    rows = db.session.execute(query.order_by(func.count().desc(), MemberExpertise.tag).limit(limit))
    return [tag for tag, _count in rows]


@functools.cache
def _profile_statement() -> Select:
    # Built once a process, on first use (the loader options need every model mapped):
    # a profile asks on every view, and building costs more than running it.
    return (
        select(Member)
        .where(Member.handle == bindparam("handle"), Member.closed_at.is_(None))
        .options(selectinload(Member.languages), selectinload(Member.expertise))
    )


def load_profile(handle: str) -> Member | None:
    return db.session.scalar(_profile_statement(), {"handle": handle})
