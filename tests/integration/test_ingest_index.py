"""The bulk indexer: acknowledged documents, refused documents reported per file, an unreachable
Elasticsearch given up on after retries with one readable line."""

from __future__ import annotations

import time

from elasticsearch import Elasticsearch

from ingest.index import Indexer
from ingest.models import Outcome


def outcome(doc_id: str, **source) -> Outcome:
    return Outcome(doc_id=doc_id, status="indexed", source={"id": doc_id, "title": doc_id, **source})


def drain(indexer: Indexer, expected: int, timeout: float = 30) -> list:
    acks, deadline = [], time.monotonic() + timeout
    while len(acks) < expected and time.monotonic() < deadline and indexer.failure is None:
        acks += indexer.acks()
        time.sleep(0.05)
    return acks


def test_acknowledged_and_refused_documents_are_reported_one_by_one(es, alias):
    indexer = Indexer(es, alias, batch_docs=10, batch_bytes=2**20, retries=1, backoff_s=0.01)
    indexer.put(outcome("good"), "ctx-good", was_indexed=False)
    indexer.put(outcome("bad", no_such_field="x"), "ctx-bad", was_indexed=False)  # the mapping is strict
    indexer.put(Outcome(doc_id="gone", status="quarantined"), "ctx-gone", was_indexed=True)
    acks = {a.context: a for a in drain(indexer, 3) + indexer.close()}
    assert set(acks) == {"ctx-good", "ctx-bad", "ctx-gone"}
    assert acks["ctx-good"].error == "" and acks["ctx-gone"].error == ""  # deleting a missing document is fine
    assert "strict_dynamic_mapping_exception" in acks["ctx-bad"].error
    assert es.get(index=alias, id="good")["found"] and indexer.stats.documents == 3


def test_an_unreachable_elasticsearch_is_given_up_after_retries_with_backoff():
    client = Elasticsearch("http://127.0.0.1:1", request_timeout=2)
    indexer = Indexer(client, "nowhere", batch_docs=1, batch_bytes=2**20, retries=2, backoff_s=0.05)
    started = time.monotonic()
    indexer.put(outcome("a"), None, was_indexed=False)
    assert drain(indexer, 1) == [] and indexer.close() == []
    assert time.monotonic() - started >= 0.05 + 0.1  # two waits: 50 ms, then 100 ms
    assert indexer.failure is not None and indexer.stats.retries == 2
    message = str(indexer.failure)
    assert "\n" not in message and "after 3 attempts" in message
