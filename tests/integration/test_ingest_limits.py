"""Per-file time and size limits: a pathological file cannot hang the run or stop it."""

from __future__ import annotations

import random
import time

from ingest_support import (
    by_name,
    documents,
    ingest_env,
    ingest_ok,
    status,
    write_pdf,
    write_synthetic,
)

from benchmarks.synthetic_corpus import document_pages


def test_a_file_past_the_time_limit_is_killed_and_quarantined_while_the_others_are_indexed(
    es, alias, settings, tmp_path
):
    rng = random.Random(3)
    folder = tmp_path / "corpus"
    write_pdf(folder / "endless.pdf", document_pages(rng, "en", 8000))  # far more than a worker does in 5 s
    write_synthetic(folder / "small-a.pdf", rng, "fr", 1)
    write_synthetic(folder / "small-b.pdf", rng, "es", 1)
    env = ingest_env(
        settings,
        alias,
        tmp_path / "data",
        # Room for the small files: small-b's Arabic paragraph starts the PDFBox JVM (about a second).
        GIAI_INGEST_FILE_TIMEOUT_S="5",
        GIAI_INGEST_MAX_PAGES="100000",
        GIAI_INGEST_WORKERS="2",
    )
    started = time.monotonic()
    result = ingest_ok(str(folder), env=env)
    assert time.monotonic() - started < 60
    rows = by_name(status(env))
    assert (rows["endless.pdf"]["status"], rows["endless.pdf"]["reason"]) == ("quarantined", "timed_out")
    assert "endless.pdf: timed_out" in result.stdout
    assert rows["small-a.pdf"]["status"] == rows["small-b.pdf"]["status"] == "indexed"
    assert len(documents(es, alias)) == 2


def test_a_file_over_the_size_limit_is_quarantined_without_being_read(es, alias, settings, tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "huge.pdf").write_bytes(b"%PDF-1.7\n" + b"0" * (2 * 2**20))
    write_synthetic(folder / "fine.pdf", random.Random(4), "en", 1)
    env = ingest_env(settings, alias, tmp_path / "data", GIAI_INGEST_MAX_FILE_MB="1")
    ingest_ok(str(folder), env=env)
    rows = by_name(status(env))
    assert (rows["huge.pdf"]["status"], rows["huge.pdf"]["reason"]) == ("quarantined", "too_large")
    assert rows["fine.pdf"]["status"] == "indexed"
    stored = [
        p for p in (tmp_path / "data" / "raw").rglob("*") if p.is_file() and not p.name.endswith(".provenance.jsonl")
    ]
    assert len(stored) == 1  # only fine.pdf: the huge file was never read
