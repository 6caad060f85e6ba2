"""Search benchmark: the portal's results page and JSON API under `giai serve` (gunicorn), next to
the Elasticsearch request the portal builds sent directly, and next to a naive request, at 1 and 8
concurrent clients, all in one run over a synthetic index.

    python benchmarks/search.py                            # 100,000 documents, 480 requests per target and load
    python benchmarks/search.py --docs 5000 --requests 80  # quicker

The index (benchmarks/synthetic_index.py) is built once and kept under the alias
bench-search-<docs>. Four targets, each driven by N client threads that send requests one after
the other over keep-alive connections:
  page    GET /<locale>/search?… from the portal: the whole HTML answer, as a browser asks for it
  api     GET /api/v1/search?… from the portal (JSON)
  direct  the request the portal sends for the same search, recorded from the portal's own
          `SearchService.search` (validated parameters, expansions, `build_body`, the suggester's
          section, the request cache) and POSTed to Elasticsearch
  naive   that request written naively: the same query (words, expansions, access filter,
          suggester) but the facet filters inside it instead of a post_filter, a plain terms
          aggregation per facet plus the year histogram, every language field of the pages
          highlighted, whole documents in the hits, no request cache
The searches are realistic ones in the five languages with facets, sorts and pages. Every request
is a search not sent before in the run, and Elasticsearch's request cache is emptied before each
turn, so no answer comes from a cache (which only repeated searches would find). The targets take
turns, ROUND_REQUESTS requests per client at a time, so that changes in the machine's load weigh
on all of them alike; a warm-up round of other searches comes first. Besides latency, the CPU
time per request of the Elasticsearch node and of the portal's processes (read from /proc; the
node's includes whatever else asks it during the run).

Prints a table and, as its LAST line, one JSON object: `p50_ms`, `p95_ms` (results page, 8
clients), `raw_p95_ms` (its direct request), `naive_p95_ms`, `overhead_ratio` (page p95 / direct
p95), the same with the suffix `_1c` for one client, the API's (`api_…`), and `page_cpu_ms`, the
portal's CPU time per results page.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as a script, this file's folder comes first on sys.path and benchmarks/ingest.py would
# shadow the `ingest` package: put the repository root there instead.
ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)

import argparse  # noqa: E402
import base64  # noqa: E402
import copy  # noqa: E402
import http.client  # noqa: E402
import itertools  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable, Iterator, Sequence  # noqa: E402
from contextlib import contextmanager  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from types import SimpleNamespace  # noqa: E402
from typing import Any  # noqa: E402
from urllib.parse import urlencode, urlsplit  # noqa: E402

from benchmarks.ingest import node_cpu_seconds, proc_cpu_seconds  # noqa: E402
from benchmarks.live_portal import LivePortal, LivePortalError, giai_environment, served  # noqa: E402
from benchmarks.synthetic_index import alias_for, ensure_synthetic_index  # noqa: E402
from giai.access import ANONYMOUS  # noqa: E402
from giai.es import connect, url_with_credentials  # noqa: E402
from giai.index_schema import FACETS  # noqa: E402
from giai.settings import load_settings  # noqa: E402

# (UI locale, query) in the five languages; thesaurus labels and country names, as users type them.
SEARCHES = [
    ("en", "torture"), ("en", "crimes against humanity"), ("en", '"enforced disappearance"'),
    ("en", "sexual violence"), ("en", "genocide Rwanda"), ("en", "war crimes -genocide"),
    ("fr", "disparition forcée"), ("fr", "crimes de guerre"), ("fr", "torture Syrie"), ("fr", "génocide"),
    ("es", "desaparición forzada"), ("es", "tortura"), ("es", "genocidio Guatemala"), ("es", "violencia sexual"),
    ("ru", "пытки"), ("ru", "военные преступления"), ("ru", "геноцид"), ("ru", "насильственное исчезновение"),
    ("ar", "التعذيب"), ("ar", "جرائم الحرب"), ("ar", "الإبادة الجماعية"), ("ar", "الاختفاء القسري"),
    ("en", "tribunal OR court"), ("fr", ""), ("en", ""),
]
# Facet filters users combine with them (values of the thesaurus and common countries).
FILTERS: list[dict[str, list[str]]] = [
    {}, {}, {"crime_type": ["torture"]}, {"crime_type": ["war-crimes"]}, {"language": ["fr"]},
    {"language": ["en", "es"]}, {"gender": ["sgbv"]}, {"doc_type": ["judgment"]}, {"doc_type": ["report"]},
    {"year": ["2021", "2022", "2023"]}, {"crime_type": ["crimes-against-humanity"], "language": ["ru"]},
    {"body": ["icc"]}, {"organisation": ["fidh"]}, {"crime_type": ["torture", "enforced-disappearance"]},
]
SORTS = ("", "", "newest", "oldest")
PAGES = ("", "", "", "2", "3")
CHROME = "Mozilla/5.0 (X11; Linux x86_64) benchmarks/search.py"
ROUND_REQUESTS = 10


@dataclass(frozen=True)
class Search:
    """One search: the UI locale and its URL arguments (the same for the page and the API)."""

    locale: str
    args: tuple[tuple[str, str], ...]

    def query_string(self) -> str:
        return urlencode(self.args)


def searches(rng: random.Random, countries: Sequence[str], count: int) -> list[Search]:
    """`count` different searches: each of SEARCHES with filters, a sort and a page drawn."""
    made: dict[Search, None] = {}
    while len(made) < count:
        locale, q = rng.choice(SEARCHES)
        filters = dict(rng.choice(FILTERS))
        if rng.random() < 0.3:
            filters["country"] = rng.sample(countries, rng.choice((1, 1, 2)))
        args = [("q", q)] if q else []
        args += [(facet, value) for facet, values in filters.items() for value in values]
        if sort := rng.choice(SORTS):
            args.append(("sort", sort))
        if page := rng.choice(PAGES):
            args.append(("page", page))
        made[Search(locale, tuple(args))] = None
    return list(made)


# ---------------------------------------------------------------------------------------------
# The requests


class Target:
    """One thing measured: builds and sends the request of a search over one connection."""

    def __init__(self, name: str, host: str, port: int, headers: dict[str, str]):
        self.name, self.host, self.port, self.headers = name, host, port, headers

    def connection(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection(self.host, self.port, timeout=60)

    def request(self, search: Search) -> tuple[str, str, bytes | None]:
        raise NotImplementedError

    def send(self, conn: http.client.HTTPConnection, search: Search) -> int:
        method, path, body = self.request(search)
        conn.request(method, path, body=body, headers=self.headers)
        response = conn.getresponse()
        data = response.read()
        if response.status != 200:
            raise RuntimeError(f"{self.name}: {response.status} for {path}: {data[:300]!r}")
        return len(data)


class PortalPage(Target):
    def request(self, search):
        return "GET", f"/{search.locale}/search?{search.query_string()}", None


class PortalApi(Target):
    def request(self, search):
        return "GET", f"/api/v1/search?locale={search.locale}&{search.query_string()}", None


class ElasticsearchTarget(Target):
    """Request bodies POSTed to `<alias>/_search`, encoded before the clock starts."""

    def __init__(self, name, host, port, headers, alias: str, bodies: dict[Search, tuple[dict, str]]):
        super().__init__(name, host, port, headers | {"Content-Type": "application/json"})
        self.alias = alias
        self.encoded = {s: (json.dumps(b).encode(), options) for s, (b, options) in bodies.items()}

    def request(self, search):
        body, options = self.encoded[search]
        return "POST", f"/{self.alias}/_search{options}", body


class RecordingClient:
    """Stands in for the Elasticsearch client of a `SearchService`: keeps the requests the service
    sends and answers each with an empty result."""

    def __init__(self) -> None:
        self.sent: list[tuple[dict[str, Any], dict[str, Any]]] = []

    def search(self, index: str, body: dict[str, Any], **options: Any) -> SimpleNamespace:
        self.sent.append((body, options))
        return SimpleNamespace(body={"hits": {"total": {"value": 0, "relation": "eq"}, "hits": []}, "aggregations": {}})


def portal_requests(pool: Sequence[Search], settings, vocabularies) -> dict[Search, tuple[dict, str]]:
    """The body and URL options of the request the portal sends for each search (anonymous),
    taken from the portal's own `SearchService.search`: validated parameters, expansions,
    `build_body`, the suggester's section, the request cache."""
    from werkzeug.datastructures import MultiDict

    from portal.search.params import SearchParams
    from portal.search.service import SearchService

    recorder = RecordingClient()
    service = SearchService(settings, client_factory=lambda *_args, **_options: recorder)
    requests = {}
    for search in pool:
        service.search(SearchParams.from_args(MultiDict(search.args), vocabularies, settings.portal_page_size), ANONYMOUS)
        (body, options), = recorder.sent
        recorder.sent.clear()
        requests[search] = body, "?" + urlencode({k: str(v).lower() for k, v in options.items()})
    return requests


