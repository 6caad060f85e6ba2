"""Roles, organisations and languages of accounts as the reader's language names them (template
filters `role_label`, `organisation_label`, `language_label`), and refusals of account changes."""

from __future__ import annotations

from flask import Flask
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from portal.auth.users import AccountError
from portal.state import portal

ROLE_LABELS = {
    # TRANSLATORS: roles of an account on the portal (a noun naming the role).
    "admin": _l("Administrator"),
    "curator": _l("Curator"),
    "translator": _l("Translator"),
    # TRANSLATORS: a signed-in member of one of the organisations, who sees members-only documents.
    "member": _l("Member"),
}


def role_label(role: str) -> str:
    return str(ROLE_LABELS.get(role, role))


def organisation_label(slug: str) -> str:
    return portal().vocabularies.label("organisation", slug, str(get_locale()))


def language_label(code: str) -> str:
    return portal().vocabularies.label("language", code, str(get_locale()))


def account_error_message(error: AccountError) -> str:
    """The refusals the accounts page can meet, in the reader's language (others in English)."""
    if error.code == "exists":
        return _("An account for %(email)s already exists.", email=error.params["email"])
    if error.code == "not_email":
        return _("“%(text)s” is not an email address.", text=error.params["text"])
    if error.code == "curator_without_organisation":
        return _("A curator needs at least one organisation.")
    if error.code == "translator_without_language":
        return _("A translator needs at least one language.")
    return str(error)


def register(app: Flask) -> None:
    app.jinja_env.filters.update(
        role_label=role_label, organisation_label=organisation_label, language_label=language_label
    )
