"""Demand: how often each document was opened, and opened from a search result (found), counted
in the portal's own database (no third-party analytics), one row per document and day. The
translators' worklist sorts by the last DEMAND_DAYS.

Counting is best effort: a database that is down or not migrated never keeps a reader from a
document, it only loses that count (logged).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable

from sqlalchemy import exc

from giai.db import DatabaseUnavailable
from giai.db.translation import count_demand, demand_since, top_demand
from portal.auth.database import database

DEMAND_DAYS = 90

log = logging.getLogger(__name__)


def today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


def record_open(doc_id: str, found: bool) -> None:
    """Count one open of `doc_id` (a find too when the reader came from a search)."""
    try:
        with database().session() as session:
            count_demand(session, doc_id, today(), found)
    except (DatabaseUnavailable, exc.SQLAlchemyError) as error:
        log.warning("demand not counted for %s: %s", doc_id, str(error).splitlines()[0][:200])


def demand_of(doc_ids: Iterable[str]) -> dict[str, int]:
    """doc_id → opens in the last DEMAND_DAYS days (absent: none)."""
    with database().session() as session:
        return demand_since(session, today() - dt.timedelta(days=DEMAND_DAYS), doc_ids)


def most_demanded(limit: int) -> dict[str, int]:
    """The `limit` documents opened most in the last DEMAND_DAYS days → their opens, most first."""
    with database().session() as session:
        return top_demand(session, today() - dt.timedelta(days=DEMAND_DAYS), limit)
