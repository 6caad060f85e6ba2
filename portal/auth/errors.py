"""A database that is down is a clear 503 (page or JSON), never a traceback. Its reason is logged
in one line, with the database URL's password hidden."""

from __future__ import annotations

import logging

from flask import Flask
from flask_babel import gettext as _
from sqlalchemy import exc

from giai.db import DatabaseUnavailable
from giai.db.engine import unavailable
from portal.auth.database import database
from portal.errors import error_response

log = logging.getLogger(__name__)


def database_unavailable(error: DatabaseUnavailable | exc.OperationalError):
    if not isinstance(error, DatabaseUnavailable):
        error = unavailable(database().url, error)
    log.error("%s", error)
    message = _("Sign-in and accounts are unavailable at the moment. Please try again in a few minutes.")
    # TRANSLATORS: title of the error page shown while the accounts database cannot be reached.
    return error_response(503, "database_unavailable", _("Service unavailable"), [message])


def register(app: Flask) -> None:
    app.register_error_handler(DatabaseUnavailable, database_unavailable)
    app.register_error_handler(exc.OperationalError, database_unavailable)
