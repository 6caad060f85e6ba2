"""The ingestion ledger's contract: where it is, its schema and its statuses, which the pipeline
writes through (`ingest.ledger`), and the portal's read-only view of it (which never imports
`ingest`): the files of an index that could not be extracted (quarantined, needs_ocr) and the state
of given files, the same rows `giai ingest status --json` shows.

The ledger is the SQLite file `data_dir/ingest/<alias>/ledger.sqlite`; the view opens it
read-only, so a reader never blocks or changes a running ingestion.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from giai.settings import Settings

INDEXED, UNCHANGED, QUARANTINED, NEEDS_OCR = "indexed", "unchanged", "quarantined", "needs_ocr"
# Taken out of the index: its file left its source, or a person took it down (ingest/withdraw.py).
WITHDRAWN = "withdrawn"
STATUSES = (INDEXED, UNCHANGED, NEEDS_OCR, QUARANTINED, WITHDRAWN)
NOT_EXTRACTED = (QUARANTINED, NEEDS_OCR)

SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    doc_id TEXT PRIMARY KEY,
    organisation TEXT NOT NULL,
    source_kind TEXT NOT NULL,
    locator TEXT NOT NULL,
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    metadata_digest TEXT NOT NULL DEFAULT '',
    size INTEGER NOT NULL,
    media_type TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT '',
    pages INTEGER NOT NULL DEFAULT 0,
    language TEXT NOT NULL DEFAULT '',
    languages TEXT NOT NULL DEFAULT '[]',
    title TEXT NOT NULL DEFAULT '',
    warnings TEXT NOT NULL DEFAULT '[]',
    first_seen TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    checked_at TEXT NOT NULL,
    sidecar_digest TEXT NOT NULL DEFAULT '',
    withdrawn_at TEXT NOT NULL DEFAULT '',
    absent_runs INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS withdrawn (
    doc_id TEXT PRIMARY KEY,
    withdrawn_at TEXT NOT NULL,
    reason TEXT NOT NULL,
    actor TEXT NOT NULL,
    manual INTEGER NOT NULL,
    document TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
# The columns a writer sets; first_seen, updated_at and checked_at are stamped by the ledger.
COLUMNS = (
    "doc_id organisation source_kind locator path sha256 metadata_digest size media_type status reason detail pages "
    "language languages title warnings sidecar_digest"
).split()
# Columns added after the first ledgers were written, with their SQL type and default.
LATER_COLUMNS = {
    "metadata_digest": "TEXT NOT NULL DEFAULT ''",
    "sidecar_digest": "TEXT NOT NULL DEFAULT ''",
    "withdrawn_at": "TEXT NOT NULL DEFAULT ''",
    "absent_runs": "INTEGER NOT NULL DEFAULT 0",
}
# The columns the portal's view reads.
VIEW_COLUMNS = ("doc_id", "organisation", "path", "status", "reason", "detail", "language", "languages", "title", "updated_at")


def ledger_path(settings: Settings, alias: str) -> Path:
    return settings.data_dir / "ingest" / alias / "ledger.sqlite"


def _rows(settings: Settings, where: str, params: Iterable[object]) -> list[dict]:
    path = ledger_path(settings, settings.index)
    if not path.is_file():
        return []  # nothing ingested into this index yet
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    db.row_factory = sqlite3.Row
    try:
        rows = [dict(r) for r in db.execute(f"SELECT {', '.join(VIEW_COLUMNS)} FROM files WHERE {where} ORDER BY organisation, path", tuple(params))]
    except sqlite3.OperationalError:
        return []  # a ledger being created has no table yet
    finally:
        db.close()
    for row in rows:
        row["languages"] = json.loads(row["languages"] or "[]")
    return rows


def not_extracted(settings: Settings, organisations: Iterable[str] | None, language: str | None = None) -> list[dict]:
    """Quarantined and needs_ocr files of the index, of `organisations` (None: every one), in
    `language` when given (files whose language is unknown are listed under every language)."""
    where = f"status IN ({', '.join('?' * len(NOT_EXTRACTED))})"
    params: list[object] = list(NOT_EXTRACTED)
    if organisations is not None:
        orgs = sorted(organisations)
        if not orgs:
            return []
        where += f" AND organisation IN ({', '.join('?' * len(orgs))})"
        params += orgs
    if language:
        where += " AND (language = ? OR language = '')"
        params.append(language)
    return _rows(settings, where, params)


def files_by_path(settings: Settings, paths: Iterable[str]) -> dict[str, dict]:
    """path → ledger row for the given display paths (those that have a row yet)."""
    wanted = sorted(set(paths))
    if not wanted:
        return {}
    rows = _rows(settings, f"path IN ({', '.join('?' * len(wanted))})", wanted)
    return {row["path"]: row for row in rows}


def status_counts(settings: Settings) -> dict[str, int]:
    """Files of the index's ledger per status (quarantined, indexed, …), for the portal's metrics."""
    path = ledger_path(settings, settings.index)
    if not path.is_file():
        return {}
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    try:
        return dict(db.execute("SELECT status, COUNT(*) FROM files GROUP BY status").fetchall())
    except sqlite3.OperationalError:
        return {}
    finally:
        db.close()
def ledger_files(settings: Settings) -> list[Path]:
    """The ledger of every index of the data directory."""
    return sorted((settings.data_dir / "ingest").glob("*/ledger.sqlite"))


def _withdrawn_rows(settings: Settings, where: str, params: Iterable[object]) -> list[dict]:
    path = ledger_path(settings, settings.index)
    if not path.is_file():
        return []
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    db.row_factory = sqlite3.Row
    try:
        rows = [dict(r) for r in db.execute(
            "SELECT w.doc_id, w.withdrawn_at, w.reason, w.actor, w.manual, w.document, f.organisation, f.path "
            f"FROM withdrawn w JOIN files f ON f.doc_id = w.doc_id WHERE {where} ORDER BY w.withdrawn_at DESC",
            tuple(params),
        )]
    except sqlite3.OperationalError:
        return []  # a ledger from before withdrawals
    finally:
        db.close()
    for row in rows:
        row["document"] = json.loads(row["document"] or "{}")
    return rows


def withdrawal(settings: Settings, doc_id: str) -> dict | None:
    """The withdrawal of `doc_id` from the index (date, reason, who, the document as it was
    indexed: `{}` once purged), or None when it is not withdrawn."""
    rows = _withdrawn_rows(settings, "w.doc_id = ?", [doc_id])
    return rows[0] if rows else None


def withdrawals(settings: Settings, organisations: Iterable[str] | None) -> list[dict]:
    """Withdrawn documents of `organisations` (None: every one), the latest first."""
    if organisations is None:
        return _withdrawn_rows(settings, "1 = 1", [])
    orgs = sorted(organisations)
    if not orgs:
        return []
    return _withdrawn_rows(settings, f"f.organisation IN ({', '.join('?' * len(orgs))})", orgs)
