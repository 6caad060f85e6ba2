"""One run of the pipeline as its callers start it (`giai ingest`, `python -m ingest`): the run,
the failures they report in one line, and the summary printed at its end."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from giai.db import DatabaseUnavailable
from giai.es import SearchUnavailable
from giai.organisations import OrganisationsError
from giai.settings import Settings
from ingest.index import IndexUnavailable
from ingest.pipeline import RunSummary, UnknownSource, plan, run
from ingest.workers import WorkerStartError


class RunFailed(RuntimeError):
    """The run could not start or go on; the message says why (no traceback is owed)."""


def run_and_report(
    settings: Settings,
    *,
    source: str | None = None,
    paths: Iterable[Path] = (),
    workers: int | None = None,
    force: bool = False,
    progress: bool = False,
) -> list[str]:
    """Ingest `paths`, else the sources of `source` (None: every one); the summary's lines."""
    try:
        summary = run(settings, plan(settings, source=source, paths=paths), workers=workers, force=force, progress=progress)
    except (UnknownSource, OrganisationsError, IndexUnavailable, SearchUnavailable, WorkerStartError) as exc:
        raise RunFailed(str(exc)) from None
    except DatabaseUnavailable as exc:  # curators' corrections cannot be read: ingesting would undo them
        raise RunFailed(f"{exc}; nothing was ingested") from None
    return summary_lines(summary)


def summary_lines(summary: RunSummary) -> list[str]:
    """The end-of-run summary: counts, pages, speed, per-stage time, quarantined files, problems."""
    counts = summary.counts
    lines = [
        f"{summary.files} files into {summary.index}: {counts['indexed']} indexed, {counts['unchanged']} unchanged, "
        f"{counts['needs_ocr']} needs_ocr, {counts['quarantined']} quarantined, "
        f"{len(summary.withdrawn) + counts['withdrawn']} withdrawn; "
        f"{summary.pages} pages in {summary.seconds:.1f} s ({summary.pages_per_s:.0f} pages/s)",
        "stages (s): " + ", ".join(f"{stage} {seconds:.1f}" for stage, seconds in summary.stage_seconds.items()),
    ]
    lines += [f"quarantined {path}: {reason} ({detail})" for path, reason, detail in summary.quarantined]
    lines += [f"withdrawn {doc_id}: gone from its source" for doc_id in summary.withdrawn]
    lines += [f"source {p.organisation} {p.source} skipped: {p.message}" for p in summary.problems]
    return lines
