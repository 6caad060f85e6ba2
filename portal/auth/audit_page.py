"""The admins' view of the audit trail: the latest events with filters (action, who, on what,
dates), and the same selection as CSV. Read only: no route of the portal edits or deletes an event."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from flask import Response, render_template, request

from giai.db.audit import ACTIONS, AuditFilter, events
from portal.auth.database import database
from portal.auth.guards import admin_required
from portal.localised import localised_blueprint

bp = localised_blueprint("audit", __name__)
PAGE_ROWS = 200
CSV_ROWS = 100_000
CSV_COLUMNS = ("at", "actor", "action", "target", "detail", "address")


def _date(name: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(request.args.get(name, ""))
    except ValueError:
        return None  # an unreadable date filters nothing, as an empty one


def selection() -> AuditFilter:
    action = request.args.get("action", "")
    return AuditFilter(
        action=action if action in ACTIONS else "",
        actor=request.args.get("actor", "").strip()[:254],
        target=request.args.get("target", "").strip()[:254],
        since=_date("since"),
        until=_date("until"),
    )


@bp.get("/admin/audit")
@admin_required
def trail():
    chosen = selection()
    with database().session() as session:
        rows = list(events(session, chosen, PAGE_ROWS))
    return render_template("auth/audit.html", rows=rows, chosen=chosen, actions=ACTIONS, limit=PAGE_ROWS)


@bp.get("/admin/audit.csv")
@admin_required
def trail_csv():
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    with database().session() as session:
        for event in events(session, selection(), CSV_ROWS):
            cells = [event.at.isoformat(timespec="seconds"), event.actor, event.action, event.target,
                     json.dumps(event.detail, ensure_ascii=False, sort_keys=True), event.address]
            writer.writerow([("'" + c) if c[:1] in ("=", "+", "-", "@") else c for c in cells])
    response = Response("\ufeff" + buffer.getvalue(), mimetype="text/csv")
    response.headers["Content-Disposition"] = 'attachment; filename="giai-audit.csv"'
    return response
