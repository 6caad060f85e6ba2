"""Tables of protection: protected names, originals marked safe to share, curators' content-note
flags of pages, decisions on proposed names, and readers' content-note preference.

The pipeline reads them all at the start of a run (`protection_state`), as it reads curators'
corrections, so protection and flags survive re-ingestion; the portal writes them and applies them
to the index at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, inspect, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from giai.db.curation import _never_created
from giai.db.engine import Database, database_url
from giai.db.models import Base, utcnow
from giai.protected_names import ProtectedName
from giai.settings import Settings


class ProtectedNameRow(Base):
    """A protected person of an organisation: for its whole collection (`doc_id` None) or for one
    document and its translation group."""

    __tablename__ = "protected_names"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation: Mapped[str] = mapped_column(String(64), index=True)
    doc_id: Mapped[str | None] = mapped_column(String(64), index=True)
    translation_group: Mapped[str | None] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(16))
    spellings: Mapped[Any] = mapped_column(JSON)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    user_email: Mapped[str] = mapped_column(String(254))
    at: Mapped[datetime] = mapped_column(default=utcnow)

    def as_name(self) -> ProtectedName:
        return ProtectedName(self.id, self.organisation, tuple(self.spellings), self.role, self.doc_id, self.translation_group)


class SafeOriginal(Base):
    """A curator's word that a protected document's original file may be downloaded by anyone who
    may see the document (the file names nobody, or was published so)."""

    __tablename__ = "safe_originals"

    doc_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    organisation: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(default=utcnow)


class ContentNoteMark(Base):
    """A curator's verdict on one page: flagged (confirmed or added) or not (a rule's flag removed)."""

    __tablename__ = "content_note_marks"

    doc_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    page: Mapped[int] = mapped_column(primary_key=True)
    organisation: Mapped[str] = mapped_column(String(64))
    flagged: Mapped[bool]
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    user_email: Mapped[str] = mapped_column(String(254))
    at: Mapped[datetime] = mapped_column(default=utcnow)


class CandidateDecision(Base):
    """A curator's decision on a name the pipeline proposed: `protected` or `dismissed`."""

    __tablename__ = "name_candidate_decisions"

    doc_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    organisation: Mapped[str] = mapped_column(String(64))
    decision: Mapped[str] = mapped_column(String(16))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(default=utcnow)


class ReaderPreference(Base):
    """A signed-in reader's choice: see content notes before graphic pages (`notes`) or not (`show`)."""

    __tablename__ = "reader_preferences"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    content_notes: Mapped[str] = mapped_column(String(8))


@dataclass
class ProtectionState:
    """What the pipeline applies to every document it indexes."""

    names: list[ProtectedName] = field(default_factory=list)
    safe: set[str] = field(default_factory=set)
    note_marks: dict[str, dict[int, bool]] = field(default_factory=dict)

    def for_document(self, doc_id: str, organisation: str) -> ProtectionState:
        """The part one document of `organisation` needs (what a worker is sent)."""
        return ProtectionState(
            names=[n for n in self.names if n.organisation == organisation],
            safe={doc_id} & self.safe,
            note_marks={doc_id: self.note_marks[doc_id]} if doc_id in self.note_marks else {},
        )


def load_state(session: Session) -> ProtectionState:
    state = ProtectionState()
    state.names = [row.as_name() for row in session.scalars(select(ProtectedNameRow).order_by(ProtectedNameRow.id))]
    state.safe = set(session.scalars(select(SafeOriginal.doc_id)))
    for mark in session.scalars(select(ContentNoteMark)):
        state.note_marks.setdefault(mark.doc_id, {})[mark.page] = mark.flagged
    return state


def protection_state(settings: Settings) -> ProtectionState:
    """The protection the pipeline applies; empty when the database was never created or migrated
    this far (DatabaseUnavailable when it cannot be read: see corrections_by_document)."""
    url = database_url(settings)
    if _never_created(url):
        return ProtectionState()
    database = Database(url)
    try:
        with database.session() as session:
            if not inspect(session.connection()).has_table(ProtectedNameRow.__tablename__):
                return ProtectionState()
            return load_state(session)
    finally:
        database.dispose()
