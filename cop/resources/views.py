"""The resource library: list, resource page, share, edit, versions, downloads, removal."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from types import SimpleNamespace

from flask import (
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required

from cop.bounds import parse_page
from cop.confirmation import is_confirmed
from cop.extensions import db
from cop.formfields import select_choices
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
    moderator_required,
)
from cop.resources import bp, formfile, queries, services, setup, uploads
from cop.resources.cli import register as register_cli
from cop.resources.filetypes import KINDS
from cop.resources.forms import EditForm, RemoveForm, ShareForm, VersionForm
from cop.resources.models import LICENCE_LABELS, Resource, ResourceFile, ResourceType
from cop.resources.setup import resource_language
from cop.resources.storage import StorageUnavailable
from cop.versions import StaleEdit, reload_after_stale
from cop.watching.models import TargetType
from cop.watching.services import watch_state

logger = logging.getLogger(__name__)
register_cli(bp)
setup.register(bp)


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


def _visible_resource(resource_id: int) -> Resource:
    resource = queries.load_resource(resource_id)
    if resource is None or not can_see_resource(current_user, resource):
        abort(404)
    return resource


@bp.get("/<int:resource_id>")
@cached_for_visitors
def show(resource_id: int):
    resource = _visible_resource(resource_id)
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


def _fields_from(form) -> services.ResourceFields:
    return services.ResourceFields(
        title=form.title.data,
        description=form.description.data or "",
        type=form.resource_type,
        country=form.country.data or None,
        tags=services.parse_tags(form.tags.data),
        licence=form.licence.data,
        source=form.source.data or "",
        funding=form.funding.data or "",
        original_language=form.original_language.data,
        external_url=form.external_url.data or None,
    )


@bp.route("/share", methods=["GET", "POST"])
@login_required
def share():
    if not can_share_resource(current_user):
        abort(403)
    form = ShareForm()
    categories = queries.discussion_tables(current_user, interface_language())
    if categories:
        form.category.choices = select_choices(
            [("", _("Choose…")), *((str(c.id), name) for c, name in categories)]
        )
    else:
        del form.category
    if request.method == "GET":
        form.original_language.data = form.file_language.data = interface_language()
    context = {"max_upload_size": current_app.config["MAX_CONTENT_LENGTH"]}
    kept_file = None
    if form.is_submitted():
        member = current_user._get_current_object()
        valid = form.validate()  # the file is checked too, so all errors show at once
        try:
            upload = formfile.upload_of(form, member_id=member.id)
            if valid and not form.file.errors:
                category = _chosen_category(form, categories)
                with uploads.landing_together(upload):
                    resource = services.create_resource(
                        sharer=member,
                        fields=_fields_from(form),
                        upload=upload,
                        file_language=form.file_language.data,
                        category=category,
                    )
                flash(_("Thank you: the resource is shared."), "success")
                return redirect(url_for("resources.show", resource_id=resource.id))
            kept_file = formfile.keep_for_next_time(form, upload, member_id=member.id)
        except StorageUnavailable:
            return formfile.storage_unavailable("resources/share.html", form, **context)
    status = 422 if form.errors else 200
    return render_template(
        "resources/share.html", form=form, kept_file=kept_file, **context
    ), status


def _chosen_category(form, categories):
    if not categories:
        return None
    wanted = form.category.data
    return next((c for c, _name in categories if str(c.id) == wanted), None)


@bp.route("/<int:resource_id>/edit", methods=["GET", "POST"])
@login_required
def edit(resource_id: int):
    resource = _visible_resource(resource_id)
    if not can_edit_resource(current_user, resource):
        abort(403)
    form = EditForm(obj=resource if request.method == "GET" else None)
    if request.method == "GET":
        form.type.data = resource.type.value
        form.description.data = resource.description_source
        form.country.data = resource.country or ""
        form.tags.data = ", ".join(tag.name for tag in resource.tags)
    conflict = False
    if form.validate_on_submit():
        try:
            services.update_resource(
                resource,
                editor=current_user._get_current_object(),
                fields=_fields_from(form),
                version=form.version.data,
            )
            db.session.commit()
        except StaleEdit:
            conflict = reload_after_stale(form, resource)
        else:
            flash(_("The changes are saved."), "success")
            return redirect(url_for("resources.show", resource_id=resource.id))
    status = 409 if conflict else 422 if form.errors else 200
    html = render_template("resources/edit.html", form=form, resource=resource, conflict=conflict)
    return html, status


@bp.route("/<int:resource_id>/versions/new", methods=["GET", "POST"])
@login_required
def add_version(resource_id: int):
    resource = _visible_resource(resource_id)
    if not can_edit_resource(current_user, resource):
        abort(403)
    form = VersionForm()
    if request.method == "GET":
        wanted = request.args.get("language")
        form.language.data = wanted if is_supported(wanted) else interface_language()
    context = {"resource": resource, "max_upload_size": current_app.config["MAX_CONTENT_LENGTH"]}
    kept_file = None
    if form.is_submitted():
        member = current_user._get_current_object()
        valid = form.validate()
        try:
            upload = formfile.upload_of(form, member_id=member.id)
            if valid and upload is not None:
                with uploads.landing_together(upload):
                    file = services.add_file(
                        resource, upload=upload, language=form.language.data, uploader=member
                    )
                flash(
                    _(
                        "Version %(number)d in %(language)s is now the current file.",
                        number=file.version,
                        language=resource_language(file.language),
                    ),
                    "success",
                )
                return redirect(url_for("resources.show", resource_id=resource.id))
            kept_file = formfile.keep_for_next_time(form, upload, member_id=member.id)
        except StorageUnavailable:
            return formfile.storage_unavailable("resources/add_version.html", form, **context)
    return render_template(
        "resources/add_version.html", form=form, kept_file=kept_file, **context
    ), (422 if form.errors else 200)


def _file_of(resource: Resource, file_id: int) -> ResourceFile:
    file = next((f for f in resource.files if f.id == file_id), None)
    if file is None:
        abort(404)
    return file


@bp.post("/<int:resource_id>/files/<int:file_id>/up-to-date")
@login_required
def confirm_up_to_date(resource_id: int, file_id: int):
    resource = _visible_resource(resource_id)
    if not can_edit_resource(current_user, resource):
        abort(403)
    services.confirm_up_to_date(
        _file_of(resource, file_id), editor=current_user._get_current_object()
    )
    db.session.commit()
    flash(_("The version is marked as up to date."), "success")
    return redirect(url_for("resources.show", resource_id=resource.id))


def _counts_as_download() -> bool:
    """A HEAD, or a Range that resumes past the first byte, is not a new download."""
    if request.method != "GET":
        return False
    ranges = request.range
    return ranges is None or all(start == 0 for start, _end in ranges.ranges)


@bp.get("/<int:resource_id>/files/<int:file_id>/download")
def download(resource_id: int, file_id: int):
    from cop.resources.downloads import send_resource_file

    resource = _visible_resource(resource_id)
    file = _file_of(resource, file_id)
    # Built first: a missing blob is a 404 that counts nothing, a 304 is no new download.
    response = send_resource_file(file)
    if response.status_code in (200, 206) and _counts_as_download():
        try:
            _count_download(file)
        except Exception:
            response.close()
            raise
    return response


def _count_download(file: ResourceFile) -> None:
    member = current_user._get_current_object() if current_user.is_authenticated else None
    today = datetime.now(UTC).date()
    visitor = services.visitor_key(
        member=member,
        address=request.remote_addr,
        secret=current_app.config["SECRET_KEY"],
        day=today,
    )
    services.record_download(file, member=member, visitor=visitor, day=today)
    db.session.commit()


@bp.route("/<int:resource_id>/remove", methods=["GET", "POST"])
@moderator_required
def remove(resource_id: int):
    resource = _visible_resource(resource_id)
    if resource.is_removed:
        return redirect(url_for("resources.show", resource_id=resource.id))
    form = RemoveForm()
    # Asked first (no JavaScript dialog), or sent back with its error: the reason stays.
    if not (is_confirmed() and form.validate()):
        html = render_template("resources/remove.html", resource=resource, form=form)
        return html, 422 if form.errors else 200
    services.remove_resource(
        resource, moderator=current_user._get_current_object(), reason=form.reason.data or ""
    )
    db.session.commit()
    flash(_("The resource is removed. Moderators can still see and restore it."), "success")
    return redirect(url_for("resources.show", resource_id=resource.id))


@bp.post("/<int:resource_id>/restore")
@moderator_required
def restore(resource_id: int):
    resource = _visible_resource(resource_id)
    services.restore_resource(resource, moderator=current_user._get_current_object())
    db.session.commit()
    flash(_("The resource is restored."), "success")
    return redirect(url_for("resources.show", resource_id=resource.id))
