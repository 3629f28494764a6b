"""A member's bookmarks and drafts: in their data export, gone when the account closes."""

from __future__ import annotations

from sqlalchemy import func, select

from cop.bookmarks import services as bookmarks
from cop.bookmarks.models import Bookmark
from cop.drafts import places
from cop.drafts import services as drafts
from cop.drafts.models import Draft
from cop.members.contributions import export_parts, run_closing_steps


def _keep_some(db, member, thread):
    bookmarks.add_bookmark(member, "thread", thread.id)
    bookmark = bookmarks.bookmark_of(member, "thread", thread.id)
    bookmarks.update_bookmark(bookmark, note="For the spring meeting", remind_on=None)
    text = drafts.DraftText(body="Half a reply")
    drafts.save_draft(member, places.kind_of("reply"), thread.id, text)
    db.session.commit()


def test_the_export_holds_the_members_bookmarks_and_drafts_only(db, make_member, make_thread):
    member, other, thread = make_member(), make_member(), make_thread()
    _keep_some(db, member, thread)
    _keep_some(db, other, thread)
    parts = {part.name: part.data for part in export_parts(member)}
    assert parts["bookmarks"] == [
        {"kind": "thread", "target_id": thread.id, "note": "For the spring meeting",
         "remind_on": None, "reminded": False, "created_at": parts["bookmarks"][0]["created_at"]}
    ]  # fmt: skip
    assert [d["body"] for d in parts["drafts"]] == ["Half a reply"]
    assert [d["place"] for d in parts["drafts"]] == [f"reply:{thread.id}"]


def test_closing_an_account_deletes_its_bookmarks_and_drafts(db, make_member, make_thread):
    member, other, thread = make_member(), make_member(), make_thread()
    _keep_some(db, member, thread)
    _keep_some(db, other, thread)
    run_closing_steps(member, delete_posts=False)
    db.session.commit()
    assert db.session.scalar(select(func.count(Bookmark.id))) == 1
    assert db.session.scalar(select(func.count(Draft.id))) == 1
    assert db.session.scalar(select(Draft.member_id)) == other.id
