"""What grouping language versions into one hit costs: the same searches sent to Elasticsearch
grouped (collapse on version_group, counts of documents by cardinality, then the page's versions
in a second request, as the portal does) and ungrouped (`group=0`), alternately, request cache off.

    python benchmarks/grouping.py --docs 20000 --searches 60 --rounds 3

Prints the time Elasticsearch reports (`took`) and the round trip, median and p95 of each, and
their ratio; the last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

if __package__ in (None, ""):
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

from werkzeug.datastructures import MultiDict  # noqa: E402

from benchmarks.search import searches  # noqa: E402
from benchmarks.synthetic_index import alias_for, ensure_synthetic_index  # noqa: E402
from giai.access import ANONYMOUS  # noqa: E402
from giai.es import connect  # noqa: E402
from giai.settings import load_settings  # noqa: E402
from portal.search import query  # noqa: E402
from portal.search.expansion import load_expander  # noqa: E402
from portal.search.params import SearchParams  # noqa: E402
from portal.vocabulary import load_vocabularies  # noqa: E402


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--searches", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    settings = load_settings()
    client = connect(settings)
    alias = alias_for(args.docs)
    ensure_synthetic_index(client, alias, args.docs, shards=settings.index_shards, say=lambda line: print(line, file=sys.stderr))
    vocabularies, expander = load_vocabularies(), load_expander()
    countries = [b["key"] for b in client.search(index=alias, size=0, aggs={
        "c": {"terms": {"field": "country", "size": 40}}})["aggregations"]["c"]["buckets"]]
    pool = searches(random.Random(7), countries, args.searches)
    bodies: dict[str, list[dict]] = {"grouped": [], "ungrouped": []}
    params_of = []
    for search in pool:
        for name, extra in (("grouped", ()), ("ungrouped", (("group", "0"),))):
            params = SearchParams.from_args(MultiDict(search.args + extra), vocabularies, settings.portal_page_size)
            bodies[name].append(query.build_body(params, ANONYMOUS, expander.expansions(params.q) if params.q else ()))
            if name == "grouped":
                params_of.append(params)
    took: dict[str, list[float]] = {name: [] for name in bodies}
    wall: dict[str, list[float]] = {name: [] for name in bodies}
    for _round in range(args.rounds):
        for index in range(len(pool)):
            for name in bodies:  # alternating, so both meet the same caches and load
                started = time.perf_counter()
                answer = client.search(index=alias, body=bodies[name][index], request_cache=False)
                spent = float(answer["took"])
                groups = [h["_source"][query.VERSION_GROUP] for h in answer["hits"]["hits"]]
                if name == "grouped" and groups:  # the portal's second request: the page's versions
                    versions = query.versions_body(groups, params_of[index], ANONYMOUS)
                    spent += client.search(index=alias, body=versions, request_cache=False)["took"]
                wall[name].append((time.perf_counter() - started) * 1000)
                took[name].append(spent)
    figures = {
        name: {"took_p50_ms": statistics.median(took[name]), "took_p95_ms": percentile(took[name], 0.95),
               "wall_p50_ms": round(statistics.median(wall[name]), 1), "wall_p95_ms": round(percentile(wall[name], 0.95), 1)}
        for name in bodies
    }
    ratio = {key: round(figures["grouped"][key] / max(figures["ungrouped"][key], 0.1), 2) for key in figures["grouped"]}
    for name, values in figures.items():
        print(f"{name:10} " + "  ".join(f"{k} {v}" for k, v in values.items()))
    print("grouped / ungrouped: " + "  ".join(f"{k} {v}" for k, v in ratio.items()))
    print(json.dumps({"docs": args.docs, "searches": len(pool), "rounds": args.rounds, **figures, "ratio": ratio}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
