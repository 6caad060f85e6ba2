"""Reading a document for curation and writing corrections: the database records them (current
correction and history) and the indexed document is updated at once, in one step.

The database rows are written first and flushed, the index is updated, and only then is the
transaction committed: if Elasticsearch refuses, nothing is recorded and the curator sees an error
(no edit is lost silently); the pipeline re-applies recorded corrections at every re-ingestion.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from elasticsearch import exceptions as es_errors
from flask import abort
from sqlalchemy import select
from sqlalchemy.orm import Session

from giai import curation
from giai.access import Viewer
from giai.db.curation import Change, Correction
from giai.db.models import User, utcnow
from portal.search import query
from portal.state import portal

SOURCE_EXCLUDES = ["pages", "fragments"]


def visible_document(doc_id: str, viewer: Viewer) -> dict[str, Any] | None:
    """The indexed document (without pages) if `viewer` may see it, else None."""
    hits = portal().service.read(query.visible_body(doc_id, viewer, {"excludes": SOURCE_EXCLUDES}), viewer)["hits"]["hits"]
    return hits[0]["_source"] | {"id": doc_id} if hits else None


def editable_document(doc_id: str, viewer: Viewer) -> dict[str, Any] | None:
    """The document if `viewer` may see it and curates its organisation, else None (a 404: whether
    it exists is not disclosed to those who may not edit it)."""
    source = visible_document(doc_id, viewer)
    if source is None or not viewer.curates(source.get("organisation", "")):
        return None
    return source


def _update_index(doc_id: str, partial: dict[str, Any]) -> None:
    """Apply `partial` to the document through the alias, visible to the next search; a document
    removed meanwhile (its file left the source) is a 404 and the transaction is rolled back."""
    try:
        portal().service.update(doc_id, partial)
    except es_errors.NotFoundError:
        abort(404)


def corrections_of(session: Session, doc_id: str) -> dict[str, tuple[Correction, str]]:
    """field → (correction, email of who made it) for one document."""
    rows = session.execute(
        select(Correction, User.email).outerjoin(User, User.id == Correction.user_id).where(Correction.doc_id == doc_id)
    )
    return {c.field: (c, email or "") for c, email in rows}


def history_of(session: Session, doc_id: str) -> list[Change]:
    """The document's changes, newest first."""
    return list(session.scalars(select(Change).where(Change.doc_id == doc_id).order_by(Change.id.desc())))


def parent_of(facet: str, value: str) -> str | None:
    return portal().vocabularies.parent(facet, value)


def apply_correction(
    session: Session, viewer: Viewer, source: dict[str, Any], field: str, value: Any, undoes: Change | None = None
) -> Change:
    """Record `value` as the curated value of `field` (None: remove the correction and restore what
    `undoes` replaced) and update the index; the recorded Change."""
    doc_id, organisation = source["id"], source.get("organisation", "")
    existing = session.get(Correction, (doc_id, field))
    old_correction = existing.value if existing else None
    if undoes is None:
        partial = curation.update_for(field, value, source, parent_of)
        new_value = value
    else:
        value = undoes.old_correction
        partial = (
            curation.update_for(field, value, source, parent_of)
            if value is not None
            else curation.restore_update(field, undoes.old_value, undoes.old_evidence, source, parent_of)
        )
        new_value = value if value is not None else undoes.old_value
    change = Change(
        doc_id=doc_id,
        organisation=organisation,
        field=field,
        old_value=curation.current_value(field, source),
        new_value=new_value,
        old_evidence=curation.old_evidence(field, source),
        old_correction=old_correction,
        new_correction=value,
        user_id=viewer.user_id,
        user_email=viewer.email,
        undoes_id=undoes.id if undoes else None,
    )
    session.add(change)
    if value is None:
        if existing:
            session.delete(existing)
    elif existing:
        existing.value, existing.user_id, existing.updated_at = value, viewer.user_id, utcnow()
    else:
        session.add(Correction(doc_id=doc_id, field=field, organisation=organisation, value=value, user_id=viewer.user_id))
    session.flush()  # a database refusal stops here, before the index changes
    _update_index(doc_id, partial)
    return change


def latest_change_ids(changes: list[Change]) -> set[int]:
    """Ids of the newest change of each field: only those can be undone without clobbering a
    later change of the same field."""
    latest: dict[str, int] = {}
    for change in changes:
        latest[change.field] = max(latest.get(change.field, 0), change.id)
    return set(latest.values())


@dataclass(frozen=True)
class FieldView:
    """One field on the edit page: its current values with their origins, and the correction."""

    name: str
    origins: list[curation.Origin]
    corrected_by: str = ""
    corrected_at: Any = None