def naive_request(portal_body: dict[str, Any]) -> tuple[dict, str]:
    """The same search written naively: the portal's request (its words and their expansions, the
    access filter, the suggester) with the facet filters inside the query instead of a
    post_filter (so facet counts are not multi-select), a plain terms aggregation per facet plus
    the year histogram, snippets highlighted on every language field of the pages and their
    `.exact` sub-fields, and whole documents in the hits; no request cache."""
    from portal.search.query import facet_values, page_fields

    body = copy.deepcopy(portal_body)
    body.pop("_source", None)
    if "post_filter" in body:
        body["query"]["bool"]["filter"].append(body.pop("post_filter"))
    body["aggs"] = {facet: facet_values(facet) for facet in FACETS}
    every_field = page_fields() + [f"{name}.exact" for name in page_fields()[1:]]
    for clause in body["query"]["bool"].get("should", []):
        inner_hits = clause.get("nested", {}).get("inner_hits")
        if inner_hits:
            inner_hits["highlight"]["fields"] = {name: {} for name in every_field}
    return body, ""


# ---------------------------------------------------------------------------------------------
# Measuring


@dataclass
class Measurement:
    target: str
    clients: int
    latencies_ms: list[float]
    seconds: float
    bytes: int
    cpu_seconds: dict[str, float] = field(default_factory=dict)  # Elasticsearch's, the portal's

    def percentile(self, p: float) -> float:
        """Nearest rank: the smallest latency with p % of them at or below it."""
        ordered = sorted(self.latencies_ms)
        return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]

    def add(self, other: Measurement, cpu_seconds: dict[str, float]) -> None:
        self.latencies_ms += other.latencies_ms
        self.seconds += other.seconds
        self.bytes += other.bytes
        for process, seconds in cpu_seconds.items():
            self.cpu_seconds[process] = self.cpu_seconds.get(process, 0.0) + seconds

    def cpu_ms_per_request(self, process: str) -> float:
        return self.cpu_seconds.get(process, 0.0) * 1000 / len(self.latencies_ms)

    @property
    def per_second(self) -> float:
        return len(self.latencies_ms) / self.seconds


