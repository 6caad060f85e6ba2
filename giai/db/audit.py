"""The audit trail: who did what, when, from which address, in the database.

Recorded: sign-ins (success and failure), sign-outs, account and role changes, withdrawals,
restorations and purges (from the portal and from the command line), curation edits, and
downloads and page views of documents that are not public. The address is kept as a keyed digest
(the same one address twice gives the same digest, but the table does not hold it in clear). No
view of the portal edits or deletes a row; `prune` removes rows older than
`GIAI_AUDIT_RETENTION_DAYS`, which `record_event` calls at most once a day per process.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import JSON, Select, String, delete, inspect, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Mapped, Session, mapped_column

from giai.db.engine import Database, DatabaseUnavailable, database_url
from giai.db.models import Base, utcnow
from giai.settings import Settings

ACTIONS = (
    "sign_in", "sign_in_failed", "sign_out", "account_add", "account_change", "account_disable", "account_enable",
    "password_change", "withdraw", "restore", "purge", "curation_edit", "download", "view",
)


class AuditEvent(Base):
    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(254), index=True)  # an email, `cli:<user>` or `pipeline`
    action: Mapped[str] = mapped_column(String(32), index=True)
    target: Mapped[str] = mapped_column(String(254), default="")  # a document id or an account's email
    detail: Mapped[Any] = mapped_column(JSON, default=dict)
    address: Mapped[str] = mapped_column(String(64), default="")  # keyed digest; empty from the command line


def address_digest(secret: bytes, address: str) -> str:
    return hmac.new(secret, f"audit\x1f{address}".encode(), hashlib.sha256).hexdigest()[:32]


def add_event(
    session: Session, actor: str, action: str, target: str = "", detail: dict | None = None, address: str = ""
) -> None:
    """Add one event to the caller's transaction (so an account change and its record commit together)."""
    session.add(AuditEvent(actor=actor, action=action, target=target, detail=detail or {}, address=address))


def _never_created(url: str) -> bool:
    parsed = make_url(url)
    return parsed.get_backend_name() == "sqlite" and bool(parsed.database) and not Path(parsed.database).exists()


def record_event(settings: Settings, actor: str, action: str, target: str = "", detail: dict | None = None) -> bool:
    """Record an event from a command (own connection). Without a migrated database (a pipeline run
    with no portal) there is no trail to write to: returns False."""
    url = database_url(settings)
    if _never_created(url):
        return False
    database = Database(url)
    try:
        with database.session() as session:
            if not inspect(session.connection()).has_table(AuditEvent.__tablename__):
                return False
            add_event(session, actor, action, target, detail)
            prune(session, settings.audit_retention_days)
        return True
    except DatabaseUnavailable:
        return False
    finally:
        database.dispose()


def prune(session: Session, retention_days: int) -> None:
    """Delete events older than the retention (0: keep for ever)."""
    if retention_days > 0:
        session.execute(delete(AuditEvent).where(AuditEvent.at < utcnow() - timedelta(days=retention_days)))


@dataclass(frozen=True)
class AuditFilter:
    """What the admins' page and its CSV select: an action, an actor (part of), a target, dates."""

    action: str = ""
    actor: str = ""
    target: str = ""
    since: date | None = None
    until: date | None = None

    def query(self) -> Select:
        query = select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        if self.action:
            query = query.where(AuditEvent.action == self.action)
        if self.actor:
            query = query.where(AuditEvent.actor.contains(self.actor, autoescape=True))
        if self.target:
            query = query.where(AuditEvent.target == self.target)
        if self.since:
            query = query.where(AuditEvent.at >= datetime.combine(self.since, datetime.min.time(), tzinfo=utcnow().tzinfo))
        if self.until:
            end = datetime.combine(self.until, datetime.min.time(), tzinfo=utcnow().tzinfo) + timedelta(days=1)
            query = query.where(AuditEvent.at < end)
        return query


def events(session: Session, selection: AuditFilter, limit: int | None = None) -> Iterable[AuditEvent]:
    query = selection.query()
    if limit:
        query = query.limit(limit)
    return session.scalars(query)
