"""Stable identity: a file keeps its document id when it is renamed or moved inside its source.

A document's id is first derived from where its file was found (giai.index_schema.document_id).
The ledger remembers where each id was last seen, so a file found again at that place keeps its id
even after an earlier move; a file at a new place whose content and sidecar are those of a file
that left its old place (not listed by this run, gone from the disk) takes that file's id, and with
it the curators' corrections, the translation links and the URLs. A copy (the old file still there)
is a new document: two different files never share an id.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from ingest.ledger import Ledger
from ingest.models import SourceItem


class Identities:
    """The ids of one run's items, from the ledger of the index they go into."""

    def __init__(self, ledger: Ledger, items: Iterable[SourceItem]):
        self.ledger = ledger
        self.by_locator = ledger.locators()
        self.listed = {(item.effective_organisation, item.locator) for item in items}
        self.adopted: set[str] = set()

    def known(self, item: SourceItem) -> SourceItem:
        """The item with the id its place was given last time (which may be a moved file's)."""
        doc_id = self.by_locator.get((item.effective_organisation, item.locator))
        return replace(item, known_id=doc_id) if doc_id else item

    def moved(self, item: SourceItem, sha256: str) -> SourceItem:
        """A new place's item with the id of the same content and sidecar that left its place."""
        if item.known_id or item.path is None:
            return item
        for row in self.ledger.same_content(item.effective_organisation, sha256, item.sidecar_digest):
            if (
                row["doc_id"] in self.adopted
                or row["source_kind"] != item.source_kind
                or (row["organisation"], row["locator"]) in self.listed
                or Path(row["path"]).exists()
            ):
                continue
            self.adopted.add(row["doc_id"])
            return replace(item, known_id=row["doc_id"])
        return item
