"""Public event pages: the events list, the month, programmes and the event page."""

from __future__ import annotations

from types import SimpleNamespace

from flask import abort, redirect, render_template, request, url_for
from flask_login import current_user

from cop.bounds import DATE_MAX, DATE_MIN, parse_id, parse_page
from cop.events import bp, queries, registration, watches
from cop.events.display import month_grid, when
from cop.events.forms import FORMAT_LABELS, PublishForm
from cop.events.models import EventFormat, EventState, Programme, RegistrationStatus
from cop.events.permissions import (
    can_create_event,
    can_edit_event,
    can_edit_programme,
    can_manage_registrations,
    can_register,
    can_see_event,
    is_organiser,
)
from cop.extensions import db
from cop.formfields import select_choices
from cop.fragments import Deferred, region_key
from cop.i18n import (
    SUPPORTED_LOCALES,
    interface_language,
    is_country_code,
    is_supported,
    language_name,
    select_timezone,
)
from cop.pagecache import cached_for_visitors
from cop.permissions import can_write

PER_PAGE = 20


def _filters_from(args) -> queries.Filters:
    format_ = args.get("format")
    language = args.get("language")
    return queries.Filters(
        country=(args.get("country") or "").upper()[:2] or None,
        format=EventFormat(format_) if format_ in {f.value for f in EventFormat} else None,
        language=language if is_supported(language) else None,
        programme_id=parse_id(args.get("programme")),
        past=args.get("when") == "past",
    )


def _page_links(pagination) -> SimpleNamespace:
    return SimpleNamespace(
        number=pagination.page,
        pages=pagination.pages,
        has_prev=pagination.has_prev,
        has_next=pagination.has_next,
    )


@bp.get("/")
@cached_for_visitors
def index():
    filters = _filters_from(request.args)
    page = parse_page(request.args.get("page"))
    args = {k: v for k, v in request.args.items() if k != "page"}
    reader_zone = select_timezone()
    listing = Deferred(lambda: _listing(filters, page, reader_zone))
    if page > 1:  # past the last page: to the last (read now, before the region)
        pages = listing.value.page_links.pages
        if page > pages and pages:
            return redirect(url_for("events.index", page=pages, **args))
    today = queries.today_in(reader_zone)
    return render_template(
        "events/index.html",
        listing=listing,
        # Who sees which drafts and hidden events: their role and, for organisers'
        # own, who they are (a member's list is theirs, for the minute).
        list_key=region_key(
            "event-list", filters, page, sorted(args.items()), reader_zone, _viewer(),
            scopes=("events",),
        ),
        choices=Deferred(lambda: (queries.programmes(), queries.countries_with_events())),
        filters_key=region_key("event-filters", filters, scopes=("events",)),
        filters=filters,
        args=args,
        base_args={k: v for k, v in args.items() if k != "when"},
        languages=SUPPORTED_LOCALES,
        format_labels=FORMAT_LABELS,
        can_create=can_create_event(current_user),
        this_month=(today.year, today.month),
        watching_country=watches.watches_country(current_user, filters.country),
        feed_country=filters.country if is_country_code(filters.country) else None,
    )  # fmt: skip


def _viewer() -> tuple:
    if not current_user.is_authenticated:
        return ()
    return (current_user.id, current_user.role.value)


def _listing(filters: queries.Filters, page: int, reader_zone: str) -> SimpleNamespace:
    pagination = queries.find_events(current_user, filters, page=page, per_page=PER_PAGE)
    return SimpleNamespace(
        events=[(event, when(event, reader_zone)) for event in pagination.items],
        total=pagination.total,
        page_links=_page_links(pagination),
    )


@bp.get("/month/<int:year>/<int:month>")
@cached_for_visitors
def month(year: int, month: int):
    if not (DATE_MIN.year < year < DATE_MAX.year and 1 <= month <= 12):
        abort(404)
    filters = _filters_from(request.args)
    reader_zone = select_timezone()
    start, end = queries.month_bounds(year, month)
    events = queries.events_between(current_user, start, end, filters)
    previous = (year, month - 1) if month > 1 else (year - 1, 12)
    following = (year, month + 1) if month < 12 else (year + 1, 1)
    return render_template(
        "events/month.html",
        grid=month_grid(year, month, events, reader_zone),
        previous=previous,
        following=following,
        today=queries.today_in(reader_zone),
        args={k: v for k, v in request.args.items() if k in ("country", "programme")},
    )


@bp.get("/programmes/<slug>")
@cached_for_visitors
def programme(slug: str):
    found = db.session.scalar(db.select(Programme).where(Programme.slug == slug[:80]))
    if found is None:
        abort(404)
    filters = queries.Filters(programme_id=found.id)
    reader_zone = select_timezone()
    upcoming = queries.find_events(current_user, filters, page=1, per_page=50).items
    past_filters = queries.Filters(programme_id=found.id, past=True)
    past = queries.find_events(current_user, past_filters, page=1, per_page=50).items
    return render_template(
        "events/programme.html",
        programme=found,
        upcoming=[(event, when(event, reader_zone)) for event in upcoming],
        past=[(event, when(event, reader_zone)) for event in past],
        format_labels=FORMAT_LABELS,
        watching=watches.watches_programme(current_user, found.id),
        can_edit=can_edit_programme(current_user, found),
    )


def visible_event(event_id: int, *, with_lists: bool = True):
    event = queries.load_event(event_id, with_lists=with_lists)
    if event is None or not can_see_event(current_user, event):
        abort(404)
    return event


@bp.get("/<int:event_id>")
@cached_for_visitors
def show(event_id: int):
    event = visible_event(event_id, with_lists=False)
    counts = registration.counts(event)
    mine = registration.registration_of(event, current_user)
    going = mine is not None and mine.status == RegistrationStatus.GOING
    organiser = is_organiser(current_user, event)
    can_edit = can_edit_event(current_user, event, organiser=organiser)
    can_manage = can_manage_registrations(current_user, event, organiser=organiser)
    publish_form = None
    if event.state == EventState.DRAFT and can_edit:
        publish_form = PublishForm()
        publish_form.category.choices = select_choices(
            (str(c.id), c.name_in(interface_language())) for c in queries.discussion_tables()
        )
    reader_zone = select_timezone()
    show_link = going or organiser or can_manage
    return render_template(
        "events/show.html",
        event=event,
        when=Deferred(lambda: when(event, reader_zone)),
        # The details show the organisers' names and, to some, the link; the rest of
        # the page the description, the materials and the discussion's link.
        details_key=region_key(
            "event-details", event.id, reader_zone, show_link, scopes=("events", "members")
        ),
        about_key=region_key("event-about", event.id, scopes=("events", "resources", "threads")),
        counts=counts,
        places_left=registration.places_left(event, counts[RegistrationStatus.GOING]),
        mine=mine,
        is_open=registration.is_open(event),
        is_past=event.is_past(),
        show_link=show_link,
        can_register=can_register(current_user),
        can_edit=can_edit,
        can_manage=can_manage,
        can_write=can_write(current_user),
        publish_form=publish_form,
        format_labels=FORMAT_LABELS,
        delivery_languages=[language_name(code) for code in event.delivery_languages],
        login_url=url_for("auth.sign_in", next=request.path),
    )
