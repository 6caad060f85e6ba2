"""What a run of the pipeline tells its caller when it ends (`giai ingest`, `python -m ingest`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ingest.pipeline import RunSummary


def summary_lines(summary: RunSummary) -> list[str]:
    """The end-of-run summary: counts, pages, speed, per-stage time, quarantined files, problems."""
    counts = summary.counts
    lines = [
        f"{summary.files} files into {summary.index}: {counts['indexed']} indexed, {counts['unchanged']} unchanged, "
        f"{counts['needs_ocr']} needs_ocr, {counts['quarantined']} quarantined; "
        f"{summary.pages} pages in {summary.seconds:.1f} s ({summary.pages_per_s:.0f} pages/s)",
        "stages (s): " + ", ".join(f"{stage} {seconds:.1f}" for stage, seconds in summary.stage_seconds.items()),
    ]
    lines += [f"quarantined {path}: {reason} ({detail})" for path, reason, detail in summary.quarantined]
    lines += [f"source {p.organisation} {p.source} skipped: {p.message}" for p in summary.problems]
    return lines
