"""The demo community: members, discussions, a library and a report, in the partners' six
languages. Only `flask cop seed-demo` (cop.cli) uses it; feature packages hold none of it.

`seed()` is idempotent: each part adds what is missing and leaves what exists alone, so it
runs safely on every start. A new feature's demo content is a module here, called from
`seed()` after the parts it builds on.
"""

from __future__ import annotations

from cop.demo import events, members, moderation, profiles, resources, threads


def seed_search() -> int:
    """Rebuild the search index, so records seeded without services are found too."""
    from cop.search.rebuild import rebuild_index

    rebuild_index()
    return 0


def seed() -> int:
    """Add the missing demo records; returns how many were created."""
    created = members.seed_members() + profiles.seed_profiles()
    created += threads.seed_discussions() + resources.seed_resources()
    created += moderation.seed_moderation()
    created += events.seed_events()
    from cop.demo import reactions  # after the discussions it reacts to

    created += reactions.seed_reactions()
    return created + seed_search()
