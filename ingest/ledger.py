"""The ledger's writer: what became of each file in one index, in SQLite under
data_dir/ingest/<alias>/ (its schema and statuses: `giai.ledger`, which the portal reads through).

One row per document id. Rows are written only after Elasticsearch acknowledged the document (or
after the file was quarantined), in one transaction per batch, so a run killed at any point leaves
rows that are all true; a file without a row is simply processed again. The ledger is kept per
index alias, so the same files ingested into another index are indexed there too.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from giai.ledger import COLUMNS, INDEXED, LATER_COLUMNS, QUARANTINED, SCHEMA, UNCHANGED, WITHDRAWN
from giai.private_files import private_file
from ingest.models import utc_now


class Known(NamedTuple):
    """The content and metadata a row was made from (a file is unchanged when both match)."""

    sha256: str
    metadata_digest: str
    status: str
    first_seen: str = ""


@dataclass(frozen=True)
class Entry:
    """One file's row: where it is, which content was processed, and what became of it."""

    doc_id: str
    organisation: str
    source_kind: str
    locator: str
    path: str
    sha256: str
    size: int
    status: str
    metadata_digest: str = ""
    media_type: str = ""
    reason: str = ""
    detail: str = ""
    pages: int = 0
    language: str = ""
    languages: tuple[str, ...] = ()
    title: str = ""
    warnings: tuple[str, ...] = ()
    sidecar_digest: str = ""

    def values(self) -> tuple:
        row = {
            **self.__dict__,
            "languages": json.dumps(list(self.languages)),
            "warnings": json.dumps(list(self.warnings)),
        }
        return tuple(row[c] for c in COLUMNS)


