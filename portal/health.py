"""`/healthz` (the process answers) and `/readyz` (it can serve: the index is reachable behind its
alias, the database answers), as JSON for load balancers and orchestrators. Readiness answers
503 with `Retry-After` when a dependency is missing, naming which one, never why in detail
(the reason is logged)."""

from __future__ import annotations

import logging

from flask import Blueprint, jsonify
from sqlalchemy import text

from giai.db.engine import DatabaseUnavailable
from portal.auth.database import database
from portal.errors import RETRY_AFTER_S
from portal.state import portal

bp = Blueprint("health", __name__)
log = logging.getLogger(__name__)
READY_TIMEOUT_S = 3


@bp.get("/healthz")
def healthz():
    return jsonify({"status": "ok"})


@bp.get("/readyz")
def readyz():
    checks = {"search_index": _index_reachable(), "database": _database_reachable()}
    ready = all(checks.values())
    body = {"status": "ready" if ready else "unavailable", "checks": {k: "ok" if v else "failing" for k, v in checks.items()}}
    response = jsonify(body)
    if not ready:
        response.status_code = 503
        response.headers["Retry-After"] = str(RETRY_AFTER_S)
    return response


def _index_reachable() -> bool:
    return portal().service.index_answers(READY_TIMEOUT_S)


def _database_reachable() -> bool:
    try:
        with database().session() as session:
            session.execute(text("SELECT 1"))
    except DatabaseUnavailable as exc:
        log.warning("not ready: %s", exc)
        return False
    return True