def run_clients(target: Target, plan: list[list[Search]]) -> Measurement:
    """One thread per list of searches, each over its own keep-alive connection, all started
    together; every latency is one request sent and its whole answer read."""
    latencies: list[float] = []
    sizes: list[int] = []
    errors: list[Exception] = []
    start = threading.Barrier(len(plan) + 1)
    lock = threading.Lock()

    def client(own: list[Search]) -> None:
        conn = target.connection()
        mine, size = [], 0
        start.wait()
        try:
            for search in own:
                began = time.perf_counter()
                size += target.send(conn, search)
                mine.append((time.perf_counter() - began) * 1000)
        except Exception as exc:  # reported after the threads end
            errors.append(exc)
        finally:
            conn.close()
        with lock:
            latencies.extend(mine)
            sizes.append(size)

    threads = [threading.Thread(target=client, args=(own,)) for own in plan]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - began
    if errors:
        raise errors[0]
    return Measurement(target.name, len(plan), latencies, seconds, sum(sizes))


def measure(targets: Sequence[Target], clients: int, requests: int, fresh: Iterator[Search],
            clear_cache: Callable[[], None], cpu_clocks: dict[str, Callable[[], float]]) -> dict[str, Measurement]:
    """`requests` per client for every target, the targets taking turns ROUND_REQUESTS at a time,
    so that a change in the machine's load during the run weighs on all of them alike; each turn
    takes searches never sent before, after Elasticsearch's request cache was emptied. The CPU
    seconds of each process of `cpu_clocks` are counted per target."""
    results = {t.name: Measurement(t.name, clients, [], 0.0, 0) for t in targets}
    done = 0
    while done < requests:
        turn = min(ROUND_REQUESTS, requests - done)
        for target in targets:
            plan = [list(itertools.islice(fresh, turn)) for _ in range(clients)]
            clear_cache()
            before = {process: clock() for process, clock in cpu_clocks.items()}
            measured = run_clients(target, plan)
            used = {process: clock() - before[process] for process, clock in cpu_clocks.items()}
            results[target.name].add(measured, used)
        done += turn
    return results


