"""Who is signed in: the session cookie names a user and the session version it was issued with.

Raising the user's `session_version` (sign out everywhere, a new password, disabling) voids every
cookie issued before, on every device, at its next request. The viewer is read once per request;
requests without a signed-in cookie never touch the database, so anonymous search keeps working
when the database is down.
"""

from __future__ import annotations

from flask import g, session
from sqlalchemy.orm import Session

from giai.access import ANONYMOUS, Viewer
from giai.db import DatabaseUnavailable
from giai.db.models import User
from giai.users import viewer_of
from portal.auth.database import database

USER_KEY = "uid"
VERSION_KEY = "sv"


def start_session(user: User) -> None:
    """Sign `user` in: a fresh session (nothing carried over from before sign-in) that lasts
    PERMANENT_SESSION_LIFETIME."""
    session.clear()
    session[USER_KEY] = user.id
    session[VERSION_KEY] = user.session_version
    session.permanent = True
    g.viewer = viewer_of(user)


def end_session() -> None:
    session.clear()
    g.viewer = ANONYMOUS


def current_viewer() -> Viewer:
    """The viewer of this request: the signed-in user, or anonymous. Raises DatabaseUnavailable
    when a signed-in cookie cannot be checked."""
    if "viewer" not in g:
        try:
            g.viewer = _viewer_from_cookie()
        except DatabaseUnavailable:
            g.viewer_unavailable = True
            raise
    return g.viewer


def displayed_viewer() -> Viewer:
    """The viewer for page chrome (the header's account links): anonymous when the database is
    down, so an error page can still be drawn."""
    if g.get("viewer_unavailable"):
        return ANONYMOUS
    try:
        return current_viewer()
    except DatabaseUnavailable:
        return ANONYMOUS


def signed_in_user(db_session: Session) -> User | None:
    """The signed-in user in `db_session` (for views that change the account), or None."""
    return _valid_user(db_session)


def _viewer_from_cookie() -> Viewer:
    if USER_KEY not in session:
        return ANONYMOUS
    with database().session() as db_session:
        user = _valid_user(db_session)
        viewer = viewer_of(user) if user else None
    if viewer is None:
        session.clear()
        return ANONYMOUS
    return viewer


def _valid_user(db_session: Session) -> User | None:
    """The cookie's user if it exists, is enabled and the cookie's version is current."""
    user_id = session.get(USER_KEY)
    if not isinstance(user_id, int):
        return None
    user = db_session.get(User, user_id)
    if user is None or user.disabled or session.get(VERSION_KEY) != user.session_version:
        return None
    return user
