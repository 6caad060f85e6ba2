"""Protecting and unprotecting names, for the command line and the curation pages alike: the
database row, the documents re-protected in the index at once, and a line in each concerned
document's curation history (the audit trail of protection until the portal has a general one).

The row is flushed before the index changes and the transaction commits after, as for curators'
corrections: if Elasticsearch refuses, nothing is recorded.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from giai.db.curation import Change
from giai.db.protection import ProtectedNameRow
from giai.protected_names import ROLES, ProtectedName
from giai.protection_index import concerned_query

# reprotect(names, query) → ids of the documents the protect step changed (and wrote back)
Reprotect = Callable[[list[ProtectedName], dict[str, Any]], list[str]]
# group_of(doc_id) → (organisation, translation group) of an indexed document, or None
GroupOf = Callable[[str], "tuple[str, str | None] | None"]

HISTORY_FIELD = "protected_name"


class ProtectionError(ValueError):
    """A protection that cannot be made; the message says why."""


def organisation_names(session: Session, organisation: str) -> list:
    rows = session.scalars(select(ProtectedNameRow).where(ProtectedNameRow.organisation == organisation)
                           .order_by(ProtectedNameRow.id))
    return [row.as_name() for row in rows]


def _described(row: ProtectedNameRow) -> str:
    return f"{' / '.join(row.spellings)} ({row.role})"


def _record(session: Session, doc_ids: Sequence[str], row: ProtectedNameRow, added: bool, user_id: int | None,
            user_email: str) -> None:
    for doc_id in doc_ids:
        session.add(Change(
            doc_id=doc_id, organisation=row.organisation, field=HISTORY_FIELD,
            old_value=None if added else _described(row), new_value=_described(row) if added else None,
            old_evidence=None, old_correction=None, new_correction=None, user_id=user_id, user_email=user_email,
        ))


def protect(session: Session, reprotect: Reprotect, group_of: GroupOf, *, organisation: str, spellings: Sequence[str],
            role: str = "person", doc_id: str | None = None, user_id: int | None = None,
            user_email: str = "command line") -> tuple[ProtectedNameRow, list[str]]:
    """Protect a name of `organisation` (in `doc_id` and its translations, else in its whole
    collection); the row and the ids of the documents that changed."""
    spellings = [" ".join(s.split()) for s in spellings if s and s.strip()]
    if not spellings:
        raise ProtectionError("give the name (and any other spellings)")
    if role not in ROLES:
        raise ProtectionError(f"role must be one of {', '.join(ROLES)}")
    group = None
    if doc_id is not None:
        found = group_of(doc_id)
        if found is None or found[0] != organisation:
            raise ProtectionError(f"no document {doc_id} of {organisation} in the index")
        group = found[1]
    row = ProtectedNameRow(organisation=organisation, doc_id=doc_id, translation_group=group, role=role,
                           spellings=list(spellings), user_id=user_id, user_email=user_email)
    session.add(row)
    session.flush()
    changed = reprotect(organisation_names(session, organisation), concerned_query(organisation, doc_id, group))
    _record(session, changed, row, True, user_id, user_email)
    return row, changed


def unprotect(session: Session, reprotect: Reprotect, name_id: int, *, user_id: int | None = None,
              user_email: str = "command line") -> list[str]:
    """Remove a protected name; the ids of the documents whose text it gives back."""
    row = session.get(ProtectedNameRow, name_id)
    if row is None:
        raise ProtectionError(f"no protected name {name_id}")
    session.delete(row)
    session.flush()
    query = concerned_query(row.organisation, row.doc_id, row.translation_group)
    changed = reprotect(organisation_names(session, row.organisation), query)
    _record(session, changed, row, False, user_id, user_email)
    return changed
