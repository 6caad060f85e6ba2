"""Withdrawal: taking a document out of the index at once, keeping what is needed to bring it back.

A document is withdrawn when its file left its source (a complete run of a folder or inbox source
no longer lists it; a feed left it out for `GIAI_INGEST_FEED_ABSENT_RUNS` runs) or when a person
takes it down (`giai withdraw`, or the portal's action, which runs that command). It is deleted
from the index with a refresh, so every read path (results, counts, suggestions, pages, downloads,
exports, feeds, the API) stops finding it before the command returns; its ledger row becomes
`withdrawn` with the date, and the indexed document is kept in the ledger, so `giai
restore-document` can put it back and the portal can answer 410 to those who could see it. Raw
bytes are never deleted here; only `purge` (an admin's decision) deletes them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from elasticsearch import Elasticsearch, NotFoundError, helpers

from giai.db.audit import record_event
from giai.ledger import INDEXED, QUARANTINED, WITHDRAWN, ledger_files, ledger_path
from giai.raw_store import provenance_file, raw_path
from giai.settings import Settings
from giai.write_lock import data_lock
from ingest.index import open_index
from ingest.ledger import Ledger


class WithdrawalError(ValueError):
    """The document cannot be withdrawn, restored or purged; the message says why in one line."""


@dataclass(frozen=True)
class SourceScope:
    """The files one source lists when it is listed completely: its kind, its organisation (None:
    any, for a folder named on the command line) and the prefix of their locators."""

    source_kind: str
    organisation: str | None
    prefix: str


def take_down(
    client: Elasticsearch, alias: str, ledger: Ledger, doc_ids: Iterable[str], *, reason: str, actor: str, manual: bool
) -> list[str]:
    """Withdraw `doc_ids` from `alias`: ledger first (so a reader who arrives in between already
    gets 410), then the index, refreshed before returning. Returns the ids withdrawn."""
    done = []
    for doc_id in doc_ids:
        try:
            document = client.get(index=alias, id=doc_id)["_source"]
        except NotFoundError:
            document = None
        ledger.mark_withdrawn(doc_id, reason=reason, actor=actor, manual=manual, document=document)
        done.append(doc_id)
    if done:
        actions = ({"_op_type": "delete", "_index": alias, "_id": d} for d in done)
        helpers.bulk(client, actions, raise_on_error=False, refresh="wait_for")
        client.indices.refresh(index=alias)
    return done


def withdraw_missing(
    client: Elasticsearch, alias: str, ledger: Ledger, scopes: Iterable[SourceScope], listed: set[tuple[str, str]],
    *, feed_absent_runs: int,
) -> list[str]:
    """Withdraw the files of completely listed sources that this run did not list; a feed's file
    only after it was absent from `feed_absent_runs` runs in a row (feeds drop old entries)."""
    gone, absent = [], []
    for scope in scopes:
        for row in ledger.in_scope(scope.source_kind, scope.organisation, scope.prefix):
            if (row["organisation"], row["locator"]) in listed:
                continue
            if scope.source_kind == "feed" and row["absent_runs"] + 1 < feed_absent_runs:
                absent.append(row["doc_id"])
            else:
                gone.append(row["doc_id"])
    ledger.count_absence(absent)
    return take_down(client, alias, ledger, gone, reason="gone from its source", actor="pipeline", manual=False)


def _ledger(settings: Settings) -> Ledger:
    path = ledger_path(settings, settings.index)
    if not path.is_file():
        raise WithdrawalError(f"nothing was ever ingested into {settings.index}")
    return Ledger(path)


def withdraw(settings: Settings, doc_id: str, reason: str, actor: str) -> str:
    """Take `doc_id` down at once; returns the date. WithdrawalError when it is unknown or
    already withdrawn."""
    ledger = _ledger(settings)
    try:
        row = ledger.row(doc_id)
        if row is None:
            raise WithdrawalError(f"no document {doc_id} in {settings.index}")
        if row["status"] == WITHDRAWN and doc_id in ledger.manually_withdrawn():
            raise WithdrawalError(f"{doc_id} was already withdrawn on {row['withdrawn_at']}")
        client, _ = open_index(settings)
        with data_lock(settings, exclusive=False):  # never half done in a backup
            take_down(client, settings.index, ledger, [doc_id], reason=reason, actor=actor, manual=True)
        record_event(settings, actor, "withdraw", doc_id, {"reason": reason, "organisation": row["organisation"]})
        return ledger.row(doc_id)["withdrawn_at"]
    finally:
        ledger.close()


def restore(settings: Settings, doc_id: str, actor: str) -> None:
    """Put a withdrawn document back in the index as it was (its file need not be in its source
    any more); one never indexed is processed again by the next run."""
    ledger = _ledger(settings)
    try:
        record = ledger.withdrawal(doc_id)
        if record is None:
            raise WithdrawalError(f"{doc_id} is not withdrawn from {settings.index}")
        document = record["document"]
        if document:
            client, _ = open_index(settings)
            with data_lock(settings, exclusive=False):
                client.index(index=settings.index, id=doc_id, document=document, refresh="wait_for")
                ledger.mark_restored(doc_id, INDEXED)
        else:
            ledger.mark_restored(doc_id, QUARANTINED)
            ledger.forget_content([doc_id])
        record_event(settings, actor, "restore", doc_id, {})
    finally:
        ledger.close()


def purge(settings: Settings, doc_id: str, actor: str) -> bool:
    """Delete a withdrawn document's kept text and, unless another file of any index holds the same
    content, its raw bytes. Returns whether the bytes were deleted."""
    ledger = _ledger(settings)
    try:
        record = ledger.withdrawal(doc_id)
        if record is None:
            raise WithdrawalError(f"{doc_id} is not withdrawn: withdraw it before purging it")
        sha256 = ledger.row(doc_id)["sha256"]
        ledger.drop_kept_document(doc_id)
    finally:
        ledger.close()
    deleted = False
    if sha256 and _users_of(settings, sha256) == 1:
        path = raw_path(settings, sha256)
        deleted = path.exists()
        path.unlink(missing_ok=True)
        provenance_file(path).unlink(missing_ok=True)
    record_event(settings, actor, "purge", doc_id, {"raw_deleted": deleted})
    return deleted


def _users_of(settings: Settings, sha256: str) -> int:
    """How many ledger rows of every index hold this content (the raw store is shared)."""
    total = 0
    for path in ledger_files(settings):
        ledger = Ledger(path)
        try:
            total += ledger.sha256_users(sha256)
        finally:
            ledger.close()
    return total
