"""`kill -9` in the middle of a run, then a re-run: every file indexed exactly once, none lost."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import time

from ingest_support import (
    GIAI,
    documents,
    ingest_env,
    ingest_ok,
    status,
    write_synthetic,
)

from giai.index_schema import document_id

FILES = 300


def _ledger_rows(path) -> int:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1) as db:
            return db.execute("SELECT count(*) FROM files").fetchone()[0]
    except sqlite3.Error:
        return 0


def _wait_until_gone(session: int, timeout: float = 30) -> bool:
    """True once no process of the killed run's session is left: orphaned workers and the
    forkserver notice their parent is gone and exit on their own."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not subprocess.run(["pgrep", "-s", str(session)], capture_output=True, text=True).stdout.split():
            return True
        time.sleep(0.1)
    return False


def test_a_run_killed_midway_then_rerun_indexes_every_file_exactly_once(es, alias, settings, tmp_path):
    rng = random.Random(5)
    folder = tmp_path / "corpus"
    languages = ("en", "fr", "ru", "es", "ar")
    paths = [
        write_synthetic(folder / f"d{n // 50}" / f"doc-{n:03d}.pdf", rng, languages[n % 5], rng.randint(2, 6))
        for n in range(FILES)
    ]
    data = tmp_path / "data"
    env = ingest_env(settings, alias, data, GIAI_INGEST_BULK_DOCS="10")
    ledger = data / "ingest" / alias / "ledger.sqlite"

    run = subprocess.Popen(
        [str(GIAI), "ingest", "--quiet", "--workers", "2", str(folder)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.monotonic() + 300
    while _ledger_rows(ledger) < FILES // 5 and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    os.kill(run.pid, signal.SIGKILL)  # the runner only: its workers and forkserver must cope alone
    run.wait()
    recorded = _ledger_rows(ledger)
    assert 0 < recorded < FILES, f"the kill did not land midway ({recorded} of {FILES} recorded)"
    assert _wait_until_gone(run.pid), "workers of the killed run are still alive"

    result = ingest_ok(str(folder), env=env)
    assert f"{FILES} files" in result.stdout

    expected = {document_id("unknown", p.resolve().as_posix()) for p in paths}
    docs = documents(es, alias)
    assert set(docs) == expected and len(docs) == FILES
    assert es.count(index=alias)["count"] == FILES
    rows = status(env)["files"]
    assert len(rows) == FILES and {r["doc_id"] for r in rows} == expected
    assert {r["status"] for r in rows} <= {"indexed", "unchanged"}