class Ledger:
    """The ledger file at `path`, created on first use. Use from one thread."""

    def __init__(self, path: Path):
        private_file(path)
        self.path = path
        self.db = sqlite3.connect(path, timeout=30)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)
        columns = {row["name"] for row in self.db.execute("PRAGMA table_info(files)")}
        with self.db:  # a ledger written before these columns existed
            for name, declaration in LATER_COLUMNS.items():
                if name not in columns:
                    self.db.execute(f"ALTER TABLE files ADD COLUMN {name} {declaration}")

    def close(self) -> None:
        self.db.close()

    def known(self) -> dict[str, Known]:
        """doc_id → what was processed and its status, to skip unchanged files before extraction."""
        rows = self.db.execute("SELECT doc_id, sha256, metadata_digest, status, first_seen FROM files")
        return {r["doc_id"]: Known(r["sha256"], r["metadata_digest"], r["status"], r["first_seen"]) for r in rows}

    def record(self, entries: Iterable[Entry]) -> None:
        """Insert or replace rows for processed files, in one transaction; a file processed again
        is no longer withdrawn (it came back to its source)."""
        entries = list(entries)
        stamp = utc_now()
        placeholders = ", ".join("?" for _ in COLUMNS)
        updates = ", ".join(f"{c} = excluded.{c}" for c in COLUMNS if c != "doc_id")
        with self.db:
            self.db.executemany(
                f"INSERT INTO files ({', '.join(COLUMNS)}, first_seen, updated_at, checked_at) "
                f"VALUES ({placeholders}, ?, ?, ?) ON CONFLICT(doc_id) DO UPDATE SET {updates}, "
                "updated_at = excluded.updated_at, checked_at = excluded.checked_at, withdrawn_at = '', absent_runs = 0",
                [e.values() + (stamp, stamp, stamp) for e in entries],
            )
            self.db.executemany("DELETE FROM withdrawn WHERE doc_id = ?", [(e.doc_id,) for e in entries])

    def mark_unchanged(self, doc_ids: Iterable[str]) -> None:
        """Files found again with the same content: indexed ones become `unchanged`; quarantined
        and needs_ocr ones keep their status (and reason), which is what a reader needs to see."""
        stamp = utc_now()
        with self.db:
            self.db.executemany(
                "UPDATE files SET checked_at = ?, absent_runs = 0, "
                "status = CASE WHEN status = ? THEN ? ELSE status END WHERE doc_id = ?",
                [(stamp, INDEXED, UNCHANGED, d) for d in doc_ids],
            )

    def forget_content(self, doc_ids: Iterable[str]) -> None:
        """Make these rows process again on the next run (their document is missing from the index)."""
        with self.db:
            self.db.executemany("UPDATE files SET sha256 = '' WHERE doc_id = ?", [(d,) for d in doc_ids])

    def in_index(self) -> list[str]:
        """Ids the ledger believes are in Elasticsearch (every status but quarantined and withdrawn)."""
        return [
            r[0] for r in self.db.execute("SELECT doc_id FROM files WHERE status NOT IN (?, ?)", (QUARANTINED, WITHDRAWN))
        ]

    def row(self, doc_id: str) -> dict | None:
        found = self.db.execute("SELECT * FROM files WHERE doc_id = ?", (doc_id,)).fetchone()
        return dict(found) if found else None

    def locators(self) -> dict[tuple[str, str], str]:
        """(organisation, locator) → doc_id: where each document was last seen, so a file keeps the
        id it was given even after it moved (ingest/identity.py)."""
        rows = self.db.execute("SELECT organisation, locator, doc_id FROM files")
        return {(r["organisation"], r["locator"]): r["doc_id"] for r in rows}

    def same_content(self, organisation: str, sha256: str, sidecar_digest: str) -> list[dict]:
        """Rows of `organisation` made from this content and sidecar, oldest first."""
        rows = self.db.execute(
            "SELECT * FROM files WHERE organisation = ? AND sha256 = ? AND sidecar_digest = ? ORDER BY first_seen, doc_id",
            (organisation, sha256, sidecar_digest),
        )
        return [dict(r) for r in rows]

    def in_scope(self, source_kind: str, organisation: str | None, prefix: str) -> list[dict]:
        """Rows of files a source lists (its kind, its organisation unless None, locators under
        `prefix`) that are not withdrawn yet."""
        rows = self.db.execute(
            "SELECT doc_id, organisation, locator, absent_runs FROM files WHERE source_kind = ? AND status != ? "
            "AND substr(locator, 1, ?) = ?",
            (source_kind, WITHDRAWN, len(prefix), prefix),
        )
        return [dict(r) for r in rows if organisation is None or r["organisation"] == organisation]

    def count_absence(self, doc_ids: Iterable[str]) -> None:
        with self.db:
            self.db.executemany("UPDATE files SET absent_runs = absent_runs + 1 WHERE doc_id = ?", [(d,) for d in doc_ids])

    def mark_withdrawn(self, doc_id: str, *, reason: str, actor: str, manual: bool, document: dict | None) -> str:
        """Mark the row `withdrawn` (with the date) and keep the indexed document, so it can be
        restored and its former readers told it is gone (410). Returns the date."""
        stamp = utc_now()
        with self.db:
            self.db.execute(
                "UPDATE files SET status = ?, withdrawn_at = ?, updated_at = ?, reason = ?, detail = ? WHERE doc_id = ?",
                (WITHDRAWN, stamp, stamp, "manual" if manual else "missing", reason, doc_id),
            )
            self.db.execute(
                "INSERT INTO withdrawn (doc_id, withdrawn_at, reason, actor, manual, document) VALUES (?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(doc_id) DO UPDATE SET withdrawn_at = excluded.withdrawn_at, reason = excluded.reason, "
                "actor = excluded.actor, manual = excluded.manual",
                (doc_id, stamp, reason, actor, int(manual), json.dumps(document or {}, ensure_ascii=False)),
            )
        return stamp

    def withdrawal(self, doc_id: str) -> dict | None:
        found = self.db.execute("SELECT * FROM withdrawn WHERE doc_id = ?", (doc_id,)).fetchone()
        if not found:
            return None
        record = dict(found)
        record["document"] = json.loads(record["document"])
        return record

    def drop_kept_document(self, doc_id: str) -> None:
        """Forget a withdrawn document's text (a purge): it stays withdrawn, and can no longer be restored."""
        with self.db:
            self.db.execute("UPDATE withdrawn SET document = '{}', manual = 1 WHERE doc_id = ?", (doc_id,))

    def manually_withdrawn(self) -> set[str]:
        """Ids taken down by a person: the pipeline leaves them down even while their file is there."""
        return {r[0] for r in self.db.execute("SELECT doc_id FROM withdrawn WHERE manual = 1")}

    def mark_restored(self, doc_id: str, status: str) -> None:
        with self.db:
            self.db.execute(
                "UPDATE files SET status = ?, withdrawn_at = '', reason = '', detail = '', updated_at = ?, absent_runs = 0 "
                "WHERE doc_id = ?",
                (status, utc_now(), doc_id),
            )
            self.db.execute("DELETE FROM withdrawn WHERE doc_id = ?", (doc_id,))

    def sha256_users(self, sha256: str) -> int:
        return self.db.execute("SELECT count(*) FROM files WHERE sha256 = ?", (sha256,)).fetchone()[0]

    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.db:
            self.db.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def rows(self) -> list[dict]:
        """Every row as a dict, languages and warnings decoded, ordered by organisation and path."""
        result = []
        for r in self.db.execute("SELECT * FROM files ORDER BY organisation, path"):
            row = dict(r)
            row["languages"] = json.loads(row["languages"])
            row["warnings"] = json.loads(row["warnings"])
            result.append(row)
        return result


def summarise(rows: Iterable[dict]) -> dict[str, dict[str, dict[str, int]]]:
    """organisation → language → status → number of files (language `?` when none is known)."""
    table: dict[str, dict[str, dict[str, int]]] = {}
    for row in rows:
        cell = table.setdefault(row["organisation"], {}).setdefault(row["language"] or "?", {})
        cell[row["status"]] = cell.get(row["status"], 0) + 1
    return table
