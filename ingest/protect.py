"""The protect step: the last stage before a document is indexed (pure).

Curators' protection of the people a document names and their content-note verdicts live in the
database (giai/db/protection.py), read once per run; this step applies them to every document the
run indexes, so both survive re-ingestion: pages flagged for content notes (rules, then curators'
verdicts), names proposed for review from the original text, then the protected names replaced
by pseudonyms (giai/protected_names.py) and whether a curator marked the original safe.
"""

from __future__ import annotations

from typing import Any

from giai.content_notes import apply_content_notes
from giai.db.protection import ProtectionState
from giai.name_candidates import find_candidates
from giai.protected_names import protect_document, spellings

MAX_CANDIDATES = 50


def protect_source(source: dict[str, Any], state: ProtectionState) -> dict[str, Any]:
    """`source` (a freshly built document, original text) as it must be indexed."""
    noted = apply_content_notes(source, state.note_marks.get(source["id"]))
    names = [n for n in state.names if n.applies_to(source)]
    known = [s for n in names for s in spellings(n.spellings)]
    candidates = find_candidates(noted.get("pages") or [], known=known)[:MAX_CANDIDATES]
    protection = {}
    if candidates:
        protection["candidates"] = [{"name": c.name, "page": c.page, "context": c.context} for c in candidates]
    if source["id"] in state.safe:
        protection["safe"] = True
    if protection:
        noted["protection"] = protection
    return protect_document(noted, names)
