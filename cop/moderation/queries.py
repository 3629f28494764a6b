"""Read side of moderation: the queue, the approval queue, the audit log, each page in a
fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import joinedload

from cop.events.models import Event
from cop.extensions import db
from cop.members.models import Member
from cop.moderation.models import (
    MemberWarning,
    ModerationEvent,
    ModeratorLanguage,
    Report,
    ReportState,
)
from cop.resources.models import Resource
from cop.threads.models import Post, Thread
from cop.threads.queries import Page
from cop.translations.models import ContentTranslation
from cop.translations.visibility import load_originals

REPORTS_PER_PAGE = 20
PENDING_PER_PAGE = 20
EVENTS_PER_PAGE = 50


@dataclass(frozen=True)
class QueueFilter:
    kind: str | None = None
    language: str | None = None
    category_id: int | None = None
    state: str = ReportState.OPEN
    languages: tuple[str, ...] = ()  # "my languages"


@dataclass
class AuthorHistory:
    posts: int = 0
    reports: int = 0
    warnings: int = 0


@dataclass
class QueueItem:
    report: Report
    target: Any  # Post | Thread | Resource | Member | None (gone)
    history: AuthorHistory = field(default_factory=AuthorHistory)


def moderator_languages(member: Member) -> list[str]:
    return list(
        db.session.scalars(
            select(ModeratorLanguage.code)
            .where(ModeratorLanguage.member_id == member.id)
            .order_by(ModeratorLanguage.code)
        )
    )


def _filtered(filters: QueueFilter) -> Select:
    query = select(Report)
    if filters.state in tuple(ReportState):
        query = query.where(Report.state == filters.state)
    if filters.kind:
        query = query.where(Report.target_type == filters.kind)
    if filters.language:
        query = query.where(Report.language == filters.language)
    if filters.languages:
        query = query.where(Report.language.in_(filters.languages))
    if filters.category_id:
        query = query.where(Report.category_id == filters.category_id)
    return query


def report_queue(filters: QueueFilter, page: int) -> Page[QueueItem]:
    query = _filtered(filters)
    total = db.session.scalar(query.with_only_columns(func.count(Report.id)).order_by(None))
    reports = list(
        db.session.scalars(
            query.options(
                joinedload(Report.reporter),
                joinedload(Report.author),
                joinedload(Report.resolved_by),
            )
            .order_by(Report.created_at.desc(), Report.id.desc())
            .offset((page - 1) * REPORTS_PER_PAGE)
            .limit(REPORTS_PER_PAGE)
        )
    )
    targets = load_targets([(r.target_type, r.target_id) for r in reports])
    histories = author_histories({r.author_id for r in reports if r.author_id})
    items = [
        QueueItem(
            r,
            targets.get((r.target_type, r.target_id)),
            histories.get(r.author_id, AuthorHistory()),
        )
        for r in reports
    ]
    return Page(items, page, REPORTS_PER_PAGE, total or 0)


def load_targets(keys: list[tuple[str, int]]) -> dict[tuple[str, int], Any]:
    """The reported objects, one query per kind present."""
    found: dict[tuple[str, int], Any] = {}
    wanted: dict[str, set[int]] = {}
    for kind, target_id in keys:
        wanted.setdefault(kind, set()).add(target_id)
    loaders = {
        "post": select(Post).options(joinedload(Post.thread), joinedload(Post.author)),
        "thread": select(Thread),
        "resource": select(Resource).options(joinedload(Resource.sharer)),
        "event": select(Event),
        "member": select(Member),
        "translation": select(ContentTranslation).options(
            joinedload(ContentTranslation.translator)
        ),
    }
    models = {
        "post": Post,
        "thread": Thread,
        "resource": Resource,
        "event": Event,
        "member": Member,
        "translation": ContentTranslation,
    }
    for kind, ids in wanted.items():
        if kind not in loaders:
            continue
        model = models[kind]
        for obj in db.session.scalars(loaders[kind].where(model.id.in_(ids))).unique():
            found[(kind, obj.id)] = obj
    if "thread" in wanted:
        openings = db.session.scalars(
            select(Post).where(Post.thread_id.in_(wanted["thread"]), Post.position == 1)
        )
        for post in openings:
            thread = found.get(("thread", post.thread_id))
            if thread is not None:
                thread.opening_html = post.body_html  # shown in the queue
    load_targets_context([t for (k, _id), t in found.items() if k == "translation"])
    return found


def load_targets_context(translations: list[ContentTranslation]) -> None:
    """Each translation's original, shown beside it (`moderated_original`, None when it
    is gone): one query per kind of original."""
    originals = load_originals((t.kind, t.object_id) for t in translations)
    for translation in translations:
        translation.moderated_original = originals.get((translation.kind, translation.object_id))


def author_histories(author_ids: set[int]) -> dict[int, AuthorHistory]:
    if not author_ids:
        return {}
    histories = {a: AuthorHistory() for a in author_ids}
    for author_id, count in db.session.execute(
        select(Post.author_id, func.count(Post.id))
        .where(Post.author_id.in_(author_ids))
        .group_by(Post.author_id)
    ):
        histories[author_id].posts = count
    for author_id, count in db.session.execute(
        select(Report.author_id, func.count(Report.id))
        .where(Report.author_id.in_(author_ids))
        .group_by(Report.author_id)
    ):
        histories[author_id].reports = count
    for member_id, count in db.session.execute(
        select(MemberWarning.member_id, func.count(MemberWarning.id))
        .where(MemberWarning.member_id.in_(author_ids))
        .group_by(MemberWarning.member_id)
    ):
        histories[member_id].warnings = count
    return histories


def pending_posts(page: int) -> Page[Post]:
    query = select(Post).where(Post.is_pending.is_(True))
    total = db.session.scalar(query.with_only_columns(func.count(Post.id)))
    posts = list(
        db.session.scalars(
            query.options(joinedload(Post.author), joinedload(Post.thread))
            .order_by(Post.created_at, Post.id)
            .offset((page - 1) * PENDING_PER_PAGE)
            .limit(PENDING_PER_PAGE)
        )
    )
    return Page(posts, page, PENDING_PER_PAGE, total or 0)


@dataclass(frozen=True)
class LogFilter:
    action: str | None = None
    target_type: str | None = None
    actor: str | None = None


def audit_log(filters: LogFilter, page: int) -> Page[ModerationEvent]:
    query = select(ModerationEvent)
    if filters.action:
        query = query.where(ModerationEvent.action == filters.action)
    if filters.target_type:
        query = query.where(ModerationEvent.target_type == filters.target_type)
    if filters.actor:
        query = query.where(ModerationEvent.actor_name.ilike(f"%{filters.actor}%"))
    total = db.session.scalar(query.with_only_columns(func.count(ModerationEvent.id)))
    events = list(
        db.session.scalars(
            query.order_by(ModerationEvent.created_at.desc(), ModerationEvent.id.desc())
            .offset((page - 1) * EVENTS_PER_PAGE)
            .limit(EVENTS_PER_PAGE)
        )
    )
    return Page(events, page, EVENTS_PER_PAGE, total or 0)


def log_actions() -> list[str]:
    return list(
        db.session.scalars(
            select(ModerationEvent.action).distinct().order_by(ModerationEvent.action)
        )
    )


def unacknowledged_warnings(member: Member) -> list[MemberWarning]:
    return list(
        db.session.scalars(
            select(MemberWarning)
            .where(MemberWarning.member_id == member.id, MemberWarning.acknowledged_at.is_(None))
            .order_by(MemberWarning.created_at)
        )
    )
