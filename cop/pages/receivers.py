"""Signal receivers of the community's pages. `connect()` runs from the package's
`init_app`.

Registration lives in cop.auth, below this package: it cannot call us, so it sends
member_registered and the versions of the code of conduct and privacy notice the new
member ticked are recorded here, in the same transaction.
"""

from __future__ import annotations

from cop import signals
from cop.pages.services import accept_policies


def _record_acceptances(member, *, accepted_policies: bool = False, **_) -> None:
    if accepted_policies:
        accept_policies(member)


def connect() -> None:
    signals.member_registered.connect(_record_acceptances)
