"""Recording the portal's side of the audit trail (giai/db/audit.py): who, from which address (a
keyed digest, with the portal's secret key), what, on what. Each event is written in a transaction
of its own, so a refused sign-in is recorded although the refusal rolls nothing back."""

from __future__ import annotations

from flask import current_app, request

from giai.db.audit import add_event, address_digest, prune
from portal.auth.database import database
from portal.auth.session import current_viewer
from portal.state import portal

# Pruning old events costs a DELETE: once every this many events a process records.
PRUNE_EVERY = 500
_recorded = {"count": 0}


def audit(action: str, target: str = "", detail: dict | None = None, actor: str | None = None) -> None:
    """Record `action` by `actor` (default: the signed-in viewer's email, or `anonymous`)."""
    viewer = current_viewer()
    who = actor or viewer.email or "anonymous"
    address = address_digest(current_app.secret_key.encode(), request.remote_addr or "unknown")
    with database().session() as session:
        add_event(session, who, action, target, detail, address)
        _recorded["count"] += 1
        if _recorded["count"] % PRUNE_EVERY == 1:
            prune(session, portal().settings.audit_retention_days)


def audit_restricted_read(action: str, doc_id: str, source: dict) -> None:
    """A view or download of a document that is not public is recorded; public ones are not."""
    if source.get("access") != "public":
        audit(action, doc_id, {"access": source.get("access"), "organisation": source.get("organisation")})
