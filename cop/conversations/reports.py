"""Reports of a message to the moderators (services: the caller commits).

An open report is what lets a moderator read a conversation: that one, and only while
a report of it is open or for the report's own page (cop.conversations.report_views).
"""

from __future__ import annotations

import logging

from sqlalchemy import select, update
from sqlalchemy.orm.attributes import set_committed_value

from cop import signals
from cop.conversations.models import ConversationReport, Message
from cop.database import insert_ignore
from cop.extensions import db
from cop.members.models import Member
from cop.models import utcnow

logger = logging.getLogger(__name__)


def report_message(message: Message, *, reporter: Member, reason: str) -> ConversationReport:
    """The member's report of `message`; a second report of it is the first one."""
    report_id = insert_ignore(
        ConversationReport,
        ["message_id", "reporter_id"],
        conversation_id=message.conversation_id,
        message_id=message.id,
        reporter_id=reporter.id,
        reason=reason.strip(),
        created_at=utcnow(),
    )
    if report_id is None:
        return db.session.scalar(
            select(ConversationReport).where(
                ConversationReport.message_id == message.id,
                ConversationReport.reporter_id == reporter.id,
            )
        )
    report = db.session.get(ConversationReport, report_id)
    signals.message_reported.send(report, reporter=reporter)
    logger.info("member %s reported message %s", reporter.id, message.id)
    return report


def record_moderator_view(report: ConversationReport, moderator: Member) -> None:
    """A moderator opened the reported conversation: the audit log hears of it."""
    signals.conversation_viewed_by_moderator.send(
        report.conversation, moderator=moderator, report=report
    )
    logger.info(
        "moderator %s read conversation %s (report %s)",
        moderator.id,
        report.conversation_id,
        report.id,
    )


def resolve_report(report: ConversationReport, *, moderator: Member) -> bool:
    """Close the report; False if it was closed already."""
    now = utcnow()
    result = db.session.execute(  # one conditional UPDATE: two presses close it once
        update(ConversationReport)
        .where(ConversationReport.id == report.id, ConversationReport.resolved_at.is_(None))
        .values(resolved_at=now, resolved_by_id=moderator.id)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        return False
    set_committed_value(report, "resolved_at", now)
    set_committed_value(report, "resolved_by_id", moderator.id)
    signals.conversation_report_resolved.send(report, moderator=moderator)
    return True
