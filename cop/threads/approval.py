"""Which new content waits for a moderator's approval before others see it."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from cop.extensions import db
from cop.members.models import Member
from cop.sitesettings import setting
from cop.threads.models import Post

LINK = re.compile(r"https?://|www\.", re.IGNORECASE)


def count_links(body: str) -> int:
    return len(LINK.findall(body or ""))


def needs_approval(author: Member, body: str) -> bool:
    """Every post waits until `approval_count` of the author's posts were approved (or
    published at once); after that, a new member's posts with many links still wait.
    The admin's settings page states this rule (cop.moderation.forms.SettingsForm)."""
    if author.is_moderator:
        return False
    published = db.session.scalar(
        select(func.count(Post.id)).where(
            Post.author_id == author.id, Post.is_pending.is_(False), Post.is_hidden.is_(False)
        )
    )
    published = published or 0
    if published < int(setting("approval_count")):
        return True
    is_new = published < int(setting("new_member_posts"))
    return is_new and count_links(body) > int(setting("link_limit"))
