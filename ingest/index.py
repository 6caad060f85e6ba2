"""Writing documents to Elasticsearch: connection and index with retries, and a bulk indexer.

The indexer runs in a thread of the parent process so extraction never waits for Elasticsearch:
it batches documents (by count and bytes), sends each batch with the client's `streaming_bulk`,
retries a failed request with exponential backoff, and reports per document whether Elasticsearch
acknowledged it (the ledger is written only then). A document Elasticsearch rejects (a mapping
error) is reported with the error; an Elasticsearch that stays unreachable stops the run with
`IndexUnavailable`, a one-line message.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from elasticsearch import Elasticsearch, helpers
from elasticsearch import exceptions as es_errors

from giai.es import PIPELINE, SearchUnavailable, connect
from giai.settings import Settings
from ingest.index_migration import ensure_index
from ingest.models import Outcome

# ConnectionError and ConnectionTimeout are TransportErrors.
TRANSIENT = (es_errors.TransportError, SearchUnavailable)


class IndexUnavailable(RuntimeError):
    """Elasticsearch could not be reached or kept failing after every retry; one readable line."""


def with_retries(action: Callable[[], Any], *, retries: int, backoff_s: float, what: str) -> Any:
    """`action()`, retried `retries` times after transient failures, waiting backoff_s, 2×, 4×…"""
    for attempt in range(retries + 1):
        try:
            return action()
        except TRANSIENT as exc:
            if attempt == retries:
                message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                raise IndexUnavailable(f"{what} failed after {retries + 1} attempts: {message}") from None
            time.sleep(backoff_s * 2**attempt)
        except es_errors.ApiError as exc:
            raise IndexUnavailable(f"{what}: Elasticsearch answered {exc.meta.status}: {exc.message}") from None
    raise AssertionError("unreachable")


def open_index(settings: Settings) -> tuple[Elasticsearch, str]:
    """A client and the concrete index behind the alias `settings.index` (created when missing)."""
    retries, backoff = settings.ingest_es_retries, settings.ingest_es_backoff_ms / 1000
    client = with_retries(
        lambda: connect(settings, account=PIPELINE), retries=retries, backoff_s=backoff,
        what="connecting to Elasticsearch",
    )
    concrete = with_retries(
        lambda: ensure_index(client, settings.index, settings.index_shards, settings.index_replicas),
        retries=retries,
        backoff_s=backoff,
        what=f"preparing the index {settings.index}",
    )
    return client, concrete


def index_uuid(client: Elasticsearch, concrete: str) -> str:
    return client.indices.get_settings(index=concrete).body[concrete]["settings"]["index"]["uuid"]


def ids_in_index(client: Elasticsearch, alias: str) -> set[str]:
    """Every document id behind `alias` (a scan without sources)."""
    return {
        hit["_id"]
        for hit in helpers.scan(client, index=alias, query={"query": {"match_all": {}}}, _source=False, size=5000)
    }


def estimated_size(outcome: Outcome) -> int:
    """Roughly the bytes a document adds to a bulk request (each page's text is sent twice); an
    estimate steers batching as well as the exact JSON would, without encoding it twice."""
    if outcome.source is None:
        return 100
    return 2000 + 2 * sum(len(page["text"]) for page in outcome.source.get("pages", ()))


def action_for(outcome: Outcome, alias: str, was_indexed: bool) -> dict[str, Any] | None:
    """The bulk action an outcome needs: index its document, delete the document of a file now
    quarantined that was indexed before, or nothing."""
    if outcome.source is not None:
        return {"_op_type": "index", "_index": alias, "_id": outcome.doc_id, "_source": outcome.source}
    if was_indexed:
        return {"_op_type": "delete", "_index": alias, "_id": outcome.doc_id}
    return None


@dataclass
class Ack:
    """Elasticsearch's answer for one outcome: `error` is empty when it was acknowledged."""

    outcome: Outcome
    context: Any
    error: str = ""


@dataclass
class _Pending:
    outcome: Outcome
    context: Any
    action: dict[str, Any] | None
    size: int = 0


@dataclass
class IndexerStats:
    documents: int = 0
    seconds: float = 0.0
    retries: int = 0


class Indexer:
    """A thread sending outcomes to Elasticsearch in batches. `put` an outcome (with any context
    the caller wants back), `acks()` returns what was acknowledged since the last call, `close()`
    flushes. After a fatal failure `failure` holds the IndexUnavailable and nothing more is sent."""

    def __init__(
        self, client: Elasticsearch, alias: str, *, batch_docs: int, batch_bytes: int, retries: int, backoff_s: float
    ):
        self.client = client.options(max_retries=0, request_timeout=120)
        self.alias = alias
        self.batch_docs, self.batch_bytes = batch_docs, batch_bytes
        self.retries, self.backoff_s = retries, backoff_s
        self.stats = IndexerStats()
        self.failure: IndexUnavailable | None = None
        self._in: queue.Queue[_Pending | None] = queue.Queue(maxsize=batch_docs * 4)
        self._out: queue.Queue[Ack] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="indexer", daemon=True)
        self._thread.start()

    def put(self, outcome: Outcome, context: Any, *, was_indexed: bool) -> None:
        action = action_for(outcome, self.alias, was_indexed)
        size = estimated_size(outcome)
        self._in.put(_Pending(outcome, context, action, size))

    def acks(self) -> list[Ack]:
        result = []
        while True:
            try:
                result.append(self._out.get_nowait())
            except queue.Empty:
                return result

    def close(self) -> list[Ack]:
        self._in.put(None)
        self._thread.join()
        return self.acks()

    def _run(self) -> None:
        """Gather outcomes into a batch and send it when full, when nothing came for half a second
        (a slow trickle is acknowledged promptly), and at the end (None)."""
        batch: list[_Pending] = []
        size = 0
        finished = False
        while not finished:
            try:
                pending = self._in.get(timeout=0.5)
                finished = pending is None
                if pending is not None:
                    batch.append(pending)
                    size += pending.size
                    if len(batch) < self.batch_docs and size < self.batch_bytes:
                        continue
            except queue.Empty:
                pass
            if batch:
                self._flush(batch)
                batch, size = [], 0

    def _flush(self, batch: list[_Pending]) -> None:
        if self.failure is not None:
            return  # the run is stopping; nothing is acknowledged
        waiting = [p for p in batch if p.action is not None]
        for p in batch:
            if p.action is None:
                self._out.put(Ack(p.outcome, p.context))
        attempt = 0
        while waiting:
            started = time.perf_counter()
            answered: set[int] = set()
            try:
                results = helpers.streaming_bulk(
                    self.client,
                    (p.action for p in waiting),
                    chunk_size=len(waiting),
                    max_chunk_bytes=self.batch_bytes * 2,
                    raise_on_error=False,
                    max_retries=self.retries,  # 429: the cluster asks us to slow down
                    initial_backoff=self.backoff_s,
                    max_backoff=30,
                )
                for position, (ok, item) in enumerate(results):
                    answered.add(position)
                    info = next(iter(item.values()))
                    # Deleting a document that is already gone is what we wanted.
                    error = "" if ok or info.get("status") == 404 else _describe(info.get("error"))
                    self._out.put(Ack(waiting[position].outcome, waiting[position].context, error))
                self.stats.documents += len(answered)
                waiting = []
            except TRANSIENT as exc:
                waiting = [p for i, p in enumerate(waiting) if i not in answered]
                if attempt >= self.retries:
                    reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                    self.failure = IndexUnavailable(
                        f"Elasticsearch did not accept documents after {attempt + 1} attempts: {reason}"
                    )
                    return
                self.stats.retries += 1
                time.sleep(self.backoff_s * 2**attempt)
                attempt += 1
            finally:
                self.stats.seconds += time.perf_counter() - started


def _describe(error: Any) -> str:
    if isinstance(error, dict):
        return f"{error.get('type', 'error')}: {error.get('reason', '')}"[:300]
    return str(error)[:300]
