"""The runner: sources → raw store → workers (extract, detect, classify) → Elasticsearch → ledger.

The parent process reads each file once, hashes it and skips content the ledger already holds for
this index; new or changed content is stored (atomically) and handed to a worker under a time limit;
documents go to Elasticsearch in batches from a thread; a ledger row is written only once
Elasticsearch acknowledged. Killed at any moment, a re-run finds every file either recorded (and
skips it) or not (and indexes it again under the same id): each file ends indexed exactly once.
"""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from giai.curation import for_pipeline
from giai.db.curation import corrections_by_document
from giai.db.protection import protection_state
from giai.inbox import is_protected
from giai.ledger import QUARANTINED, UNCHANGED, WITHDRAWN, ledger_path
from giai.organisations import Organisation, load_organisations
from giai.raw_store import raw_root
from giai.settings import CONFIG_DIR, Settings
from ingest.identity import Identities
from ingest.index import Ack, Indexer, ids_in_index, index_uuid, open_index
from ingest.ledger import Entry, Ledger
from ingest.models import Metadata, Outcome, SourceItem, Task, utc_now
from ingest.process import StageOptions
from ingest.sources import FetchError, FetchLimits, SourceProblem, command_line_items, source_items
from ingest.sources.confine import Refused, check_confined, read_confined
from ingest.sources.fetch import fetch, parse_allowed_hosts
from ingest.store import RawStore, sha256_of
from ingest.withdraw import SourceScope, withdraw_missing
from ingest.workers import WorkerPool

STAGES = ("read", "extract", "detect", "classify", "protect", "index")


class UnknownSource(ValueError):
    """`--source` names no organisation of config/sources.yaml."""


@dataclass
class Plan:
    """The items of one run, the sources that could not be listed, and those listed completely
    (whose files that are no longer listed are withdrawn at the end of the run)."""

    items: list[SourceItem]
    problems: list[SourceProblem] = field(default_factory=list)
    complete: list[SourceScope] = field(default_factory=list)


