"""The portal's handle on the accounts and curation database.

Views open a transaction with `with database().session() as session:` (committed on success,
rolled back on error); a database that is down raises DatabaseUnavailable, which the portal turns
into a 503 page (see `portal.auth.errors`).
"""

from __future__ import annotations

from flask import Flask, current_app

from giai.db import Database

EXTENSION = "giai.db"


def attach(app: Flask, database: Database) -> None:
    app.extensions[EXTENSION] = database


def database() -> Database:
    """The current app's database."""
    return current_app.extensions[EXTENSION]
