"""`/metrics` in the Prometheus text format (prometheus_client): requests per route, method and
status with their latency, the latency of the portal's calls to Elasticsearch, and the ingestion
ledger's files per status. Only loopback may read it, or a client showing GIAI_METRICS_TOKEN
as a bearer token (a scraper elsewhere).

Under gunicorn every worker counts its own requests: `giai serve` points PROMETHEUS_MULTIPROC_DIR
at a fresh folder before anything imports prometheus_client, and the answer sums the workers'.
"""

from __future__ import annotations

import hmac
import ipaddress
import os
import time
from collections.abc import Iterator

from flask import Blueprint, Flask, Response, abort, current_app, g, request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import REGISTRY, Collector

from giai import ledger

bp = Blueprint("metrics", __name__)
MULTIPROCESS_DIR = "PROMETHEUS_MULTIPROC_DIR"

REQUESTS = Counter("giai_http_requests", "HTTP requests answered", ["route", "method", "status"])
LATENCY = Histogram("giai_http_request_duration_seconds", "Time to answer an HTTP request", ["route", "status"],
                    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10))
ES_LATENCY = Histogram("giai_elasticsearch_request_duration_seconds", "Time of one call to Elasticsearch",
                       ["outcome"], buckets=(0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15))


class LedgerCollector(Collector):
    """The ledger's files per status, read when scraped (the pipeline, not the portal, writes it)."""

    def __init__(self, settings):
        self.settings = settings

    def collect(self) -> Iterator[GaugeMetricFamily]:
        family = GaugeMetricFamily("giai_ingest_files", "Files of the index's ingestion ledger per status",
                                   labels=["status"])
        for status, count in sorted(ledger.status_counts(self.settings).items()):
            family.add_metric([status], count)
        yield family


def init_app(app: Flask) -> None:
    app.before_request(_started)
    app.after_request(_counted)
    app.register_blueprint(bp)


def _started() -> None:
    g.metrics_started = time.perf_counter()


def _counted(response: Response) -> Response:
    started = g.pop("metrics_started", None)
    if started is not None:
        # The rule, not the path: /en/documents/<id> is one route, not one series per document.
        route = request.url_rule.rule if request.url_rule else "unmatched"
        status = str(response.status_code)
        REQUESTS.labels(route, request.method, status).inc()
        LATENCY.labels(route, status).observe(time.perf_counter() - started)
    return response


def _settings():
    # Not through portal.state, which imports the search service, which imports this module.
    return current_app.extensions["giai"].settings


def _allowed() -> bool:
    token = _settings().metrics_token
    given = request.headers.get("Authorization", "")
    if token and hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
        return True
    try:
        return ipaddress.ip_address(request.remote_addr or "").is_loopback
    except ValueError:
        return False


@bp.get("/metrics")
def metrics():
    if not _allowed():
        abort(404)  # as if there were nothing here: no hint for a scanner
    registry = CollectorRegistry()
    registry.register(LedgerCollector(_settings()))
    if os.environ.get(MULTIPROCESS_DIR):
        multiprocess.MultiProcessCollector(registry)
        body = generate_latest(registry)
    else:
        body = generate_latest(REGISTRY) + generate_latest(registry)
    return Response(body, content_type=CONTENT_TYPE_LATEST)