@dataclass
class RunSummary:
    """What a run did: files per status, pages, time, per-stage seconds, quarantined files."""

    index: str
    files: int = 0
    counts: Counter = field(default_factory=Counter)
    pages: int = 0
    seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STAGES, 0.0))
    stage_cpu_seconds: dict[str, float] = field(default_factory=dict)
    quarantined: list[tuple[str, str, str]] = field(default_factory=list)
    problems: list[SourceProblem] = field(default_factory=list)
    withdrawn: list[str] = field(default_factory=list)

    @property
    def pages_per_s(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0


def plan(settings: Settings, *, source: str | None = None, paths: Iterable[Path] = ()) -> Plan:
    """The items of one run: the command-line `paths`, else the sources of one organisation
    (`source`), else of all (`None` or "all"). Sources that cannot be listed become problems."""
    paths = list(paths)
    every = load_organisations(CONFIG_DIR / "sources.yaml")
    known = {o.slug for o in every}
    if paths:
        # A folder named on the command line is listed whole: a file gone from it is withdrawn.
        folders = [SourceScope("path", None, p.resolve().as_posix().rstrip("/") + "/") for p in paths if p.is_dir()]
        return Plan(_unique(command_line_items(paths, known=known, settings=settings)), complete=folders)
    organisations = every
    if source not in (None, "all"):
        organisations = [o for o in every if o.slug == source]
        if not organisations:
            known = ", ".join(o.slug for o in every)
            raise UnknownSource(f"no organisation {source!r} in config/sources.yaml (known: {known})")
    result = Plan([])
    for organisation in organisations:
        result.items += _organisation_items(settings, organisation, known, result)
    result.items = _unique(result.items)
    return result


def _organisation_items(settings: Settings, organisation: Organisation, known: set[str], plan_: Plan) -> list[SourceItem]:
    items = []
    feeds_complete = True
    for source in organisation.sources:
        try:
            items += list(source_items(organisation, source, known=known, limits=fetch_limits(settings)))
        except FetchError as exc:
            plan_.problems.append(SourceProblem(organisation.slug, source.label, str(exc)))
            feeds_complete = feeds_complete and source.kind != "feed"
            continue
        if source.kind != "feed":
            plan_.complete.append(SourceScope(source.kind, organisation.slug, source.path.rstrip("/") + "/"))
    # A feed's entries are URLs, not places under a prefix: the organisation's feed documents are
    # counted absent only when every one of its feeds was read.
    if feeds_complete and any(source.kind == "feed" for source in organisation.sources):
        plan_.complete.append(SourceScope("feed", organisation.slug, ""))
    return items


def fetch_limits(settings: Settings) -> FetchLimits:
    return FetchLimits(
        max_bytes=settings.ingest_max_file_mb * 2**20,
        timeout=settings.ingest_fetch_timeout_s,
        allowed_hosts=parse_allowed_hosts(settings.ingest_fetch_allowed_hosts),
        memory_mb=settings.ingest_worker_memory_mb,
    )


def _unique(items: Iterable[SourceItem]) -> list[SourceItem]:
    """One item per document id (the same file named twice is processed once)."""
    seen: dict[str, SourceItem] = {}
    for item in items:
        seen.setdefault(item.doc_id, item)
    return list(seen.values())


def stage_options(settings: Settings) -> StageOptions:
    return StageOptions(
        thesaurus_path=str(CONFIG_DIR / "thesaurus.yaml"),
        countries_path=str(CONFIG_DIR / "countries.yaml"),
        cases_path=str(CONFIG_DIR / "cases.yaml"),
        ocr_languages=settings.ingest_ocr_languages or None,
        max_pages=settings.ingest_max_pages,
    )


def worker_count(settings: Settings, requested: int | None) -> int:
    return requested or settings.ingest_workers or os.cpu_count() or 1


@dataclass(frozen=True)
class _Context:
    """What the ledger row needs besides the outcome."""

    item: SourceItem
    sha256: str
    size: int


def _display_path(item: SourceItem) -> str:
    return str(item.path) if item.path else item.url or item.locator


def _entry(context: _Context, outcome: Outcome, error: str) -> Entry:
    item = context.item
    status, reason, detail = outcome.status, outcome.reason, outcome.detail
    if error:
        status, reason, detail = QUARANTINED, "rejected", f"Elasticsearch refused the document: {error}"
    return Entry(
        doc_id=item.doc_id,
        organisation=item.effective_organisation,
        source_kind=item.source_kind,
        locator=item.locator,
        path=_display_path(item),
        sha256=context.sha256,
        metadata_digest=item.metadata_digest,
        sidecar_digest=item.sidecar_digest,
        size=context.size,
        status=status,
        media_type=outcome.media_type,
        reason=reason,
        detail=detail,
        pages=outcome.pages,
        language=outcome.language,
        languages=outcome.languages,
        title=outcome.title,
        warnings=outcome.warnings,
    )


class _Run:
    """State of one run, so each step of the loop is a small method."""

    def __init__(
        self, settings: Settings, ledger: Ledger, store: RawStore, indexer: Indexer, summary: RunSummary, force: bool,
        identities: Identities,
    ):
        self.settings, self.ledger, self.store, self.indexer = settings, ledger, store, indexer
        self.summary, self.force, self.identities = summary, force, identities
        self.known = ledger.known()
        self.taken_down = ledger.manually_withdrawn()  # stay down while their file is still there
        self.unchanged: list[str] = []
        self.max_bytes = settings.ingest_max_file_mb * 2**20
        self.fetch_limits = fetch_limits(settings)
        self.corrections = corrections_by_document(settings)  # curators' work, read once per run
        self.protection = protection_state(settings)

    def _protected(self, resolved: Path) -> bool:
        return is_protected(resolved, self.settings)

    def _quarantine_early(self, item: SourceItem, reason: str, detail: str, sha256: str = "", size: int = 0) -> None:
        outcome = Outcome(doc_id=item.doc_id, status=QUARANTINED, reason=reason, detail=detail)
        self.indexer.put(outcome, _Context(item, sha256, size), was_indexed=self._was_indexed(item.doc_id))

    def _was_indexed(self, doc_id: str) -> bool:
        return doc_id in self.known and self.known[doc_id].status != QUARANTINED

    def _read(self, item: SourceItem) -> bytes | None:
        """The item's bytes, or None after quarantining it (too large, unreadable, unreachable,
        or a file its source may not read: a link, outside the source's folder)."""
        try:
            if item.path is not None:
                check_confined(item.path, item.root or item.path.parent, self._protected)
                return read_confined(item.path, self.max_bytes)
            return fetch(item.url, self.fetch_limits)
        except (FetchError, Refused) as exc:
            self._quarantine_early(item, exc.reason, str(exc))
        except OSError as exc:
            self._quarantine_early(item, "unreadable", f"{exc.strerror or exc}")
        return None

    def prepare(self, item: SourceItem) -> Task | None:
        """A task for a worker, or None when the item is unchanged or already quarantined."""
        started = time.perf_counter()
        try:
            item = self.identities.known(item)
            if item.doc_id in self.taken_down:
                self.summary.counts[WITHDRAWN] += 1
                return None
            data = self._read(item)
            if data is None:
                return None
            sha256 = sha256_of(data)
            item = self.identities.moved(item, sha256)
            if item.doc_id in self.taken_down:
                self.summary.counts[WITHDRAWN] += 1
                return None
            known = self.known.get(item.doc_id)
            if (
                not self.force
                and known
                and known.status != WITHDRAWN  # back in its source: indexed again
                and (known.sha256, known.metadata_digest) == (sha256, item.metadata_digest)
            ):
                self.unchanged.append(item.doc_id)
                self.summary.counts[UNCHANGED] += 1
                return None
            fetched_at = utc_now()
            provenance = {
                "organisation": item.effective_organisation,
                "source_kind": item.source_kind,
                "locator": item.locator,
                "url": item.url,
                "name": item.name,
                "fetched_at": fetched_at,
            }
            path = self.store.put(data, sha256, provenance)
            # Curators' corrections win: facets through the classifier, title/date/language/access
            # as metadata over the sidecar's.
            corrected = for_pipeline(self.corrections.get(item.doc_id, {}))
            if corrected.metadata:
                item = replace(item, metadata=item.metadata.overridden_by(Metadata(**corrected.metadata)))
            return Task(
                item=item, raw_path=str(path), sha256=sha256, size=len(data), fetched_at=fetched_at,
                corrections=corrected.facets,
                protection=self.protection.for_document(item.doc_id, item.effective_organisation),
                # When the document entered the index first: feeds order by arrival, not by its date.
                added_at=(known.first_seen if known and known.first_seen else fetched_at),
            )
        finally:
            self.summary.stage_seconds["read"] += time.perf_counter() - started

    def finished(self, task: Task, outcome: Outcome) -> None:
        for stage, seconds in outcome.timings.items():
            self.summary.stage_seconds[stage] = self.summary.stage_seconds.get(stage, 0.0) + seconds
        for stage, seconds in outcome.cpu_timings.items():
            self.summary.stage_cpu_seconds[stage] = self.summary.stage_cpu_seconds.get(stage, 0.0) + seconds
        self.indexer.put(
            outcome, _Context(task.item, task.sha256, task.size), was_indexed=self._was_indexed(task.item.doc_id)
        )

    def record(self, acks: list[Ack]) -> int:
        """Write the acknowledged outcomes (and unchanged files) to the ledger; files done."""
        entries = [_entry(a.context, a.outcome, a.error) for a in acks]
        if entries:
            self.ledger.record(entries)
        if self.unchanged:
            self.ledger.mark_unchanged(self.unchanged)
        done = len(entries) + len(self.unchanged)
        self.unchanged = []
        for entry in entries:
            self.summary.counts[entry.status] += 1
            if entry.status == QUARANTINED:
                self.summary.quarantined.append((entry.path, entry.reason, entry.detail))
            else:
                self.summary.pages += entry.pages
        return done


def _reconcile(ledger: Ledger, client, concrete: str, alias: str) -> None:
    """If the index is not the one the ledger was written for (dropped, recreated), make every
    row whose document is missing from it process again."""
    uuid = index_uuid(client, concrete)
    if ledger.get_meta("index_uuid") == uuid:
        return
    expected = ledger.in_index()
    if expected:
        present = ids_in_index(client, alias)
        ledger.forget_content([doc_id for doc_id in expected if doc_id not in present])
    ledger.set_meta("index_uuid", uuid)


def _progress(total: int, enabled: bool):
    from tqdm import tqdm

    return tqdm(total=total, unit="file", file=sys.stderr, disable=not enabled, dynamic_ncols=True, smoothing=0.1)


def run(
    settings: Settings, plan_: Plan, *, workers: int | None = None, force: bool = False, progress: bool = True
) -> RunSummary:
    """Ingest the plan's items into the alias `settings.index`; raises IndexUnavailable when
    Elasticsearch cannot be reached after the retries, WorkerStartError when no worker can start.
    Bad files never raise: they are quarantined."""
    started = time.monotonic()
    client, concrete = open_index(settings)
    ledger = Ledger(ledger_path(settings, settings.index))
    summary = RunSummary(index=settings.index, files=len(plan_.items), problems=list(plan_.problems))
    pool = None
    try:
        _reconcile(ledger, client, concrete, settings.index)
        pool = WorkerPool(
            worker_count(settings, workers),
            stage_options(settings),
            timeout_s=settings.ingest_file_timeout_s,
            memory_mb=settings.ingest_worker_memory_mb,
        )
        indexer = Indexer(
            client,
            settings.index,
            batch_docs=settings.ingest_bulk_docs,
            batch_bytes=settings.ingest_bulk_mb * 2**20,
            retries=settings.ingest_es_retries,
            backoff_s=settings.ingest_es_backoff_ms / 1000,
        )
        identities = Identities(ledger, plan_.items)
        state = _Run(settings, ledger, RawStore(raw_root(settings)), indexer, summary, force, identities)
        with _progress(len(plan_.items), progress) as bar:
            _loop(state, iter(plan_.items), pool, bar, started)
            bar.update(state.record(indexer.close()))
        if indexer.failure:
            raise indexer.failure
        summary.stage_seconds["index"] = indexer.stats.seconds
        summary.withdrawn = withdraw_missing(
            client, settings.index, ledger, plan_.complete, identities.listed,
            feed_absent_runs=settings.ingest_feed_absent_runs,
        )
    finally:
        if pool is not None:
            pool.close()
        ledger.close()
    summary.seconds = time.monotonic() - started
    return summary


def _loop(state: _Run, items: Iterator[SourceItem], pool: WorkerPool, bar, started: float) -> None:
    """Keep every worker busy until the items run out and the last file is back."""
    exhausted = False
    while True:
        while pool.idle and not exhausted:
            item = next(items, None)
            if item is None:
                exhausted = True
                break
            task = state.prepare(item)
            if task is not None:
                pool.submit(task)
        for task, outcome in pool.collect(wait_s=0.05):
            state.finished(task, outcome)
        done = state.record(state.indexer.acks())
        if done:
            bar.update(done)
            bar.set_postfix_str(
                f"{state.summary.pages / max(time.monotonic() - started, 1e-6):.0f} pages/s", refresh=False
            )
        if state.indexer.failure:
            raise state.indexer.failure
        if exhausted and not pool.busy:
            return
