"""The reader's choice about content notes: a graphic page's snippet and text wait behind a short
note the reader opens on purpose (the default), or are shown at once. Anonymous readers keep the
choice in a cookie, signed-in readers in their account; `?content_notes=show` asks for the text
in one request (the API's way)."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import g, redirect, request, url_for
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField

from portal.access import current_viewer
from portal.auth.database import database
from portal.localised import localised_blueprint

COOKIE = "giai_content_notes"
SHOW, NOTES = "show", "notes"
COOKIE_DAYS = 365

bp = localised_blueprint("reading", __name__)


class ReadingForm(FlaskForm):
    content_notes = RadioField(
        _l("Pages that describe violence in detail"),
        choices=[(NOTES, _l("Show a content note first")), (SHOW, _l("Show the text at once"))],
    )
    next = HiddenField()


def stored_choice() -> str:
    """The reader's lasting choice: account, else cookie, else notes. Read once a request: a
    results page asks twice (its snippets and its form), a signed-in reader's from the database."""
    if "_giai_content_notes" not in g:
        g._giai_content_notes = _read_choice()
    return g._giai_content_notes


def _read_choice() -> str:
    from giai.db.protection import ReaderPreference

    viewer = current_viewer()
    if viewer.is_authenticated:
        with database().session() as session:
            row = session.get(ReaderPreference, viewer.user_id)
            if row is not None:
                return row.content_notes
    return SHOW if request.cookies.get(COOKIE) == SHOW else NOTES


def shows_graphic_text() -> bool:
    """Whether this request shows flagged pages' text without a note first."""
    if request.args.get("content_notes") in (SHOW, NOTES):
        return request.args["content_notes"] == SHOW
    return stored_choice() == SHOW


def reading_form() -> ReadingForm:
    form = ReadingForm(formdata=None, content_notes=stored_choice(), next=request.full_path.rstrip("?"))
    return form


def _safe_next(target: str) -> str:
    """Only a path of this site (no scheme, no host: never an open redirect)."""
    parts = urlsplit(target or "")
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return url_for("ui.home")
    return target


@bp.post("/reading")
def choose():
    """Keep the reader's choice, then go back to the page they were reading."""
    from giai.db.protection import ReaderPreference

    form = ReadingForm()
    choice = SHOW if form.content_notes.data == SHOW else NOTES
    response = redirect(_safe_next(form.next.data or ""))
    viewer = current_viewer()
    if viewer.is_authenticated:
        with database().session() as session:
            row = session.get(ReaderPreference, viewer.user_id)
            if row is None:
                session.add(ReaderPreference(user_id=viewer.user_id, content_notes=choice))
            else:
                row.content_notes = choice
    else:
        response.set_cookie(COOKIE, choice, max_age=COOKIE_DAYS * 86400, httponly=True, samesite="Lax",
                            secure=request.is_secure)
    return response
