"""Who is signed in: the session cookie names a user, the session version it was issued with, a
random id of this sign-in and when it happened.

Raising the user's `session_version` (sign out everywhere, a new password, disabling) voids every
cookie issued before, on every device, at its next request. Signing out here records this sign-in's
id as ended, so a copy of its cookie is refused too; and a sign-in lasts
`session_lifetime_hours` from the moment it was made, however busy the session. The viewer is read
once per request; requests without a signed-in cookie never touch the database, so anonymous
search keeps working when the database is down.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

from flask import current_app, g, session
from sqlalchemy import delete
from sqlalchemy.orm import Session

from giai.access import ANONYMOUS, Viewer
from giai.db import DatabaseUnavailable
from giai.db.models import EndedSession, User, utcnow
from portal.auth.database import database
from portal.auth.users import viewer_of

USER_KEY = "uid"
VERSION_KEY = "sv"
SESSION_ID_KEY = "sid"
SIGNED_IN_AT_KEY = "at"  # seconds since the epoch


def start_session(user: User) -> None:
    """Sign `user` in: a fresh session (nothing carried over from before sign-in) that lasts
    PERMANENT_SESSION_LIFETIME from now."""
    session.clear()
    session[USER_KEY] = user.id
    session[VERSION_KEY] = user.session_version
    session[SESSION_ID_KEY] = secrets.token_urlsafe(24)
    session[SIGNED_IN_AT_KEY] = int(utcnow().timestamp())
    session.permanent = True
    g.viewer = viewer_of(user)


def end_session() -> None:
    """Sign out: this sign-in is recorded as ended (until it would have expired), so a copy of
    its cookie no longer signs anyone in."""
    expires = _expires_at()
    if expires is not None and isinstance(session.get(SESSION_ID_KEY), str):
        with database().session() as db_session:
            db_session.execute(delete(EndedSession).where(EndedSession.expires_at < utcnow()))
            db_session.merge(EndedSession(session_id=session[SESSION_ID_KEY], expires_at=expires))
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


def _expires_at() -> datetime | None:
    """When this cookie's sign-in ends, or None if the cookie has no sign-in time."""
    signed_in_at = session.get(SIGNED_IN_AT_KEY)
    if not isinstance(signed_in_at, int):
        return None
    return datetime.fromtimestamp(signed_in_at, UTC) + current_app.permanent_session_lifetime


def _valid_user(db_session: Session) -> User | None:
    """The cookie's user if it exists and is enabled, the cookie's version is current, its
    sign-in has not outlived the session lifetime and was not ended by signing out."""
    user_id, session_id, expires = session.get(USER_KEY), session.get(SESSION_ID_KEY), _expires_at()
    if not isinstance(user_id, int) or not isinstance(session_id, str) or expires is None or expires <= utcnow():
        return None
    user = db_session.get(User, user_id)
    if user is None or user.disabled or session.get(VERSION_KEY) != user.session_version:
        return None
    if db_session.get(EndedSession, session_id) is not None:
        return None
    return user
