"""Member directory, profiles, avatars; the preferences pages are in profile_views.py,
preferences_views.py and account_views.py, on the same blueprint."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import abort, make_response, render_template, request, url_for
from flask_babel import format_date, format_datetime, format_decimal
from flask_login import current_user
from sqlalchemy import select

from cop import cachepolicy
from cop.bounds import parse_page
from cop.extensions import db
from cop.fragments import Deferred, region_key
from cop.i18n import country_choices, country_name
from cop.members import activity, avatars, bp, choices, fragments, services
from cop.members.models import Member, MemberAvatar
from cop.pagecache import cached_for_visitors


@bp.record_once
def _template_helpers(state) -> None:
    """Label helpers for member templates and macros (macros run on other pages too)."""
    state.app.jinja_env.globals.update(
        kind_label=lambda kind: str(choices.ORGANISATION_KIND_LABELS.get(kind, "")),
        profession_label=lambda p: str(choices.PROFESSION_LABELS.get(p, "")),
        expertise_label=choices.expertise_label,
        language_name=choices.language_name,
        country_name=country_name,
        link_label=_link_label,
        page_url=_page_url,
        format_date=format_date,
        format_datetime=format_datetime,
        format_decimal=format_decimal,
        member_card_key=fragments.member_card_key,
        activity_key=fragments.activity_key,
    )


def _page_url(param: str, page: int, fragment: str | None = None) -> str:
    """This page's URL with ?<param>=<page>, the other arguments kept."""
    args = {**(request.view_args or {}), **request.args.to_dict(), param: page}
    return url_for(request.endpoint, _anchor=fragment, **args)


def _link_label(url: str) -> str:
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


def _page_arg(name: str = "page") -> int:
    return parse_page(request.args.get(name))


@bp.get("/")
@cached_for_visitors
def directory():
    args = request.args
    query = services.DirectoryQuery(
        q=args.get("q", "")[:100],
        country=args.get("country", "")[:2].upper(),
        organisation_kind=args.get("kind", ""),
        profession=args.get("role", ""),
        language=args.get("language", "")[:8],
        expertise=choices.normalize_tag(args.get("expertise", "")[:60]),
        page=_page_arg(),
    )
    signed_in = current_user.is_authenticated
    # Cached regions (cop.fragments): members and suggestions load only on a miss.
    return render_template(
        "members/directory.html",
        query=query,
        expertise_text=args.get("expertise", "")[:60],
        result=Deferred(lambda: services.search_directory(query, signed_in=signed_in)),
        # The pager's links keep the address's arguments: part of the key.
        result_key=region_key(
            "directory", query, signed_in, sorted(args.items(multi=True)), scopes=("members",)
        ),
        filtered=any(
            (query.q, query.country, query.organisation_kind, query.profession, query.language,
             query.expertise)
        ),
        countries=country_choices(),
        kinds=choices.organisation_kind_choices(),
        professions=choices.profession_choices(),
        languages=choices.language_choices(),
        expertise_suggestions=Deferred(lambda: services.popular_expertise(signed_in=signed_in)),
        filters_key=region_key(
            "directory-filters", query, args.get("expertise", "")[:60], signed_in,
            scopes=("members",),
        ),
    )  # fmt: skip


@bp.get("/<handle>")
@cached_for_visitors
def profile(handle: str):
    member = services.load_profile(handle)
    if member is None:
        abort(404)
    can_see = member.is_public or current_user.is_authenticated
    pages = {kind: _page_arg(f"{kind}_page") for kind in activity.kinds()}
    return render_template(
        "members/profile.html",
        member=member,
        can_see=can_see,
        can_edit=current_user.is_authenticated
        and (current_user.id == member.id or current_user.is_admin),
        # A cached region (cop.fragments): the lists load only on a miss.
        activity=Deferred(lambda: activity.activity_of(member, pages) if can_see else []),
        activity_region=region_key(
            "profile-lists", member.id, can_see, sorted(request.args.items(multi=True))
        ),
        pages=pages,
    )


@bp.get("/<handle>/avatar")
def avatar(handle: str):
    """The picture, or initials drawn as SVG; cached for a year under a versioned URL."""
    member = db.session.scalar(
        select(Member).where(Member.handle == handle, Member.closed_at.is_(None))
    )
    if member is None:  # unknown, or an account being closed (gone for everyone at once)
        abort(404)
    version = member.avatar_version
    stored = db.session.get(MemberAvatar, member.id) if member.avatar_hash else None
    if stored is not None:
        response = make_response(stored.data)
        response.mimetype = stored.mimetype
    else:
        response = make_response(avatars.initials_svg(member.display_name, member.handle))
        response.mimetype = "image/svg+xml"
        response.headers["Content-Security-Policy"] = "default-src 'none'"
    response.set_etag(version)
    if request.args.get("v") == version:
        cachepolicy.versioned(response)
    else:
        cachepolicy.public_revalidated(response)
    return response.make_conditional(request)
