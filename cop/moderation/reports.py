"""Members' reports about posts, threads, resources, profiles and translations; closing them.

Services: they add and flush, never commit.
"""

from __future__ import annotations

import logging

from sqlalchemy import select

from cop.database import insert_ignore
from cop.events.models import Event
from cop.extensions import db
from cop.members.models import Member
from cop.models import utcnow
from cop.moderation.audit import Target, record_event, target_of
from cop.moderation.models import Report, ReportState
from cop.resources.models import Resource
from cop.threads.models import Post, Thread
from cop.translations.models import ContentTranslation
from cop.translations.sources import load_original

logger = logging.getLogger(__name__)


class AlreadyReportedError(Exception):
    """This member reported this item already."""


def report_content(target: Target, *, reporter: Member, reason: str, note: str = "") -> Report:
    """A new open report; AlreadyReportedError if this member reported this item before,
    even a moment ago in another request (an insert that ignores the duplicate)."""
    kind, target_id, label = target_of(target)
    author_id, language, category_id = _context_of(target)
    report_id = insert_ignore(
        Report,
        ["reporter_id", "target_type", "target_id"],
        reporter_id=reporter.id,
        target_type=kind,
        target_id=target_id,
        target_label=label,
        author_id=author_id,
        language=language,
        category_id=category_id,
        reason=reason,
        note=(note or "").strip(),
        state=ReportState.OPEN.value,
    )
    if report_id is None:
        raise AlreadyReportedError(kind)
    logger.info("member %s reported %s %s", reporter.id, kind, target_id)
    return db.session.get(Report, report_id)


def _context_of(target: Target) -> tuple[int | None, str | None, int | None]:
    if isinstance(target, Post):
        return target.author_id, target.language, target.thread.category_id
    if isinstance(target, Thread):
        return target.author_id, target.language, target.category_id
    if isinstance(target, Resource):
        return target.sharer_id, target.original_language, None
    if isinstance(target, Event):
        return target.created_by_id, target.language, None
    if isinstance(target, ContentTranslation):
        return target.translator_id, target.language, _category_of_original(target)
    return target.id, target.locale, None


def _category_of_original(translation: ContentTranslation) -> int | None:
    """The discussion table of a translated post or thread (the queue's table filter)."""
    original = load_original(translation.kind, translation.object_id)
    if original is None:
        return None
    if original.kind == "post":
        return original.obj.thread.category_id
    if original.kind == "thread":
        return original.obj.category_id
    if original.kind == "category":
        return original.obj.id
    return None


def is_own(target: Target, member: Member) -> bool:
    """Members do not report what they wrote, shared, or their own profile."""
    return _context_of(target)[0] == member.id


def resolve_report(
    report: Report, *, moderator: Member, state: ReportState, note: str = ""
) -> bool:
    """Close a report (resolved or dismissed) with a note; False if closed already."""
    if report.state != ReportState.OPEN:
        return False
    report.state = state
    report.resolved_by_id = moderator.id
    report.resolution_note = (note or "").strip()
    report.resolved_at = utcnow()
    record_event(
        f"report_{state.value}",
        None,
        actor=moderator,
        reason=note,
        target_type="report",
        data={"report_id": report.id, "on": [report.target_type, report.target_id]},
    ).target_id = report.id
    return True


def resolve_reports_on(target: Target, *, moderator: Member, note: str) -> int:
    """Every open report about this item is resolved (it was acted upon)."""
    kind, target_id, _label = target_of(target)
    reports = db.session.scalars(
        select(Report).where(
            Report.target_type == kind,
            Report.target_id == target_id,
            Report.state == ReportState.OPEN,
        )
    )
    count = 0
    for report in reports:
        count += resolve_report(report, moderator=moderator, state=ReportState.RESOLVED, note=note)
    return count


def writes_under_report(member_id: int) -> bool:
    """An open report names a post or thread this member wrote (cop.pictures.evidence:
    their pictures stay until a moderator has looked)."""
    statement = select(Report.id).where(
        Report.author_id == member_id,
        Report.target_type.in_(("post", "thread")),
        Report.state == ReportState.OPEN,
    )
    return db.session.scalar(statement.limit(1)) is not None


def connect() -> None:
    from cop.pictures import evidence

    evidence.register(writes_under_report)
