"""`giai backup DIR` and `giai restore DIR`: the index, the database, the raw store and the ledgers
together, with a manifest of checksums.

A backup holds `manifest.json` (written last: a folder without it is not a backup), the ledgers
(SQLite online backup), an Elasticsearch snapshot of every index a ledger names (commands/es_snapshot.py),
the database (giai/db/dump.py), the raw store, the inbox and the portal's secret key. The ledgers
are copied before the snapshot, under the data directory's lock (giai/write_lock.py), so the
snapshot holds every document a ledger row says is indexed; a restore drops the documents the
snapshot holds beyond its ledger (ingested while the backup ran: the next run indexes them again),
so what comes back is consistent: no ledger row without its document, nor the reverse.

A restore goes into an empty data directory, an empty database and a cluster without these
indices, and checks every file against the manifest first.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from elasticsearch import Elasticsearch, helpers

from commands import es_snapshot, local_node
from giai.db import dump as db_dump
from giai.db.engine import database_url
from giai.es import connect
from giai.ledger import ledger_files, ledger_path
from giai.private_files import private_directory
from giai.settings import Settings
from giai.write_lock import data_lock

MANIFEST = "manifest.json"
FORMAT = 1
LEDGERS, RAW, INBOX, DATABASE = "ledgers", "raw", "inbox", "database"
SECRET_KEY = "portal-secret-key"
# Ledger statuses whose document is in the index.
IN_INDEX = ("indexed", "unchanged", "needs_ocr")


class BackupError(RuntimeError):
    """The backup or the restore cannot be made; one readable line."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _files(folder: Path) -> dict[str, dict]:
    return {
        path.relative_to(folder).as_posix(): {"sha256": _sha256(path), "size": path.stat().st_size}
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != MANIFEST
    }


def _client(settings: Settings) -> Elasticsearch:
    if not settings.es_url:
        local_node.start(settings, say=lambda _line: None)  # no-op when it runs
    return connect(settings)


def backup(settings: Settings, folder: Path, say: Callable[[str], None] = print) -> dict:
    """Write a backup into `folder` (missing or empty); returns its manifest."""
    if folder.exists() and any(folder.iterdir()):
        raise BackupError(f"{folder} is not empty")
    private_directory(folder)
    client = _client(settings)
    url = database_url(settings)
    database = "none" if db_dump.is_empty(url) else db_dump.kind(url)  # a pipeline without a portal has none
    if database != "none":
        say("database")
        db_dump.dump(url, private_directory(folder / DATABASE))
    with data_lock(settings, exclusive=True):
        aliases = []
        for path in ledger_files(settings):
            alias = path.parent.name
            db_dump.copy_sqlite(path, private_directory(folder / LEDGERS / alias) / path.name)
            aliases.append(alias)
        if settings.index not in aliases and client.indices.exists_alias(name=settings.index):
            aliases.append(settings.index)
        say(f"snapshot of {', '.join(aliases) or 'no index'}")
        snapshot = es_snapshot.take(client, settings, aliases, folder)
    say("raw store, inbox")
    for name in (RAW, INBOX):
        if (settings.data_dir / name).is_dir():
            shutil.copytree(settings.data_dir / name, folder / name, ignore=shutil.ignore_patterns(".incoming-*", ".*lock"))
    if (settings.data_dir / SECRET_KEY).is_file():
        shutil.copy2(settings.data_dir / SECRET_KEY, folder / SECRET_KEY)
    manifest = {
        "format": FORMAT,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "aliases": aliases,
        "database": database,
        "elasticsearch": snapshot,
        "files": _files(folder),
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return manifest


def read_manifest(folder: Path) -> dict:
    """The manifest, after checking every file it lists (BackupError at the first difference)."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupError(f"{folder} is not a complete backup: {MANIFEST} unreadable ({exc})") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{folder}: backup format {manifest.get('format')} is not {FORMAT}")
    for name, expected in manifest["files"].items():
        path = folder / name
        if not path.is_file() or path.stat().st_size != expected["size"] or _sha256(path) != expected["sha256"]:
            raise BackupError(f"{folder}: {name} is missing or differs from the manifest")
    return manifest


def _check_empty(settings: Settings) -> None:
    found = [str(p) for p in ledger_files(settings)]
    raw = settings.data_dir / RAW
    if raw.is_dir() and any(raw.iterdir()):
        found.append(str(raw))
    if found:
        raise BackupError(f"the data directory is not empty: {found[0]}")
    if not db_dump.is_empty(database_url(settings)):
        raise BackupError("the database is not empty: restore into an empty one")


def restore(settings: Settings, folder: Path, say: Callable[[str], None] = print) -> dict:
    """Put the backup in `folder` back into an empty data directory, database and cluster."""
    manifest = read_manifest(folder)
    _check_empty(settings)
    if manifest["database"] not in ("none", db_dump.kind(database_url(settings))):
        raise BackupError(f"the backup holds a {manifest['database']} database; GIAI_DATABASE_URL names another kind")
    client = _client(settings)
    say("snapshot")
    es_snapshot.restore(client, settings, manifest["elasticsearch"], folder)
    say("ledgers, raw store, inbox")
    for alias in manifest["aliases"]:
        source = folder / LEDGERS / alias / "ledger.sqlite"
        if source.is_file():
            target = ledger_path(settings, alias)
            private_directory(target.parent)
            db_dump.copy_sqlite(source, target)
            reconcile(client, alias, target)
    for name in (RAW, INBOX):
        if (folder / name).is_dir():
            private_directory(settings.data_dir)
            shutil.copytree(folder / name, settings.data_dir / name, dirs_exist_ok=True)
    if (folder / SECRET_KEY).is_file():
        shutil.copy2(folder / SECRET_KEY, settings.data_dir / SECRET_KEY)
    if manifest["database"] != "none":
        say("database")
        db_dump.restore(database_url(settings), folder / DATABASE)
    return manifest


def reconcile(client: Elasticsearch, alias: str, ledger: Path) -> tuple[int, int]:
    """Make the restored index and ledger agree: documents without an indexed row are deleted (the
    next run indexes their files again), rows whose document is missing are processed again by the
    next run. Returns (documents deleted, rows reset)."""
    client.indices.refresh(index=alias)
    present = {h["_id"] for h in helpers.scan(client, index=alias, query={"query": {"match_all": {}}}, _source=False)}
    db = sqlite3.connect(ledger)
    try:
        statuses = dict(db.execute("SELECT doc_id, status FROM files"))
        extra = [d for d in present if statuses.get(d) not in IN_INDEX]
        missing = [d for d, status in statuses.items() if status in IN_INDEX and d not in present]
        with db:
            db.executemany(
                "UPDATE files SET sha256 = '', status = 'quarantined', reason = 'restored', "
                "detail = 'not in the backup''s snapshot: processed again by the next run' WHERE doc_id = ?",
                [(d,) for d in missing],
            )
            db.execute("DELETE FROM meta WHERE key = 'index_uuid'")
    finally:
        db.close()
    if extra:
        helpers.bulk(client, ({"_op_type": "delete", "_index": alias, "_id": d} for d in extra), refresh="wait_for")
    return len(extra), len(missing)
