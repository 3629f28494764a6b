"""The participation figures page and its CSV, for organisers and administrators."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

from flask import Response, abort, render_template
from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from cop import cachepolicy
from cop.events import bp, charts, figures
from cop.i18n import country_name, interface_language, language_name, text_direction
from cop.members.choices import ORGANISATION_KIND_LABELS

PERSON = figures.PERSON_COUNTS
COLUMNS = {
    "programme": figures.COUNTS,
    "event": figures.COUNTS,
    "country": PERSON,
    "organisation_kind": PERSON,
    "language": ("events", *PERSON),
    "month": figures.COUNTS,
}
CHART_SERIES = ("registrations", "attendance")
HEADINGS = {
    "programme": _l("By programme"),
    "event": _l("By event"),
    "country": _l("By participants' country"),
    "organisation_kind": _l("By participants' organisation kind"),
    "language": _l("By language of the event"),
    "month": _l("Over time, by month of the event"),
}
COLUMN_NAMES = {
    "events": _l("Events"),
    "registrations": _l("Registrations"),
    "attendance": _l("Attendance"),
    "new_members": _l("New members"),
    "threads": _l("Discussion threads"),
    "resources": _l("Resources"),
}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def row_label(name: str, row: figures.Row) -> str:
    key = row.key
    if name in ("programme", "event"):
        return row.name if row.name is not None else _("No programme")
    if key is None:
        return _("Not known")
    if name == "country":
        return country_name(key)
    if name == "organisation_kind":
        return str(ORGANISATION_KIND_LABELS.get(key, key))
    if name == "language":
        return language_name(key)
    year, month = (int(part) for part in key.split("-"))
    return format_date(date(year, month, 1), "LLLL y")


def _allowed() -> None:
    if not figures.may_see_figures(current_user):
        abort(403)


def _sections(data: dict[str, Any]) -> list[dict[str, Any]]:
    rtl = text_direction(interface_language()) == "rtl"
    sections = []
    for name in figures.BREAKDOWNS:
        rows = [(row_label(name, row), row) for row in data["breakdowns"][name]]
        chart = charts.bar_chart(
            [(label, row.figures) for label, row in rows], CHART_SERIES, rtl=rtl
        )
        sections.append(
            {
                "name": name,
                "heading": HEADINGS[name],
                "columns": COLUMNS[name],
                "rows": rows,
                "chart": chart,
                "suppressed": name in figures.SUPPRESSED,
            }
        )
    return sections


@bp.get("/figures")
@login_required
def figures_page():
    _allowed()
    data = figures.all_figures(current_user)
    response = Response(
        render_template(
            "events/figures.html",
            totals=data["totals"],
            sections=_sections(data),
            column_names=COLUMN_NAMES,
            series=CHART_SERIES,
            everything=figures.can_administer(current_user),
            new_member_days=figures.NEW_MEMBER_DAYS,
        )
    )
    return cachepolicy.personal(response)


def safe_cell(value: object) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def figures_csv(data: dict[str, Any]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    header = [_("Breakdown"), _("Name"), *(str(COLUMN_NAMES[c]) for c in figures.COUNTS)]
    writer.writerow([safe_cell(cell) for cell in header])
    writer.writerow([_("Total"), "", *(str(data["totals"][c]) for c in figures.COUNTS)])
    for name in figures.BREAKDOWNS:
        for row in data["breakdowns"][name]:
            cells = [str(row.figures[c]) if c in COLUMNS[name] else "" for c in figures.COUNTS]
            cells = [str(HEADINGS[name]), row_label(name, row), *cells]
            writer.writerow([safe_cell(cell) for cell in cells])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


@bp.get("/figures.csv")
@login_required
def figures_download():
    _allowed()
    body = figures_csv(figures.all_figures(current_user))
    response = Response(body, mimetype="text/csv")
    response.headers["Content-Disposition"] = 'attachment; filename="participation-figures.csv"'
    return cachepolicy.personal(response)
