"""Faults of a three-node cluster under the portal and the pipeline, with real processes: a node
killed (SIGKILL) while searches and an ingestion run, then the whole cluster down and back.

One node is lost once, during both the stream of searches and the ingestion, so the suite pays
for one node restart, not two: the searches read the alias `giai` (synthetic documents written
beforehand), the ingestion writes the alias `ingested` from a few hundred tiny text files.
"""

from __future__ import annotations

import dataclasses
import os
import signal
import sqlite3
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import orjson
import pytest
from elasticsearch import Elasticsearch, helpers

from benchmarks.live_portal import GIAI, LivePortal, LivePortalError, giai_environment, served
from benchmarks.synthetic_index import documents as synthetic_documents
from commands import local_node
from giai.es import connect
from giai.index_schema import document_id
from giai.ledger import ledger_path
from ingest.index_migration import ensure_index

pytestmark = pytest.mark.server

SEARCHED = 300  # documents behind the portal's alias
FILES = 300  # tiny files the ingestion reads
# No search, node lost or not, takes longer: generous, as the suite shares two cores with the
# three nodes, the portal and the ingestion (a search takes ~0.1 s on a quiet machine).
SEARCH_BOUND_S = 10.0
RECOVERY_S = 150  # a node (or the cluster) back and green within this, on a busy two-core machine
INGESTED = "ingested"
PORTAL_RECOVERY_S = 60  # from the cluster green again to the portal answering 200


@pytest.fixture(scope="module")
def cluster_es(cluster_settings) -> Elasticsearch:
    return connect(cluster_settings)


@pytest.fixture(scope="module")
def searched(cluster_es) -> int:
    """The portal's alias holding SEARCHED synthetic documents, one replica each."""
    index = ensure_index(cluster_es, "giai", replicas=-1)
    actions = ({"_index": index, "_id": doc["id"], "_source": doc} for doc in synthetic_documents(SEARCHED))
    helpers.bulk(cluster_es, actions, refresh=True)
    cluster_es.cluster.health(index=index, wait_for_status="green", timeout="60s")
    return cluster_es.count(index="giai")["count"]


@pytest.fixture(scope="module")
def portal(cluster_settings, searched, tmp_path_factory) -> Iterator[LivePortal]:
    data = tmp_path_factory.mktemp("portal-data")
    try:
        with served(giai_environment(cluster_settings, "giai", data), data / "serve.log") as live:
            yield live
    except LivePortalError as exc:
        pytest.fail(str(exc), pytrace=False)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("tiny-corpus")
    for n in range(FILES):
        (folder / f"note-{n:03d}.txt").write_text(
            f"Note {n}: testimony on torture and enforced disappearance, file {n} of the archive.\n", encoding="utf-8")
    return folder


def ingest_env(cluster_settings, data: Path, **more: str) -> dict[str, str]:
    return {**giai_environment(cluster_settings, INGESTED, data), "GIAI_INGEST_BULK_DOCS": "10",
            "GIAI_INGEST_ES_BACKOFF_MS": "200", **more}


def run_ingest(folder: Path, env: dict[str, str], timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run([str(GIAI), "ingest", "--quiet", "--workers", "1", str(folder)], env=env,
                          capture_output=True, text=True, timeout=timeout)


@dataclass
class SearchStream:
    """Searches sent one after the other through the portal's API until stopped."""

    base: str
    answers: list[tuple[str, int, int | None, float]] = field(default_factory=list)  # query, status, total, seconds
    stop: threading.Event = field(default_factory=threading.Event)
    queries: tuple[str, ...] = ("torture", "", "crimes", "genocide OR torture")

    def expected_totals(self, es: Elasticsearch) -> dict[str, int]:
        """Each query's total, asked once while every node runs."""
        expected = {}
        for query in self.queries:
            with urllib.request.urlopen(f"{self.base}/api/v1/search?q={urllib.request.quote(query)}", timeout=60) as r:
                expected[query] = orjson.loads(r.read())["total"]
        return expected

    def run(self) -> None:
        n = 0
        while not self.stop.is_set():
            query = self.queries[n % len(self.queries)]
            url = f"{self.base}/api/v1/search?q={urllib.request.quote(query)}"
            n += 1
            began = time.monotonic()
            try:
                with urllib.request.urlopen(url, timeout=30) as response:
                    status, total = response.status, orjson.loads(response.read())["total"]
            except urllib.error.HTTPError as exc:
                status, total = exc.code, None
            except OSError:
                status, total = 0, None
            self.answers.append((query, status, total, time.monotonic() - began))


def primary_holder(es: Elasticsearch, index: str) -> int:
    """The number of the node holding `index`'s primary shard."""
    shards = es.cat.shards(index=index, format="json").body
    name = next(s["node"] for s in shards if s["prirep"] == "p")
    return int(name.rsplit("-", 1)[1])


def wait_green(settings, deadline: float) -> None:
    local_node.wait_until_ready(settings, deadline=deadline, status="green")
    health = connect(settings).cluster.health().body
    assert health["status"] == "green" and health["number_of_nodes"] == 3, health


def ledger_rows(settings, data: Path) -> list[tuple[str, str]]:
    path = ledger_path(dataclasses.replace(settings, data_dir=data), INGESTED)
    if not path.is_file():
        return []
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5) as db:
        try:
            return db.execute("SELECT doc_id, status FROM files").fetchall()
        except sqlite3.OperationalError:
            return []


