"""Helpers of the ingestion tests: run the real `giai` command against the real Elasticsearch,
with the ledger and raw store in the test's own data directory."""

from __future__ import annotations

import json
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from elasticsearch import Elasticsearch

from benchmarks.live_portal import GIAI, giai_environment
from benchmarks.synthetic_corpus import document_pages, pdf_bytes
from giai import PROJECT_ROOT
from ingest.index_migration import drop_alias_and_indices, ensure_index

REALWORLD_PDFS = PROJECT_ROOT / "tests" / "data" / "realworld-pdfs"


def ingest_env(settings, alias: str, data_dir: Path, **overrides: str) -> dict[str, str]:
    """The environment of a `giai` run writing `alias`, keeping its ledger and store in data_dir.
    The node is named by URL (with its credentials), since its password lives in the real data dir."""
    return {**giai_environment(settings, alias, data_dir), "GIAI_INGEST_ES_BACKOFF_MS": "100", **overrides}


def giai(*args: str, env: dict[str, str], timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([str(GIAI), *args], env=env, capture_output=True, text=True, timeout=timeout)


def ingest_ok(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    result = giai("ingest", *args, env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def status(env: dict[str, str]) -> dict:
    result = giai("ingest", "status", "--json", env=env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def by_name(status_: dict) -> dict[str, dict]:
    return {Path(row["path"]).name: row for row in status_["files"]}


def documents(es: Elasticsearch, alias: str) -> dict[str, dict]:
    """Every document behind alias, by id (after a refresh)."""
    es.indices.refresh(index=alias)
    hits = es.search(index=alias, query={"match_all": {}}, size=10_000, seq_no_primary_term=True)["hits"]["hits"]
    return {h["_id"]: {**h["_source"], "_seq_no": h["_seq_no"]} for h in hits}


def write_pdf(
    path: Path, lines_by_page: list[list[str]], *, title: str | None = None, sidecar: str | None = None
) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pdf_bytes(lines_by_page, title=title))
    if sidecar is not None:
        path.with_name(path.name + ".meta.yaml").write_text(sidecar, encoding="utf-8")
    return path


def write_synthetic(path: Path, rng, language: str, pages: int) -> Path:
    return write_pdf(path, document_pages(rng, language, pages))


@contextmanager
def another_alias(es: Elasticsearch) -> Iterator[str]:
    """A fresh alias (with its index) of the current schema, removed on exit. Its index refreshes
    every 50 ms, not every second: the portal's writes wait for a refresh (`refresh=wait_for`),
    and a test's corpus, so that the suite does not spend a second on each."""
    name = f"test-{uuid.uuid4().hex[:12]}"
    ensure_index(es, name)
    es.indices.put_settings(index=name, settings={"index": {"refresh_interval": "50ms"}})
    try:
        yield name
    finally:
        drop_alias_and_indices(es, name)
