"""Scale benchmark: the synthetic index at a large size (1,000,000 documents by default) next to the
same measurements at 100,000, so that the cost of growing is a measured ratio.

    python benchmarks/scale.py                          # 1,000,000 documents, compared with 100,000
    python benchmarks/scale.py --docs 20000 --baseline 2000 --requests 80   # quicker

For each size: the synthetic index of benchmarks/synthetic_index.py (the search benchmark's
generator, the same documents for the same size) is built under bench-search-<docs>, or completed
when a run was interrupted: documents are written with `create`, so those already there are
skipped by Elasticsearch and only the missing ones are indexed (the throughput counts the
documents and pages written in this run). Then benchmarks/search.py runs against it (results
page, API and their direct requests at 1 and 8 clients, the portal's CPU per page), and the
index's size on disk and the node's heap in use are read.

Prints one line per size and, LAST, one JSON object: `docs`, `index_docs_per_s`,
`index_pages_per_s`, `index_bytes`, `heap_used_bytes`, `api_p95_ms_1c`, `api_p95_ms_8c`,
`page_p95_ms_1c`, `page_p95_ms_8c`, their direct requests' (`raw_…`), `page_cpu_ms`, the same
figures of the baseline under `baseline`, and `ratio_vs_100k` (each figure at `docs` divided by
the baseline's).
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as a script, this file's folder comes first on sys.path, where benchmarks/ingest.py would
# shadow the `ingest` package: put the repository root there instead.
ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)

import argparse  # noqa: E402
import json  # noqa: E402
import subprocess  # noqa: E402
import time  # noqa: E402
from collections.abc import Sequence  # noqa: E402
from typing import Any  # noqa: E402

from elasticsearch import Elasticsearch, helpers  # noqa: E402

from benchmarks.synthetic_index import BULK_CHUNK, alias_for, documents  # noqa: E402
from giai.es import connect  # noqa: E402
from giai.index_schema import concrete_index_name  # noqa: E402
from giai.settings import load_settings  # noqa: E402
from ingest.index_migration import drop_alias_and_indices, ensure_index, indices_behind  # noqa: E402

SEARCH_BENCHMARK = ROOT / "benchmarks" / "search.py"
COMPARED = ("api_p95_ms_1c", "api_p95_ms_8c", "page_p95_ms_1c", "page_p95_ms_8c", "raw_p95_ms_1c", "raw_p95_ms_8c",
            "page_cpu_ms", "index_bytes", "heap_used_bytes")


def build(client: Elasticsearch, count: int, say) -> dict[str, float | None]:
    """bench-search-<count> holding `count` documents, completing a partial index; the indexing
    throughput of this run (None when nothing was missing)."""
    alias = alias_for(count)
    if indices_behind(client, alias) not in ([], [concrete_index_name(alias)]):
        drop_alias_and_indices(client, alias)  # an index of an older schema: start again
    index = ensure_index(client, alias, replicas=0)
    client.indices.refresh(index=index)
    present = client.count(index=index)["count"]
    if present >= count:
        say(f"{alias}: {present:,} documents already there")
        return {"index_docs_per_s": None, "index_pages_per_s": None}
    say(f"{alias}: {present:,} of {count:,} documents there, writing the others")
    client.indices.put_settings(index=index, settings={"index": {"refresh_interval": "-1"}})
    written = pages = 0
    started = time.monotonic()
    page_counts: dict[str, int] = {}  # of the documents sent and not answered yet

    def actions():
        for doc in documents(count):
            page_counts[doc["id"]] = len(doc["pages"])
            yield {"_op_type": "create", "_index": index, "_id": doc["id"], "_source": doc}

    for ok, item in helpers.parallel_bulk(client.options(request_timeout=300), actions(), thread_count=2,
                                          chunk_size=BULK_CHUNK, raise_on_error=False, raise_on_exception=True):
        result = item["create"]
        if ok:
            written += 1
            pages += page_counts.pop(result["_id"], 0)
        elif result.get("status") == 409:
            page_counts.pop(result["_id"], None)  # there already: a resumed run
        else:
            raise SystemExit(f"indexing failed: {result}")
        if written and written % 50_000 == 0:
            say(f"{alias}: {written:,} written in {time.monotonic() - started:.0f} s")
    seconds = time.monotonic() - started
    client.indices.put_settings(index=index, settings={"index": {"refresh_interval": None}})
    client.indices.refresh(index=index)
    client.options(request_timeout=3600).indices.forcemerge(index=index, max_num_segments=1)
    say(f"{alias}: {written:,} documents ({pages:,} pages) written in {seconds:.0f} s, merged")
    return {"index_docs_per_s": round(written / seconds, 1), "index_pages_per_s": round(pages / seconds, 1)}


def measure_searches(count: int, requests: int) -> dict[str, Any]:
    """benchmarks/search.py against bench-search-<count>: its last line, one JSON object."""
    done = subprocess.run([sys.executable, str(SEARCH_BENCHMARK), "--docs", str(count), "--requests", str(requests)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"benchmarks/search.py failed:\n{done.stderr[-3000:]}")
    print(done.stdout, end="", file=sys.stderr)
    return json.loads(done.stdout.strip().splitlines()[-1])


def figures(client: Elasticsearch, count: int, requests: int, say) -> dict[str, Any]:
    built = build(client, count, say)
    searched = measure_searches(count, requests)
    store = client.indices.stats(index=alias_for(count), metric="store")["_all"]["primaries"]["store"]
    heap = sum(n["jvm"]["mem"]["heap_used_in_bytes"] for n in client.nodes.stats(metric="jvm")["nodes"].values())
    return {
        "docs": count,
        **built,
        "index_bytes": store["size_in_bytes"],
        "heap_used_bytes": heap,
        "api_p95_ms_1c": searched["api_p95_ms_1c"],
        "api_p95_ms_8c": searched["api_p95_ms"],
        "page_p95_ms_1c": searched["p95_ms_1c"],
        "page_p95_ms_8c": searched["p95_ms"],
        "raw_p95_ms_1c": searched["raw_p95_ms_1c"],
        "raw_p95_ms_8c": searched["raw_p95_ms"],
        "page_cpu_ms": searched["page_cpu_ms"],
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=1_000_000, help="documents of the large index")
    parser.add_argument("--baseline", type=int, default=100_000, help="documents of the index it is compared with")
    parser.add_argument("--requests", type=int, default=480, help="requests per target and load (benchmarks/search.py)")
    args = parser.parse_args(argv)
    client = connect(load_settings())

    def say(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    baseline = figures(client, args.baseline, args.requests, say)
    large = figures(client, args.docs, args.requests, say)
    for row in (baseline, large):
        print(" ".join(f"{key}={value}" for key, value in row.items()))
    ratios = {key: round(large[key] / baseline[key], 3) for key in COMPARED if baseline.get(key)}
    print(json.dumps({**large, "baseline": baseline, "ratio_vs_100k": ratios}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
