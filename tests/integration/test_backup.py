"""`giai backup` and `giai restore` on nodes of the tests' own (the shared node is never given
path.repo nor restarted): a backup restored into an empty data directory, database and cluster
answers the same searches and holds the same accounts, corrections and ledgers, on SQLite and
PostgreSQL; a backup taken while ingestion runs restores to a consistent state."""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from ingest_support import giai, write_synthetic
from sqlalchemy import select, text
from sqlalchemy.engine import make_url

from benchmarks.live_portal import GIAI
from benchmarks.throwaway_node import throwaway_node
from giai.db import Database, upgrade
from giai.db.curation import Correction
from giai.db.models import User
from giai.es import connect
from giai.settings import load_settings
from ingest.index_migration import drop_alias_and_indices
from tests.fixtures.auth import add_account, portal_app

ALIAS = "giai-backup-test"
SEARCHES = ("", "q=torture", "q=detention", "q=syria+OR+ukraine", "sort=oldest", "language=fr", "q=rapport&language=fr")


def ok(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    result = giai(*args, env=env)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    return result


def corpus(folder: Path, count: int) -> Path:
    rng = random.Random(3)
    for n in range(count):
        write_synthetic(folder / f"doc-{n:03}.pdf", rng, ("en", "fr", "ru")[n % 3], 1 + n % 2)
    return folder


def answers(env: dict[str, str], database_url: str, vocabularies) -> dict:  # noqa: F811
    """What the portal answers to SEARCHES and to each document's API, anonymous and as admin."""
    settings = load_settings(environ=env)
    app = portal_app(settings, ALIAS, database_url, settings.data_dir, vocabularies)
    client = app.test_client()
    found = {query: client.get(f"/api/v1/search?{query}").get_json() for query in SEARCHES}
    ids = {hit["id"] for answer in found.values() for hit in answer["hits"]}
    found |= {doc_id: client.get(f"/api/v1/documents/{doc_id}").get_json() for doc_id in sorted(ids)}
    for answer in found.values():
        if answer.get("sort") == "relevance":
            # Measured: a restored copy may order hits of near-equal scores otherwise (even with
            # both sides merged to one segment); the same hits, totals and facets are what counts.
            answer["hits"].sort(key=lambda hit: hit["id"])
    return json.loads(json.dumps(found).replace(str(settings.data_dir), "DATA"))


def differences(before: object, after: object, where: str = "") -> list[str]:
    """Where two JSON values differ, as paths with both values."""
    if isinstance(before, dict) and isinstance(after, dict):
        return [d for k in sorted(before.keys() | after.keys(), key=str)
                for d in differences(before.get(k), after.get(k), f"{where}/{k}")]
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        return [d for i, (b, a) in enumerate(zip(before, after)) for d in differences(b, a, f"{where}/{i}")]
    return [] if before == after else [f"{where}: {before!r} != {after!r}"[:300]]


def ledger_rows(env: dict[str, str]) -> list[dict]:
    path = Path(env["GIAI_DATA_DIR"]) / "ingest" / ALIAS / "ledger.sqlite"
    db = sqlite3.connect(path)
    db.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in db.execute("SELECT * FROM files ORDER BY doc_id")] + [
            dict(r) for r in db.execute("SELECT * FROM withdrawn ORDER BY doc_id")
        ]
    finally:
        db.close()


def accounts_and_corrections(url: str) -> tuple[list, list]:
    db = Database(url)
    try:
        with db.session() as session:
            users = [(u.email, u.password_hash, sorted(u.roles), sorted(u.organisations)) for u in session.scalars(select(User))]
            corrections = [(c.doc_id, c.field, c.value) for c in session.scalars(select(Correction))]
        return sorted(users), sorted(corrections)
    finally:
        db.dispose()


