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
STATUSES = (INDEXED, UNCHANGED, NEEDS_OCR, QUARANTINED)
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
    checked_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
# The columns a writer sets; first_seen, updated_at and checked_at are stamped by the ledger.
COLUMNS = (
    "doc_id organisation source_kind locator path sha256 metadata_digest size media_type status reason detail pages "
    "language languages title warnings"
).split()
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
