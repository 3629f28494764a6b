"""The rerender command: stored Markdown rendered again with the current policy."""

from __future__ import annotations

from sqlalchemy import select

from cop.threads.models import Post


def test_rerender_command_rewrites_stale_html(app, db, make_thread):
    thread = make_thread(body="**x**")
    post = db.session.scalar(select(Post).where(Post.thread_id == thread.id))
    post.body_html = "<script>old</script>"
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["cop", "rerender"])
    assert result.exit_code == 0, result.output
    assert "Re-rendered 1 posts and" in result.output
    db.session.expire_all()
    assert db.session.get(Post, post.id).body_html == "<p><strong>x</strong></p>"


def test_rerender_command_also_renders_member_bios(app, db, make_member):
    member = make_member()
    if not hasattr(member, "bio_html"):
        return
    member.bio = "I *love* cooperatives"
    member.bio_html = "<script>old</script>"
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["cop", "rerender"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert "<em>love</em>" in db.session.get(type(member), member.id).bio_html
