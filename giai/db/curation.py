"""Tables of curation: curators' corrections of documents, the history of every change, and
translators' marks on fragments left in another language.

A `Correction` is the value a curator gave one field of one document; it wins over rules and
sidecars, in the index at once and in the pipeline at every re-ingestion (`corrections_by_document`
is what the pipeline reads, so it never imports the portal). A `Change` is one line of a
document's history: who changed which field when, from what to what; undoing a change is a new
change. Values are JSON: a list of ids for facets, a string for title, date, language and access.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text, inspect, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Mapped, mapped_column

from giai.db.engine import Database, database_url
from giai.db.models import Base, utcnow
from giai.settings import Settings


class Correction(Base):
    """The current curated value of one field of one document."""

    __tablename__ = "corrections"

    doc_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    field: Mapped[str] = mapped_column(String(32), primary_key=True)
    organisation: Mapped[str] = mapped_column(String(64), index=True)
    value: Mapped[Any] = mapped_column(JSON)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class Change(Base):
    """One recorded change. `old_value`/`old_evidence` are what the index held before (so undo can
    restore them); `old_correction`/`new_correction` the correction before and after (None: none)."""

    __tablename__ = "curation_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    doc_id: Mapped[str] = mapped_column(String(64), index=True)
    organisation: Mapped[str] = mapped_column(String(64))
    field: Mapped[str] = mapped_column(String(32))
    old_value: Mapped[Any | None] = mapped_column(JSON)
    new_value: Mapped[Any | None] = mapped_column(JSON)
    old_evidence: Mapped[Any | None] = mapped_column(JSON)
    old_correction: Mapped[Any | None] = mapped_column(JSON)
    new_correction: Mapped[Any | None] = mapped_column(JSON)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    user_email: Mapped[str] = mapped_column(String(254))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    undoes_id: Mapped[int | None] = mapped_column(ForeignKey("curation_changes.id", ondelete="SET NULL"))


def _never_created(url: str) -> bool:
    """A SQLite file that does not exist holds no corrections (and must not be created by reading)."""
    parsed = make_url(url)
    return parsed.get_backend_name() == "sqlite" and bool(parsed.database) and not Path(parsed.database).exists()


def corrections_by_document(settings: Settings) -> dict[str, dict[str, Any]]:
    """doc_id → field → curated value, for the pipeline. Empty when the database was never created
    or migrated; DatabaseUnavailable when it exists but cannot be read (ingesting without the
    corrections would silently undo curators' work)."""
    url = database_url(settings)
    if _never_created(url):
        return {}
    database = Database(url)
    try:
        with database.session() as session:
            if not inspect(session.connection()).has_table(Correction.__tablename__):
                return {}
            found: dict[str, dict[str, Any]] = {}
            for row in session.scalars(select(Correction)):
                found.setdefault(row.doc_id, {})[row.field] = row.value
            return found
    finally:
        database.dispose()


class FragmentMark(Base):
    """A translator's verdict on a fragment left in another language: `fixed` (corrected in the
    source) or `intended` (a quotation, a name: leave it). Keyed by a digest of the fragment's text,
    so the mark holds across re-ingestion while the fragment is unchanged."""

    __tablename__ = "fragment_marks"

    doc_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    page: Mapped[int] = mapped_column(primary_key=True)
    text_digest: Mapped[str] = mapped_column(String(16), primary_key=True)
    mark: Mapped[str] = mapped_column(String(16))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    user_email: Mapped[str] = mapped_column(String(254))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    # the fragment's translation into the document's language, when it came back in an XLIFF file
    translation: Mapped[str | None] = mapped_column(Text)
