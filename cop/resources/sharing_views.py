"""The resource library's sharing pages: share a resource, edit it, add a language
version, confirm a version is up to date; moderators remove and restore."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from cop.confirmation import is_confirmed
from cop.extensions import db
from cop.formfields import select_choices
from cop.i18n import interface_language, is_supported
from cop.languagecheck import written_as_chosen
from cop.permissions import can_edit_resource, can_share_resource, moderator_required
from cop.resources import bp, formfile, queries, services, uploads
from cop.resources.filters import resource_language
from cop.resources.forms import EditForm, RemoveForm, ShareForm, VersionForm
from cop.resources.storage import StorageUnavailable
from cop.resources.views import file_of, visible_resource
from cop.versions import StaleEdit, reload_after_stale


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
            if valid and not form.file.errors and _as_chosen(form):
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


def _as_chosen(form) -> bool:
    """The title and description look like the original language, or the sharer said so
    (cop/languagecheck.py); else the form comes back with the notice, the file kept."""
    return written_as_chosen(form, form.original_language, form.title.data, form.description.data)


def _chosen_category(form, categories):
    if not categories:
        return None
    wanted = form.category.data
    return next((c for c, _name in categories if str(c.id) == wanted), None)


@bp.route("/<int:resource_id>/edit", methods=["GET", "POST"])
@login_required
def edit(resource_id: int):
    resource = visible_resource(resource_id)
    if not can_edit_resource(current_user, resource):
        abort(403)
    form = EditForm(obj=resource if request.method == "GET" else None)
    if request.method == "GET":
        form.type.data = resource.type.value
        form.description.data = resource.description_source
        form.country.data = resource.country or ""
        form.tags.data = ", ".join(tag.name for tag in resource.tags)
    conflict = False
    if form.validate_on_submit() and _as_chosen(form):
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
    resource = visible_resource(resource_id)
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


@bp.post("/<int:resource_id>/files/<int:file_id>/up-to-date")
@login_required
def confirm_up_to_date(resource_id: int, file_id: int):
    resource = visible_resource(resource_id)
    if not can_edit_resource(current_user, resource):
        abort(403)
    services.confirm_up_to_date(
        file_of(resource, file_id), editor=current_user._get_current_object()
    )
    db.session.commit()
    flash(_("The version is marked as up to date."), "success")
    return redirect(url_for("resources.show", resource_id=resource.id))


@bp.route("/<int:resource_id>/remove", methods=["GET", "POST"])
@moderator_required
def remove(resource_id: int):
    resource = visible_resource(resource_id)
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
    resource = visible_resource(resource_id)
    services.restore_resource(resource, moderator=current_user._get_current_object())
    db.session.commit()
    flash(_("The resource is restored."), "success")
    return redirect(url_for("resources.show", resource_id=resource.id))