def process_tree_cpu_seconds(pid: int) -> float:
    """CPU seconds (user + system) used so far by a process and its descendants still running:
    gunicorn's master and its workers."""
    total, pending = 0.0, [pid]
    while pending:
        current = pending.pop()
        seconds = proc_cpu_seconds(current)
        if seconds is None:
            continue
        total += seconds
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(child) for child in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return total


@contextmanager
def serving(env: dict[str, str], log_path: Path) -> Iterator[LivePortal]:
    """The portal under gunicorn with the settings' number of workers; if it does not start, the
    benchmark ends with its log."""
    try:
        with served(env, log_path, workers=None) as portal:
            yield portal
    except LivePortalError as exc:
        raise SystemExit(str(exc)) from None


# ---------------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=100_000, help="documents in the synthetic index")
    # The same number of samples at every load: a p95 of 60 requests (one client's share at 8
    # clients) is the third-slowest of them, and moved by 20 % from one run to the next.
    parser.add_argument("--requests", type=int, default=480,
                        help="requests per target and load, shared among its clients")
    parser.add_argument("--clients", default="1,8", help="concurrent clients, comma-separated (first and last are reported)")
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args(argv)
    loads = [int(n) for n in args.clients.split(",")]

    from portal.vocabulary import load_vocabularies

    settings = load_settings()
    client = connect(settings)
    alias = alias_for(args.docs)
    ensure_synthetic_index(client, alias, args.docs, shards=settings.index_shards, say=say)

    rng = random.Random(args.seed)
    countries = [b["key"] for b in client.search(index=alias, size=0, aggs={
        "c": {"terms": {"field": "country", "size": 15}}})["aggregations"]["c"]["buckets"]]
    warmup_count = 40
    # Four targets, each sending `requests` per client at every load, never the same search twice.
    per_client = {clients: max(1, args.requests // clients) for clients in loads}
    pool = searches(rng, countries, warmup_count + 4 * sum(n * per_client[n] for n in loads))
    warmup, rest = pool[:warmup_count], pool[warmup_count:]

    bodies = portal_requests(pool, settings, load_vocabularies())
    naive_bodies = {s: naive_request(body) for s, (body, _options) in bodies.items()}
    es = urlsplit(url_with_credentials(settings))
    auth = {"Authorization": "Basic " + base64.b64encode(f"{es.username}:{es.password}".encode()).decode()} \
        if es.username else {}

    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="giai-bench-") as tmp, \
            serving(giai_environment(settings, alias, Path(tmp)), Path(tmp) / "serve.log") as portal:
        browser = {"User-Agent": CHROME, "Accept-Encoding": "gzip"}
        targets = [
            ElasticsearchTarget("direct", es.hostname, es.port, auth, alias, bodies),
            ElasticsearchTarget("naive", es.hostname, es.port, auth, alias, naive_bodies),
            PortalPage("page", "127.0.0.1", portal.port, browser),
            PortalApi("api", "127.0.0.1", portal.port, browser),
        ]
        for target in targets:
            run_clients(target, [warmup])
        results: dict[tuple[str, int], Measurement] = {}
        fresh = iter(rest)
        clocks = {"portal": lambda: process_tree_cpu_seconds(portal.pid)}
        if node_cpu_seconds(settings) is not None:
            clocks["es"] = lambda: node_cpu_seconds(settings)
        for clients in loads:
            measured = measure(targets, clients, per_client[clients], fresh,
                               lambda: client.indices.clear_cache(index=alias, request=True), clocks)
            for name, measurement in measured.items():
                results[(name, clients)] = measurement
                say(line(measurement))

    print(f"{args.docs:,} documents, {args.requests} requests per target and load, clients {loads}; "
          f"load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after")
    print(f"{'target':8} {'clients':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'mean ms':>8} {'req/s':>7} "
          f"{'KB/req':>7} {'CPU ms/req: ES':>15} {'portal':>7}")
    for measurement in results.values():
        print(line(measurement))
    print(json.dumps(summary(results, loads[0], loads[-1], args)))
    return 0


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def line(m: Measurement) -> str:
    return (f"{m.target:8} {m.clients:>7} {m.percentile(50):8.1f} {m.percentile(95):8.1f} {m.percentile(99):8.1f} "
            f"{statistics.fmean(m.latencies_ms):8.1f} {m.per_second:7.1f} {m.bytes / len(m.latencies_ms) / 1024:7.1f} "
            f"{m.cpu_ms_per_request('es'):15.1f} {m.cpu_ms_per_request('portal'):7.1f}")


def summary(results: dict[tuple[str, int], Measurement], low: int, high: int, args) -> dict[str, Any]:
    def figures(clients: int, suffix: str) -> dict[str, float]:
        page, api = results[("page", clients)], results[("api", clients)]
        direct, naive = results[("direct", clients)], results[("naive", clients)]
        return {
            f"p50_ms{suffix}": round(page.percentile(50), 1),
            f"p95_ms{suffix}": round(page.percentile(95), 1),
            f"raw_p50_ms{suffix}": round(direct.percentile(50), 1),
            f"raw_p95_ms{suffix}": round(direct.percentile(95), 1),
            f"naive_p50_ms{suffix}": round(naive.percentile(50), 1),
            f"naive_p95_ms{suffix}": round(naive.percentile(95), 1),
            f"overhead_ratio{suffix}": round(page.percentile(95) / direct.percentile(95), 3),
            f"api_p50_ms{suffix}": round(api.percentile(50), 1),
            f"api_p95_ms{suffix}": round(api.percentile(95), 1),
            f"api_overhead_ratio{suffix}": round(api.percentile(95) / direct.percentile(95), 3),
        }

    reported = {"docs": args.docs, "requests_per_target": args.requests, "clients": high,
                **figures(high, ""), **figures(low, f"_{low}c"),
                # The portal's own CPU (gunicorn's master and workers) per results page, at the higher load.
                "page_cpu_ms": round(results[("page", high)].cpu_ms_per_request("portal"), 2)}
    # The goals: the page adds at most 30 % to its direct request at both loads, and at
    # the higher load the page is no slower than the naive request.
    reported["overhead_goal_met"] = max(reported["overhead_ratio"], reported[f"overhead_ratio_{low}c"]) <= 1.3
    reported["naive_goal_met"] = reported["p95_ms"] <= reported["naive_p95_ms"]
    return reported


if __name__ == "__main__":
    sys.exit(main())