def test_a_node_killed_under_searches_and_an_ingestion_loses_no_search_and_no_document(
        cluster_settings, cluster_es, portal, corpus, tmp_path):
    es = cluster_es
    stream = SearchStream(portal.url)
    expected_totals = stream.expected_totals(es)
    assert expected_totals[""] > 0  # the public documents (anonymous readers see no others)
    searcher = threading.Thread(target=stream.run)
    searcher.start()
    data = tmp_path / "ingest-data"
    ingestion = subprocess.Popen([str(GIAI), "ingest", "--quiet", "--workers", "1", str(corpus)],
                                 env=ingest_env(cluster_settings, data), stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while len(ledger_rows(cluster_settings, data)) < FILES // 4 and ingestion.poll() is None:
            assert time.monotonic() < deadline, "the ingestion did not get going"
            time.sleep(0.05)
        victim = primary_holder(es, "giai")
        os.kill(local_node.running_pid(cluster_settings, victim), signal.SIGKILL)
        killed_at = len(stream.answers)
        first_run = ingestion.communicate(timeout=180)
        time.sleep(2)  # searches after the loss, before the node comes back
        local_node.start_node(cluster_settings, victim)
        wait_green(cluster_settings, time.monotonic() + RECOVERY_S)
    finally:
        stream.stop.set()
        searcher.join()
        if ingestion.poll() is None:
            ingestion.kill()

    # Searches: every one answered in full, before, during and after the loss.
    assert len(stream.answers) > killed_at + 5, "too few searches after the node was lost"
    failures = [a for a in stream.answers if a[1] != 200 or a[2] != expected_totals[a[0]]]
    assert not failures, f"{len(failures)} of {len(stream.answers)} searches failed or were partial: {failures[:5]}"
    slowest = max(answer[3] for answer in stream.answers)
    assert slowest < SEARCH_BOUND_S, f"the slowest search took {slowest:.1f} s"

    # The ingestion finished, or finishes when run again: one document per file, no row without it.
    if ingestion.returncode != 0:
        assert len([line for line in first_run[1].splitlines() if line.strip()]) == 1, first_run[1]
        rerun = run_ingest(corpus, ingest_env(cluster_settings, data))
        assert rerun.returncode == 0, rerun.stderr
    es.indices.refresh(index=INGESTED)
    expected = {document_id("unknown", p.resolve().as_posix()) for p in corpus.iterdir()}
    ids = {hit["_id"] for hit in helpers.scan(es, index=INGESTED, query={"query": {"match_all": {}}}, _source=False)}
    assert ids == expected and es.count(index=INGESTED)["count"] == FILES
    rows = ledger_rows(cluster_settings, data)
    assert len(rows) == FILES and {doc_id for doc_id, _status in rows} <= ids


def get(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def test_the_whole_cluster_down_answers_503_stops_ingestion_and_both_recover(cluster_settings, portal, tmp_path):
    status, _headers, body = get(f"{portal.url}/api/v1/search?q=torture")
    assert status == 200
    before = orjson.loads(body)["total"]
    for number in local_node.node_numbers(cluster_settings):
        os.kill(local_node.running_pid(cluster_settings, number), signal.SIGKILL)
    deadline = time.monotonic() + 30
    while any(local_node.running_pid(cluster_settings, n) for n in local_node.node_numbers(cluster_settings)):
        assert time.monotonic() < deadline
        time.sleep(0.2)

    status, headers, body = get(f"{portal.url}/en/search?q=torture")
    assert status == 503 and headers.get("Retry-After", "").isdigit() and b"<html" in body.lower()
    status, headers, body = get(f"{portal.url}/api/v1/search?q=torture")
    assert status == 503 and headers.get("Retry-After", "").isdigit()
    assert orjson.loads(body)["error"]["code"] == "search_unavailable"
    assert get(f"{portal.url}/readyz")[0] == 503 and get(f"{portal.url}/healthz")[0] == 200

    folder = tmp_path / "more"
    folder.mkdir()
    (folder / "late.txt").write_text("A late note on torture.\n", encoding="utf-8")
    env = ingest_env(cluster_settings, tmp_path / "data", GIAI_INGEST_ES_RETRIES="1")
    stopped = run_ingest(folder, env, timeout=120)
    lines = [line for line in stopped.stderr.splitlines() if line.strip()]
    assert stopped.returncode != 0 and len(lines) == 1 and "Traceback" not in stopped.stderr, stopped.stderr

    local_node.start(cluster_settings, say=lambda _line: None)
    wait_green(cluster_settings, time.monotonic() + RECOVERY_S)
    # The same portal process, never restarted, answers again: at once, or once its client retries
    # the nodes it marked dead (elastic_transport waits up to 30 s before trying one again).
    deadline = time.monotonic() + PORTAL_RECOVERY_S
    while (status := get(f"{portal.url}/api/v1/search?q=torture"))[0] != 200 and time.monotonic() < deadline:
        time.sleep(1)
    assert status[0] == 200 and orjson.loads(status[2])["total"] == before, status[:2]
    assert get(f"{portal.url}/readyz")[0] == 200
    resumed = run_ingest(folder, env)
    assert resumed.returncode == 0 and "1 indexed" in resumed.stdout, resumed.stderr
