"""What a document that is not found answers: 410 Gone to a viewer who could see it before it was
withdrawn (so a reader, a cache or a crawler knows it is gone on purpose and for good), 404 to
everyone else, who must not learn that it existed."""

from __future__ import annotations

from typing import NoReturn

from flask import abort

from giai import ledger as ledger_view
from giai.access import Viewer, may_see
from portal.state import portal


def withdrawn_for(doc_id: str, viewer: Viewer) -> dict | None:
    """The withdrawal of `doc_id` if `viewer` could see the document, else None."""
    record = ledger_view.withdrawal(portal().settings, doc_id)
    if record is None:
        return None
    document = record["document"] or {"organisation": record["organisation"]}  # purged: its organisation only
    return record if may_see(viewer, document) else None


def not_found(doc_id: str, viewer: Viewer) -> NoReturn:
    abort(410 if withdrawn_for(doc_id, viewer) else 404)
