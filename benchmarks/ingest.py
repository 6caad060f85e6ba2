"""Ingestion benchmark: the whole pipeline on a synthetic multilingual corpus, against pypdfium2's
bare text extraction of the same files in the same run.

    python benchmarks/ingest.py                 # 2,500 PDFs (≈22,000 pages), workers = cores
    python benchmarks/ingest.py --files 300     # quicker

The corpus is generated once and cached (benchmarks/synthetic_corpus.py), with one Arabic document
for every ten of it printed by LibreOffice, Chromium and WeasyPrint in turn
(benchmarks/pdf_producers.py): their pages take the PDFBox path of the extraction. The pipeline writes into
a throwaway alias (dropped at the end) with its ledger and raw store in a temporary directory, so
every file is really processed. Prints pages/s end to end, seconds per stage, and as its LAST line
one JSON object with pages_per_s, reference_pages_per_s and ratio.

Stage seconds: read (parent: read, hash, store), extract / detect / classify (summed over the
workers, so up to workers × wall time; with their CPU seconds, which do not grow when other
processes compete for the cores), index (time spent in bulk requests, overlapping the rest). The
load average is printed before and after: on a shared machine it says how much the figures suffer.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as a script, this file's folder comes first on sys.path and its name would shadow the
# `ingest` package: put the repository root there instead.
ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402


def bare_extraction(files: list[Path]) -> tuple[int, float]:
    """Pages and seconds of pypdfium2 reading every page's text, in this one process."""
    import pypdfium2 as pdfium

    pages = 0
    started = time.perf_counter()
    for path in files:
        document = pdfium.PdfDocument(path)
        for page in document:
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
            pages += 1
        document.close()
    return pages, time.perf_counter() - started


def proc_cpu_seconds(pid: int) -> float | None:
    """CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat (None when
    it cannot be read: gone, or not on Linux)."""
    try:
        # The command name, in parentheses, may hold spaces: the fields are counted after it.
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime
    except (OSError, IndexError, ValueError):
        return None


def node_cpu_seconds(settings) -> float | None:
    """CPU seconds the local Elasticsearch node has used so far (None when it is a remote cluster)."""
    from commands.node_files import running_pid

    pid = running_pid(settings)
    return None if pid is None else proc_cpu_seconds(pid)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Ingestion benchmark (end-to-end pages/s vs bare extraction).")
    parser.add_argument("--files", type=int, default=2500, help="Documents in the synthetic corpus (default 2500).")
    parser.add_argument("--workers", type=int, default=None, help="Worker processes (default: one per core).")
    parser.add_argument("--progress", action="store_true", help="Show the progress bar.")
    args = parser.parse_args(argv)

    from benchmarks.pdf_producers import generated_corpus
    from benchmarks.synthetic_corpus import cached_corpus
    from giai.es import connect, url_with_credentials
    from giai.settings import load_settings
    from ingest.index_migration import drop_alias_and_indices
    from ingest.pipeline import plan, run, worker_count

    base = load_settings()
    corpus = cached_corpus(base.cache_dir, args.files)
    printed_count = max(3, args.files // 10)
    printed = base.cache_dir / "producer-corpus" / f"v1-ar-{printed_count}"
    generated_corpus(printed, printed_count)
    files = sorted([*corpus.rglob("*.pdf"), *printed.glob("*.pdf")])
    print(f"corpus: {len(files)} PDFs in {corpus} and {printed}", file=sys.stderr)

    reference_pages, reference_s = bare_extraction(files)
    reference = reference_pages / reference_s
    print(
        f"reference: pypdfium2 bare text extraction, 1 process: {reference_pages} pages in {reference_s:.1f} s "
        f"= {reference:.0f} pages/s"
    )

    load_before = os.getloadavg()[0]
    node_before = None if base.es_url else node_cpu_seconds(base)
    parent_before = resource.getrusage(resource.RUSAGE_SELF)
    alias = f"bench-ingest-{os.getpid()}"
    with tempfile.TemporaryDirectory(prefix="giai-bench-") as data_dir:
        # The run's own cache: the pipeline never reads the cache it may find its sources in.
        settings = load_settings(
            es_url=url_with_credentials(base), data_dir=Path(data_dir), cache_dir=Path(data_dir) / "cache", index=alias
        )
        workers = worker_count(settings, args.workers)
        try:
            summary = run(settings, plan(settings, paths=[corpus, printed]), workers=workers, progress=args.progress)
        finally:
            drop_alias_and_indices(connect(settings), alias)

    load_after = os.getloadavg()[0]
    parent_after = resource.getrusage(resource.RUSAGE_SELF)
    parent_cpu = (parent_after.ru_utime - parent_before.ru_utime) + (parent_after.ru_stime - parent_before.ru_stime)
    node_after = None if node_before is None else node_cpu_seconds(base)
    node_cpu = None if node_after is None else node_after - node_before
    pages_per_s = summary.pages / summary.seconds
    print(
        f"pipeline: {summary.files} files, {summary.pages} pages in {summary.seconds:.1f} s = {pages_per_s:.0f} pages/s "
        f"({workers} workers; {dict(summary.counts)}); load average {load_before:.1f} before, {load_after:.1f} after"
    )
    per_page = 1000 / max(summary.pages, 1)
    for stage, seconds in summary.stage_seconds.items():
        cpu = summary.stage_cpu_seconds.get(stage)
        cpu_text = f"   cpu {cpu:6.1f} s {cpu * per_page:6.2f} ms/page" if cpu is not None else ""
        print(f"  {stage:9} {seconds:7.1f} s {seconds * per_page:6.2f} ms/page{cpu_text}")
    for label, cpu in (("runner (read, store, ledger, bulk)", parent_cpu), ("Elasticsearch node", node_cpu)):
        if cpu is not None:
            print(f"  {label:34} cpu {cpu:6.1f} s {cpu * per_page:6.2f} ms/page")
    result = {
        "files": summary.files,
        "pages": summary.pages,
        "seconds": round(summary.seconds, 2),
        "workers": workers,
        "pages_per_s": round(pages_per_s, 1),
        "reference_pages_per_s": round(reference, 1),
        "ratio": round(pages_per_s / reference, 3),
        "stage_seconds": {k: round(v, 2) for k, v in summary.stage_seconds.items()},
        "stage_cpu_seconds": {k: round(v, 2) for k, v in summary.stage_cpu_seconds.items()},
        "runner_cpu_seconds": round(parent_cpu, 2),
        "elasticsearch_cpu_seconds": None if node_cpu is None else round(node_cpu, 2),
        "load_average": [round(load_before, 2), round(load_after, 2)],
        "quarantined": summary.counts.get("quarantined", 0),
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
