"""The admins' page of accounts: list, add (with a generated password shown once), change roles,
organisations and languages, disable and enable. The same rules as `giai users`."""

from __future__ import annotations

import logging

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from giai.access import ROLES
from giai.db.models import User
from giai.index_schema import LANGUAGES
from portal.auth.audit import audit
from portal.auth.database import database
from portal.auth.forms import ActionForm, AddUserForm, GrantsForm
from portal.auth.guards import admin_required
from portal.auth.labels import (
    account_error_message,
    language_label,
    organisation_label,
    role_label,
)
from portal.auth.session import current_viewer
from portal.auth.users import (
    AccountError,
    create_user,
    generate_password,
    grant,
    list_users,
    set_disabled,
    unlock,
)
from portal.localised import localised_blueprint
from portal.state import portal

log = logging.getLogger(__name__)

bp = localised_blueprint("admin_users", __name__)


def known_organisations() -> list[str]:
    return [slug for slug in portal().vocabularies.values("organisation") if slug != "unknown"]


def with_choices(form: GrantsForm) -> GrantsForm:
    """The form's checkboxes: roles, the configured organisations and the portal's languages,
    labelled in the reader's language."""
    form.roles.choices = [(role, role_label(role)) for role in ROLES]
    form.organisations.choices = [(slug, organisation_label(slug)) for slug in known_organisations()]
    form.languages.choices = [(code, language_label(code)) for code in LANGUAGES]
    return form


def blank_add_form() -> AddUserForm:
    return with_choices(AddUserForm(formdata=None, roles=["member"]))


def row_forms(user: User) -> dict:
    """One account's row: its grants pre-filled, under a prefix of its own so ids stay unique."""
    grants = GrantsForm(
        formdata=None,
        prefix=f"u{user.id}",
        roles=sorted(user.roles),
        organisations=sorted(user.organisations),
        languages=sorted(user.languages),
    )
    return {"user": user, "grants": with_choices(grants), "action": ActionForm(formdata=None, prefix=f"a{user.id}")}


def render_users(
    add_form: AddUserForm, created: tuple[str, str] | None = None, error: str | None = None, status: int = 200
):
    with database().session() as session:
        rows = [row_forms(user) for user in list_users(session)]
    page = render_template(
        "auth/admin_users.html",
        rows=rows,
        add_form=add_form,
        created=created,
        error=error,
        self_id=current_viewer().user_id,
    )
    # A generated password may be on this page: no cache may keep it.
    return page, status, {"Cache-Control": "no-store"}


def refuse(error: str):
    return render_users(blank_add_form(), error=error, status=400)


@bp.get("/admin/users")
@admin_required
def users():
    return render_users(blank_add_form())


@bp.post("/admin/users")
@admin_required
def add_user():
    """Create an account; its generated password is shown once, on this response only (never put
    in the session, a redirect or a log)."""
    form = with_choices(AddUserForm())
    if not form.validate_on_submit():
        return render_users(form, status=400)
    password = generate_password()
    try:
        with database().session() as session:
            user = create_user(
                session,
                form.email.data,
                password,
                form.roles.data,
                form.organisations.data,
                form.languages.data,
                known_organisations(),
            )
            session.flush()
            created, user_id = (user.email, password), user.id
    except AccountError as exc:
        return render_users(form, error=account_error_message(exc), status=400)
    log.info("account %s added by user %s", user_id, current_viewer().user_id)
    audit("account_add", created[0], {"roles": sorted(form.roles.data), "organisations": sorted(form.organisations.data)})
    return render_users(blank_add_form(), created=created, status=201)


@bp.post("/admin/users/<int:user_id>/grants")
@admin_required
def set_grants(user_id: int):
    with database().session() as session:
        user = session.get(User, user_id) or abort(404)
        form = with_choices(GrantsForm(prefix=f"u{user_id}"))
        if not form.validate_on_submit():
            return refuse(" ".join(str(error) for errors in form.errors.values() for error in errors))
        if user_id == current_viewer().user_id and "admin" not in form.roles.data:
            return refuse(_("You cannot take away your own administrator role: ask another administrator."))
        try:
            grant(user, form.roles.data, form.organisations.data, form.languages.data, known_organisations())
        except AccountError as exc:
            session.rollback()
            return refuse(account_error_message(exc))
        email = user.email
    log.info("roles of account %s changed by user %s", user_id, current_viewer().user_id)
    audit("account_change", email, {"roles": sorted(form.roles.data), "organisations": sorted(form.organisations.data),
                                    "languages": sorted(form.languages.data)})
    flash(_("Roles of %(email)s saved.", email=email))
    return redirect(url_for("admin_users.users"))


@bp.post("/admin/users/<int:user_id>/disable")
@admin_required
def disable(user_id: int):
    """Disable an account: it cannot sign in and its open sessions end at once."""
    return change_disabled(user_id, True)


@bp.post("/admin/users/<int:user_id>/enable")
@admin_required
def enable(user_id: int):
    return change_disabled(user_id, False)


@bp.post("/admin/users/<int:user_id>/unlock")
@admin_required
def unlock_account(user_id: int):
    """Forget the account's failed sign-ins: a stranger's guesses no longer keep its owner out."""
    if not ActionForm(prefix=f"a{user_id}").validate_on_submit():
        abort(400)
    with database().session() as session:
        user = session.get(User, user_id) or abort(404)
        unlock(session, user, current_app.secret_key.encode())
        email = user.email
    log.info("account %s unlocked by user %s", user_id, current_viewer().user_id)
    audit("account_change", email, {"unlocked": True})
    flash(_("Failed sign-ins of %(email)s are forgotten: they can sign in again.", email=email))
    return redirect(url_for("admin_users.users"))


def change_disabled(user_id: int, disabled: bool):
    if not ActionForm(prefix=f"a{user_id}").validate_on_submit():
        abort(400)
    if user_id == current_viewer().user_id:
        return refuse(_("You cannot disable your own account: ask another administrator."))
    with database().session() as session:
        user = session.get(User, user_id) or abort(404)
        set_disabled(user, disabled)
        email = user.email
    log.info("account %s %s by user %s", user_id, "disabled" if disabled else "enabled", current_viewer().user_id)
    audit("account_disable" if disabled else "account_enable", email)
    flash(_("%(email)s is disabled.", email=email) if disabled else _("%(email)s is enabled again.", email=email))
    return redirect(url_for("admin_users.users"))
