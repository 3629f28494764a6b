"""The resource library's reading pages: the list with its filters, a resource's page.

Also the look-ups the other route modules share (`visible_resource`, `file_of`) and the
page shown when the file storage cannot be reached.
"""

from __future__ import annotations

import logging
from types import SimpleNamespace

from flask import abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from cop.bounds import parse_page
from cop.errors import render_error
from cop.fragments import Deferred, region_key
from cop.i18n import SUPPORTED_LOCALES, interface_language, is_supported
from cop.pagecache import cached_for_visitors
from cop.permissions import (
    can_edit_resource,
    can_remove_resource,
    can_restore_resource,
    can_see_resource,
    can_share_resource,
    is_moderator,
)
from cop.resources import bp, queries
from cop.resources.filetypes import KINDS
from cop.resources.forms import RemoveForm
from cop.resources.models import LICENCE_LABELS, Resource, ResourceFile, ResourceType
from cop.resources.storage import StorageUnavailable
from cop.watching.models import TargetType
from cop.watching.services import watch_state

logger = logging.getLogger(__name__)


def _page_context(**extra) -> dict:
    return {
        "kinds": KINDS,
        "licence_labels": LICENCE_LABELS,
        "reader_language": interface_language(),
        **extra,
    }


def _filters_from(args) -> queries.Filters:
    type_ = args.get("type")
    language = args.get("language")
    return queries.Filters(
        type=ResourceType(type_) if type_ in {t.value for t in ResourceType} else None,
        language=language if is_supported(language) else None,
        country=(args.get("country") or "").upper()[:2] or None,
        tag=(args.get("tag") or "").strip()[:40] or None,
        query=(args.get("q") or "").strip()[:100] or None,
        sort=args.get("sort") if args.get("sort") in queries.SORTS else "newest",
        removed=args.get("removed") == "1" and is_moderator(current_user),
    )


@bp.get("/")
@cached_for_visitors
def index():
    filters = _filters_from(request.args)
    page = parse_page(request.args.get("page"))
    per_page = current_app.config["RESOURCES_PER_PAGE"]
    args = {k: v for k, v in request.args.items() if k != "page"}
    if page > 1:  # past the last page: to the last one
        pages = queries.count_pages(filters, per_page)
        if page > pages and pages:
            return redirect(url_for("resources.index", page=pages, **args))
    moderator = is_moderator(current_user)
    # Cached regions (cop.fragments): the filters' choices and the page of resources
    # are the same for every reader; they load only when a region is rendered.
    return render_template(
        "resources/index.html",
        **_page_context(
            listing=Deferred(lambda: _listing(filters, page, per_page)),
            # The pager's links keep the address's other arguments: part of the key.
            list_key=region_key(
                "resource-list",
                filters,
                page,
                per_page,
                sorted(args.items()),
                scopes=("resources",),
            ),
            choices=Deferred(lambda: _choices(filters)),
            filters_key=region_key(
                "resource-filters", filters, bool(args), moderator, scopes=("resources",)
            ),
            filters=filters,
            types=list(ResourceType),
            languages=SUPPORTED_LOCALES,
            can_share=can_share_resource(current_user),
            args=args,
        ),
    )


def _listing(filters: queries.Filters, page: int, per_page: int) -> SimpleNamespace:
    pagination = queries.find_resources(filters, page=page, per_page=per_page)
    return SimpleNamespace(
        rows=[
            (resource, queries.primary_file(resource, interface_language()))
            for resource in pagination.items
        ],
        total=pagination.total,
        page_links=SimpleNamespace(
            number=pagination.page,
            pages=pagination.pages,
            has_prev=pagination.has_prev,
            has_next=pagination.has_next,
        ),
    )


def _choices(filters: queries.Filters) -> dict:
    choices = queries.filter_choices()
    if filters.tag and filters.tag.casefold() not in {key for key, _name in choices["tags"]}:
        choices["tags"].append((filters.tag.casefold(), filters.tag))
    return choices


def visible_resource(resource_id: int) -> Resource:
    resource = queries.load_resource(resource_id)
    if resource is None or not can_see_resource(current_user, resource):
        abort(404)
    return resource


@bp.get("/<int:resource_id>")
@cached_for_visitors
def show(resource_id: int):
    resource = visible_resource(resource_id)
    languages = queries.ordered_languages(resource, interface_language())
    by_language = {code: [f for f in resource.files if f.language == code] for code in languages}
    return render_template(
        "resources/show.html",
        **_page_context(
            resource=resource,
            languages=languages,
            by_language=by_language,
            thread=queries.discussion_of(resource, current_user),
            was_updated=(resource.updated_at - resource.created_at).total_seconds() > 60,
            can_edit=can_edit_resource(current_user, resource),
            can_remove=can_remove_resource(current_user, resource),
            can_restore=can_restore_resource(current_user, resource),
            remove_form=RemoveForm(),
            watch=watch_state(current_user, TargetType.RESOURCE, resource.id),
        ),
    )


def file_of(resource: Resource, file_id: int) -> ResourceFile:
    file = next((f for f in resource.files if f.id == file_id), None)
    if file is None:
        abort(404)
    return file


def storage_unavailable_page(error: StorageUnavailable):
    """A file that cannot be read or written outside the upload forms (which keep
    what was typed, cop/resources/formfile.py): a translated 503 instead of a 500."""
    page, code = render_error(
        503, _("The file cannot be reached at the moment. Try again in a few minutes.")
    )
    return page, code, {"Retry-After": "60"}
