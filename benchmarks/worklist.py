"""Worklist benchmark: how long the translators' worklist takes as the number of documents without
a version in the language grows (the candidates are read from Elasticsearch, up to WORKLIST_SCAN,
and ranked with the database's demand counts in the portal).

    python benchmarks/worklist.py                     # 1,000 and 10,000 candidates, 20 requests per sort
    python benchmarks/worklist.py --docs 500 2000     # other sizes

Each size gets a throwaway alias of small synthetic documents (no page text: the worklist never
reads it), a SQLite database with demand counts for a third of them, and the portal app in this
process (Flask's test client, one request at a time, so the figures are the app's and
Elasticsearch's, not gunicorn's). Prints a table and, as its LAST line, one JSON object:
{"<docs>": {"<sort>": {"p50_ms": …, "p95_ms": …}}}.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)  # benchmarks/ingest.py would shadow the `ingest` package

import argparse  # noqa: E402
import dataclasses  # noqa: E402
import datetime as dt  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import uuid  # noqa: E402

from elasticsearch import helpers  # noqa: E402

from giai.db import Database, upgrade  # noqa: E402
from giai.db.translation import DemandCount  # noqa: E402
from giai.es import connect, url_with_credentials  # noqa: E402
from giai.settings import load_settings  # noqa: E402
from ingest.index_migration import drop_alias_and_indices, ensure_index  # noqa: E402
from portal import create_app  # noqa: E402
from portal.auth.users import create_user  # noqa: E402

SORTS = ("demand", "date", "size")
PASSWORD = "a long benchmark password"


def synthetic(n: int, rng: random.Random) -> list[dict]:
    return [{
        "id": f"w{i}", "title": f"Report {i}", "title_en": f"Report {i}", "language": "en", "languages": ["en"],
        "access": "public", "organisation": rng.choice(["fidh", "trial", "redress"]),
        "date": (dt.date(2000, 1, 1) + dt.timedelta(days=rng.randrange(9000))).isoformat(),
        "word_count": rng.randrange(100, 100_000), "page_count": rng.randrange(1, 300),
        "doc_type": [rng.choice(["report", "judgment"])], "crime_type": [rng.choice(["torture", "genocide"])],
    } for i in range(n)]


def measure(docs: int, requests: int) -> dict[str, dict[str, float]]:
    settings, rng = load_settings(), random.Random(docs)
    client = connect(settings)
    alias = f"bench-worklist-{uuid.uuid4().hex[:8]}"
    ensure_index(client, alias)
    try:
        documents = synthetic(docs, rng)
        helpers.bulk(client, ({"_index": alias, "_id": d["id"], "_source": d} for d in documents), refresh="wait_for")
        with tempfile.TemporaryDirectory() as folder:
            url = f"sqlite:///{folder}/bench.sqlite3"
            upgrade(url)
            database = Database(url)
            with database.session() as session:
                create_user(session, "ru@example.org", PASSWORD, ["translator"], ["fidh"], ["ru"])
                today = dt.datetime.now(dt.UTC).date()
                session.add_all(DemandCount(doc_id=d["id"], day=today, opens=rng.randrange(1, 50), finds=0)
                                for d in documents[::3])
            database.dispose()
            app = create_app({"SETTINGS": dataclasses.replace(settings, es_url=url_with_credentials(settings), index=alias,
                                                              data_dir=Path(folder), database_url=url),
                              "SECRET_KEY": "benchmark"})
            browser = app.test_client()
            page = browser.get("/en/login").get_data(as_text=True)
            token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
            browser.post("/login", data={"email": "ru@example.org", "password": PASSWORD, "csrf_token": token})
            figures = {}
            for sort in SORTS:
                assert browser.get(f"/en/translations/ru?sort={sort}").status_code == 200  # warm-up
                times = []
                for n in range(requests):
                    start = time.perf_counter()
                    response = browser.get(f"/en/translations/ru?sort={sort}&page={1 + n % 5}")
                    times.append((time.perf_counter() - start) * 1000)
                    assert response.status_code == 200
                times.sort()
                figures[sort] = {"p50_ms": round(statistics.median(times), 1),
                                 "p95_ms": round(times[min(len(times) - 1, int(len(times) * 0.95))], 1)}
            return figures
    finally:
        drop_alias_and_indices(client, alias)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, nargs="+", default=[1000, 10_000])
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()
    results = {}
    for docs in args.docs:
        results[str(docs)] = measure(docs, args.requests)
        for sort, figures in results[str(docs)].items():
            print(f"{docs:>7} documents  sort={sort:<7} p50 {figures['p50_ms']:>7.1f} ms  p95 {figures['p95_ms']:>7.1f} ms")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
