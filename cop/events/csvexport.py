"""The registrations of an event as CSV, for the organisers' spreadsheets.

UTF-8 with a byte order mark, so spreadsheet tools read Arabic and Greek names right.
A cell that starts with = + - @ (or a tab or carriage return) would run as a formula
when opened: it gets a leading apostrophe, which spreadsheets show as text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from flask_babel import gettext as _

from cop.events.models import Event, EventRegistration

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def status_label(registration: EventRegistration) -> str:
    return {
        "going": _("Going"),
        "waiting": _("Waiting list"),
        "cancelled": _("Not going"),
    }[registration.status.value]


def attended_label(value: bool | None) -> str:
    return "" if value is None else _("Yes") if value else _("No")


def registrations_csv(event: Event, rows: Iterable[EventRegistration]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    header = [_("Name"), _("Email"), _("Country"), _("Organisation"), _("Status")]
    header += [_("Registered at (UTC)"), _("Attended")]
    header += [question for question in (event.question_1, event.question_2) if question]
    writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        member = row.member
        cells = [
            member.display_name if member else _("Closed account"),
            member.email if member else "",
            member.country if member else "",
            (member.organisation or "") if member else "",
            status_label(row),
            row.registered_at.strftime("%Y-%m-%d %H:%M"),
            attended_label(row.attended),
        ]
        if event.question_1:
            cells.append(row.answer_1 or "")
        if event.question_2:
            cells.append(row.answer_2 or "")
        writer.writerow([safe_cell(cell) for cell in cells])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
