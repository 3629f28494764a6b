"""The places a draft can be kept for, registered by the features that own them.

`drafts` sits below threads and conversations: it cannot import them. Each of them
registers its kinds of place from its `init_app` (cop/threads/drafting.py,
cop/conversations/drafting.py):

- `allows(member, target_id)`: whether the member may write there now (the autosave
  and the "Save draft" button ask it);
- `resolve(member, target_ids)`: for the drafts page, what each place is called and
  where its form is, in one or two queries for all of them; a place left out of the
  answer (a thread since hidden, a conversation left) shows as unavailable;
- the limits of the form's fields (the same as the post or message itself);
- `posted(member, client_token)`: whether the member already sent the form that
  carries this token (each writing form has its own, cop.threads.forms.new_client_token):
  a draft saved from it after that would bring back words already posted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from markupsafe import Markup

from cop.bounds import parse_int
from cop.i18n import isolate

if TYPE_CHECKING:
    from cop.members.models import Member


@dataclass(frozen=True)
class Resolved:
    """A place as the drafts page shows it: a sentence (translated, its user values
    isolated) and the address of its form."""

    label: Markup
    url: str


@dataclass(frozen=True)
class PlaceKind:
    kind: str
    allows: Callable[[Member, int], bool]
    resolve: Callable[[Member, list[int]], dict[int, Resolved]]
    body_max: int
    title_max: int = 0  # 0: the place's form has no title
    recipients: bool = False  # the form has a "To" field (a new conversation)
    posted: Callable[[Member, str], bool] | None = None


_kinds: dict[str, PlaceKind] = {}


def register_place(place_kind: PlaceKind) -> None:
    """Registering again (one app per test) replaces the earlier entry."""
    _kinds[place_kind.kind] = place_kind


def kind_of(kind: str) -> PlaceKind | None:
    return _kinds.get(kind)


def place_key(kind: str, target_id: int) -> str:
    return f"{kind}:{target_id}"


def parse_place(value: object) -> tuple[PlaceKind, int] | None:
    """("reply", 12) from "reply:12", if the kind is registered and the id a number."""
    if not isinstance(value, str) or len(value) > 40:
        return None
    kind, _colon, number = value.partition(":")
    place_kind = _kinds.get(kind)
    target_id = parse_int(number, low=0)
    if place_kind is None or target_id is None:
        return None
    return place_kind, target_id


def resolve_all(member: Member, places: list[str]) -> dict[str, Resolved]:
    """What each of these places is for the member (unavailable ones left out)."""
    by_kind: dict[str, list[int]] = {}
    for place in places:
        parsed = parse_place(place)
        if parsed is not None:
            by_kind.setdefault(parsed[0].kind, []).append(parsed[1])
    found: dict[str, Resolved] = {}
    for kind, ids in by_kind.items():
        for target_id, resolved in _kinds[kind].resolve(member, sorted(set(ids))).items():
            found[place_key(kind, target_id)] = resolved
    return found


def phrase(sentence: str, title: str) -> Markup:
    """A translated sentence with one user value, `%(title)s`, isolated in a <bdi>."""
    return Markup.escape(sentence) % {"title": isolate(title)}