def emptied(url: str) -> str:
    """The database to restore into: a new SQLite file, or the same PostgreSQL schema dropped."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return f"sqlite:///{Path(parsed.database).with_name('restored.sqlite3')}"
    schema = str(parsed.query["options"]).split("=", 1)[1]
    db = Database(url)
    with db.engine.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    db.dispose()
    return url


@pytest.fixture(scope="session")
def nodes() -> Iterator[tuple[dict[str, str], dict[str, str]]]:
    """Two nodes of this module's own: the one backed up, the one restored into (each ~20-45 s to
    start). Kept for the session: pytest runs the tests of each database together, so a module's
    nodes would start once per database and once for the test without one."""
    with throwaway_node(ALIAS) as source, throwaway_node(ALIAS) as target:
        yield source, target


def emptied_node(env: dict[str, str]) -> dict[str, str]:
    """The node without the test alias, and its data directory without ledgers, raw store, inbox."""
    settings = load_settings(environ=env)
    drop_alias_and_indices(connect(settings), ALIAS)
    for name in ("ingest", "raw", "inbox"):
        shutil.rmtree(settings.data_dir / name, ignore_errors=True)
    return dict(env)


def test_a_restored_backup_answers_the_same_and_holds_the_same_accounts_corrections_and_ledgers(
    nodes, tmp_path, database, database_url, vocabularies  # noqa: F811
):
    folder = corpus(tmp_path / "corpus", 6)
    backup_dir = tmp_path / "backup"
    source, target = (emptied_node(env) for env in nodes)
    source["GIAI_DATABASE_URL"] = database_url
    ok("ingest", str(folder), "--quiet", env=source)
    add_account(database, "curator@example.org", ["curator"], ["fidh"])
    status = json.loads(ok("ingest", "status", "--json", env=source).stdout)
    with database.session() as session:
        session.add(Correction(doc_id=status["files"][0]["doc_id"], field="title", organisation="unknown", value="Corrected"))
    ok("withdraw", status["files"][1]["doc_id"], "--reason", "a witness asked", env=source)
    before = answers(source, database_url, vocabularies)
    ledgers, people = ledger_rows(source), accounts_and_corrections(database_url)
    assert before[""]["total"] == 5
    ok("backup", str(backup_dir), env=source)
    manifest = json.loads((backup_dir / "manifest.json").read_text())
    assert manifest["aliases"] == [ALIAS] and manifest["files"]

    target["GIAI_DATABASE_URL"] = target_db = emptied(database_url)
    try:
        ok("restore", str(backup_dir), env=target)
        assert differences(before, answers(target, target_db, vocabularies)) == []
        assert ledger_rows(target) == ledgers
        assert accounts_and_corrections(target_db) == people
        again = giai("restore", str(backup_dir), env=target)  # not empty any more
        assert again.returncode == 1 and "not empty" in again.stderr and again.stderr.count("\n") == 1
    finally:
        if target_db != database_url:
            Path(make_url(target_db).database).unlink(missing_ok=True)
        else:
            upgrade(database_url)  # the session's other tests find the schema as they expect


def test_a_backup_taken_while_ingestion_runs_restores_consistently(nodes, tmp_path):
    # Enough files, each its own bulk request, that the run is still going when the snapshot is
    # taken, on a quiet machine too.
    files = 400
    folder = corpus(tmp_path / "corpus", files)
    backup_dir = tmp_path / "backup"
    source, target = (emptied_node(env) for env in nodes)
    ingesting = subprocess.Popen([str(GIAI), "ingest", str(folder), "--quiet", "--workers", "1"],
                                 env=source | {"GIAI_INGEST_BULK_DOCS": "1"}, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    ledger = Path(source["GIAI_DATA_DIR"]) / "ingest" / ALIAS / "ledger.sqlite"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and not (ledger.is_file() and 3 <= len(ledger_rows(source))):
        time.sleep(0.2)
    ok("backup", str(backup_dir), env=source)
    assert ingesting.wait(timeout=900) == 0

    ok("restore", str(backup_dir), env=target)
    indexed = {r["doc_id"] for r in ledger_rows(target) if r.get("status") in ("indexed", "unchanged", "needs_ocr")}
    client = connect(load_settings(environ=target))
    client.indices.refresh(index=ALIAS)
    in_index = {h["_id"] for h in client.search(index=ALIAS, size=1000, source=False)["hits"]["hits"]}
    assert in_index == indexed and 3 <= len(indexed) < files  # taken in the middle of the run
    ok("ingest", str(folder), "--quiet", env=target)  # the next run completes what the backup did not hold
    client.indices.refresh(index=ALIAS)
    assert client.count(index=ALIAS)["count"] == files
