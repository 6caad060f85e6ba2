"""Sign-in, sign-out (here or everywhere) and the signed-in user's account page.

`POST /login` takes the form fields `email` and `password` (with the CSRF token of the form that
`GET /login` shows). Nothing typed into the form is logged: people type passwords into the email
field too, so a refused attempt is logged without what was typed.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from flask import Blueprint, current_app, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from portal import i18n
from portal.auth.audit import audit
from portal.auth.database import database
from portal.auth.forms import ChangePasswordForm, SignInForm, SignOutForm
from portal.auth.guards import signed_in_required
from portal.auth.session import (
    current_viewer,
    end_session,
    signed_in_user,
    start_session,
)
from portal.auth.users import (
    SignInOutcome,
    ThrottlePolicy,
    set_password,
    sign_in,
    sign_out_everywhere,
)
from portal.localised import localised_blueprint
from portal.state import portal

log = logging.getLogger(__name__)

bp = localised_blueprint("auth", __name__)
root = Blueprint("auth_root", __name__)


def safe_next(target: str | None) -> str:
    """`target` when it is a path on this site, else the home page: never an open redirect."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")) and not urlsplit(target).netloc:
        return target
    return url_for("ui.home", locale=i18n.select_locale())


def check_sign_in(email: str, password: str):
    """Sign-in outcome for these credentials from this request's address, with throttling."""
    policy = ThrottlePolicy.from_settings(portal().settings)
    secret = current_app.secret_key.encode()
    with database().session() as session:
        return sign_in(session, email, password, request.remote_addr or "unknown", policy, secret)


# Refusals answer with a status a script can tell apart; the page says the same in words.
REFUSAL_STATUS = {SignInOutcome.WRONG: 401, SignInOutcome.DISABLED: 403, SignInOutcome.THROTTLED: 429}


def refusal_message(outcome: SignInOutcome) -> str:
    if outcome is SignInOutcome.WRONG:
        return _("Wrong email or password.")
    if outcome is SignInOutcome.DISABLED:
        return _("This account is disabled. Ask an administrator to enable it.")
    return _("Too many failed sign-ins. Wait a few minutes and try again.")


@root.route("/login", methods=["GET", "POST"])
@bp.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "GET" and not g.get("locale"):
        args = {name: value for name, value in request.args.items() if name != "locale"}
        return redirect(url_for("auth.login", locale=i18n.select_locale(), **args))
    form = SignInForm(next=request.args.get("next", ""))
    if not form.validate_on_submit():
        return render_template("auth/sign_in.html", form=form, error=None), 400 if form.is_submitted() else 200
    result = check_sign_in(form.email.data, form.password.data)
    if result.outcome is SignInOutcome.OK:
        start_session(result.user)
        log.info("sign-in: user %s", result.user.id)
        audit("sign_in", actor=result.user.email)
        return redirect(safe_next(form.next.data))
    # What was typed is not recorded (it may be a password); a known account is named.
    audit("sign_in_failed", detail={"outcome": result.outcome.name.lower()},
          actor=result.user.email if result.user else "unknown")
    if result.outcome is SignInOutcome.THROTTLED:
        log.warning("sign-in refused: too many failures for the account or the address")
    elif result.outcome is SignInOutcome.DISABLED:
        log.info("sign-in refused: user %s is disabled", result.user.id)
    else:
        log.info("sign-in refused: unknown email or wrong password")
    form.password.data = ""
    page = render_template("auth/sign_in.html", form=form, error=refusal_message(result.outcome))
    headers = {}
    if result.outcome is SignInOutcome.THROTTLED:
        headers["Retry-After"] = str(portal().settings.login_throttle_window_s)
    return page, REFUSAL_STATUS[result.outcome], headers


@root.post("/logout")
def logout():
    """Sign out; with the field `everywhere`, every other session of the account ends too."""
    form = SignOutForm()
    if form.validate_on_submit() and form.everywhere.data and current_viewer().is_authenticated:
        with database().session() as session:
            user = signed_in_user(session)
            if user is not None:
                sign_out_everywhere(user)
                log.info("signed out everywhere: user %s", user.id)
    if current_viewer().is_authenticated:
        audit("sign_out", detail={"everywhere": bool(form.everywhere.data)})
    end_session()
    return redirect(url_for("ui.home", locale=i18n.select_locale()))


@bp.get("/account")
@signed_in_required
def account():
    return render_account(ChangePasswordForm(), notice=None)


@bp.post("/account/password")
@signed_in_required
def change_password():
    """A new password, after the current one (checked like a sign-in, so it is throttled too)."""
    form = ChangePasswordForm()
    if not form.validate_on_submit():
        return render_account(form, notice=None), 400
    result = check_sign_in(current_viewer().email, form.current.data)
    if result.outcome is not SignInOutcome.OK:
        form.current.errors = [refusal_message(result.outcome)]
        return render_account(form, notice=None), REFUSAL_STATUS[result.outcome]
    with database().session() as session:
        user = signed_in_user(session)
        set_password(user, form.new.data)
    start_session(user)  # this session continues; every other one has ended
    log.info("password changed: user %s", user.id)
    audit("password_change", target=user.email)
    return render_account(
        ChangePasswordForm(formdata=None), notice=_("Your password is changed. Every other session has ended.")
    )


def render_account(form: ChangePasswordForm, notice: str | None) -> str:
    return render_template("auth/account.html", form=form, sign_out=SignOutForm(), notice=notice)
