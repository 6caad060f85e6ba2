"""The portal's CPU time per results page, in process: the Flask app as the tests build it, over a
throwaway synthetic index, each page asked through Flask's test client.

    python benchmarks/page_cpu.py                      # 5,000 documents, 40 searches × 5 rounds
    python benchmarks/page_cpu.py --profile 30         # and the top 30 functions by cumulative and own CPU time

benchmarks/search.py's `page_cpu_ms` is the same figure under gunicorn, read from /proc, with the
HTTP server's work and the load of a whole run around it; here the page alone, quick to repeat and
to profile. The searches are search.py's (five languages, facet filters, sorts, pages; a third
with grouping off), asked anonymously and signed in, the browser's `Accept-Encoding: gzip` sent.
After a warm-up round, each is asked `--rounds` times. Time is `time.process_time()`, the process's
CPU: the wait for Elasticsearch is left out, the client's work on its request and answer is not.
Prints the mean CPU per page and the part of it inside `render_template` (Flask's
`before_render_template` and `template_rendered` signals), and as its LAST line one JSON object.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as a script, this file's folder comes first on sys.path and benchmarks/ingest.py would
# shadow the `ingest` package: put the repository root there instead.
ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)

import argparse  # noqa: E402
import cProfile  # noqa: E402
import json  # noqa: E402
import pstats  # noqa: E402
import random  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import uuid  # noqa: E402
from collections.abc import Iterator, Sequence  # noqa: E402
from contextlib import contextmanager  # noqa: E402

from flask import Flask, before_render_template, template_rendered  # noqa: E402
from flask.testing import FlaskClient  # noqa: E402

from benchmarks.search import CHROME, Search, searches  # noqa: E402
from benchmarks.synthetic_index import ensure_synthetic_index  # noqa: E402
from giai.db import Database, upgrade  # noqa: E402
from giai.es import connect  # noqa: E402
from giai.settings import load_settings  # noqa: E402
from ingest.index_migration import drop_alias_and_indices  # noqa: E402
from portal.vocabulary import load_vocabularies  # noqa: E402
from tests.fixtures.auth import add_account, portal_app, sign_in  # noqa: E402

BROWSER = {"User-Agent": CHROME, "Accept-Encoding": "gzip"}
MEMBER = "member@page-cpu.example"


@contextmanager
def synthetic_alias(es, docs: int) -> Iterator[str]:
    """A fresh alias holding `docs` synthetic documents, removed on exit (the node may be shared)."""
    alias = f"bench-page-cpu-{uuid.uuid4().hex[:8]}"
    try:
        ensure_synthetic_index(es, alias, docs)
        yield alias
    finally:
        drop_alias_and_indices(es, alias)


def page_paths(count: int, seed: int, countries: Sequence[str]) -> list[str]:
    """`count` results pages of search.py's searches, every third with grouping off."""
    def path(number: int, search: Search) -> str:
        query = search.query_string() + ("&group=0" if number % 3 == 2 else "")
        return f"/{search.locale}/search?{query}"

    return [path(n, s) for n, s in enumerate(searches(random.Random(seed), countries, count))]


class RenderClock:
    """The CPU time spent inside `render_template` since the last `take()`."""

    def __init__(self, app: Flask):
        self.spent = self.started = 0.0
        before_render_template.connect(self._start, app)
        template_rendered.connect(self._stop, app)

    def _start(self, _app, **_extra) -> None:
        self.started = time.process_time()

    def _stop(self, _app, **_extra) -> None:
        self.spent += time.process_time() - self.started

    def take(self) -> float:
        spent, self.spent = self.spent, 0.0
        return spent


def ask(client: FlaskClient, path: str) -> None:
    response = client.get(path, headers=BROWSER)
    if response.status_code != 200:
        raise RuntimeError(f"{response.status_code} for {path}")
    response.close()


def measure(clients: Sequence[FlaskClient], paths: Sequence[str], rounds: int, clock: RenderClock,
            profiler: cProfile.Profile | None) -> tuple[list[float], list[float]]:
    """(CPU ms, render_template ms) of each page, `rounds` times each path with each client."""
    cpu, render = [], []
    for _round in range(rounds):
        for client in clients:
            for path in paths:
                clock.take()
                started = time.process_time()
                if profiler:
                    profiler.enable()
                ask(client, path)
                if profiler:
                    profiler.disable()
                cpu.append((time.process_time() - started) * 1000)
                render.append(clock.take() * 1000)
    return cpu, render


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=5000, help="synthetic documents indexed (default 5000)")
    parser.add_argument("--searches", type=int, default=40, help="different results pages (default 40)")
    parser.add_argument("--rounds", type=int, default=5, help="times each page is asked by each viewer (default 5)")
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--profile", type=int, metavar="N", default=0,
                        help="profile the measured requests and print the top N functions by cumulative and own CPU time")
    args = parser.parse_args(argv)

    settings = load_settings()
    es = connect(settings)
    with synthetic_alias(es, args.docs) as alias, tempfile.TemporaryDirectory(prefix="giai-page-cpu-") as tmp:
        database_url = f"sqlite:///{Path(tmp) / 'giai.sqlite3'}"
        upgrade(database_url)
        add_account(Database(database_url), MEMBER, organisations=("fidh",))
        app = portal_app(settings, alias, database_url, Path(tmp), load_vocabularies())
        anonymous, member = app.test_client(), app.test_client()
        sign_in(member, MEMBER)
        countries = [b["key"] for b in es.search(index=alias, size=0, aggs={
            "c": {"terms": {"field": "country", "size": 15}}})["aggregations"]["c"]["buckets"]]
        paths = page_paths(args.searches, args.seed, countries)
        clock = RenderClock(app)
        measure([anonymous, member], paths, 1, clock, None)  # warm-up: templates, caches, connections
        profiler = cProfile.Profile(time.process_time) if args.profile else None  # CPU, not the wait
        cpu, render = measure([anonymous, member], paths, args.rounds, clock, profiler)

    print(f"{len(cpu)} results pages ({len(paths)} searches × anonymous and signed in × {args.rounds}), "
          f"{args.docs:,} documents, page size {settings.portal_page_size}")
    print(f"CPU per page: mean {statistics.fmean(cpu):.2f} ms, median {statistics.median(cpu):.2f} ms; "
          f"inside render_template: mean {statistics.fmean(render):.2f} ms")
    if profiler:
        stats = pstats.Stats(profiler)
        stats.sort_stats("cumulative").print_stats(args.profile)
        stats.sort_stats("tottime").print_stats(args.profile)
    print(json.dumps({"pages": len(cpu), "page_cpu_ms": round(statistics.fmean(cpu), 2),
                      "render_ms": round(statistics.fmean(render), 2)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
