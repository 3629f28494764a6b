"""Moderation fixtures: the discussion factories, a resource without files, a scene."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from cop.members.models import Role
from cop.threads.models import Post
from tests.resources.conftest import resource_fields
from tests.threads import conftest as discussions

# The discussion factories, shared with tests/threads.
make_category = discussions.make_category
make_thread = discussions.make_thread

ACTORS = ("anonymous", "member", "author", "moderator", "admin")


@pytest.fixture
def make_resource(db, make_member):
    from cop.resources import services

    def make(sharer=None, **fields):
        values = {
            "title": "A toolkit on co-production",
            "description": "How to *co-produce* policy.",
            **fields,
        }
        resource = services.create_resource(
            sharer=sharer or make_member(), fields=resource_fields(**values)
        )
        db.session.commit()
        return resource

    return make


@pytest.fixture
def moderator(make_member):
    return make_member(role=Role.MODERATOR, display_name="Mona Moderator")


@pytest.fixture
def scene(db, make_member, make_thread, make_resource):
    """A thread by `author` with two replies, and a resource shared by `author`."""
    author = make_member(display_name="Thread Author")
    thread = make_thread(author=author, replies=2, body="Opening words")
    replies = db.session.scalars(
        select(Post).where(Post.thread_id == thread.id, Post.position > 1).order_by(Post.position)
    ).all()
    resource = make_resource(sharer=author)
    return {
        "author": author,
        "thread": thread,
        "post": replies[0],
        "replies": replies,
        "resource": resource,
    }


@pytest.fixture
def act_as(make_member, login):
    def act(actor, scene):
        if actor == "anonymous":
            return None
        if actor == "author":
            member = scene["author"]
        else:
            role = {"member": Role.MEMBER, "moderator": Role.MODERATOR, "admin": Role.ADMIN}[actor]
            member = make_member(role=role)
        login(member)
        return member

    return act


@pytest.fixture
def login_as(client, login):
    """Sign out whoever is signed in, then sign `member` in."""

    def switch(member):
        client.post("/auth/sign-out")
        return login(member)

    return switch
