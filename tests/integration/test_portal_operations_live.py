"""`giai serve` (gunicorn, two workers) over the sample corpus as operators see it: health,
readiness, metrics summed over the workers, compression, ETags, and the JSON answer to a request
line gunicorn cannot read."""

from __future__ import annotations

import http.client
import json
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.server


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def test_health_and_readiness_answer_as_json(portal_url):
    assert fetch(f"{portal_url}/healthz")[0] == 200
    status, _headers, body = fetch(f"{portal_url}/readyz")
    assert status == 200 and json.loads(body)["checks"] == {"search_index": "ok", "database": "ok"}


def test_metrics_sum_the_workers_and_read_the_ledger(portal_url):
    for _ in range(6):  # over keep-alive-less requests, both workers answer some
        fetch(f"{portal_url}/api/v1/search?q=torture")
    status, headers, body = fetch(f"{portal_url}/metrics")
    text = body.decode()
    assert status == 200 and headers["Content-Type"].startswith("text/plain")
    counted = [line for line in text.splitlines()
               if line.startswith('giai_http_requests_total{method="GET",route="/api/v1/search",status="200"}')]
    assert counted and float(counted[0].split()[-1]) >= 6
    assert 'giai_ingest_files{status="indexed"}' in text
    assert 'giai_elasticsearch_request_duration_seconds_count{outcome="ok"}' in text


def test_the_results_page_is_compressed_as_the_browser_asks(portal_url):
    plain = fetch(f"{portal_url}/en/search?q=torture")[2]
    for encoding in ("br", "gzip"):
        status, headers, body = fetch(f"{portal_url}/en/search?q=torture", {"Accept-Encoding": encoding})
        assert status == 200 and headers["Content-Encoding"] == encoding and len(body) < len(plain) / 3


def test_a_document_page_answers_304_to_its_etag(portal_url):
    hits = json.loads(fetch(f"{portal_url}/api/v1/search?q=")[2])["hits"]
    url = f"{portal_url}/en/documents/{hits[0]['id']}"
    status, headers, _body = fetch(url)
    assert status == 200 and headers["ETag"]
    assert fetch(url, {"If-None-Match": headers["ETag"]})[0] == 304


def test_a_request_line_too_long_to_read_gets_the_apis_json_error(portal_url):
    parts = urlsplit(portal_url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    conn.request("GET", "/api/v1/search?q=" + "a" * 9000)
    response = conn.getresponse()
    body = response.read()
    conn.close()
    assert response.status == 400 and response.getheader("Content-Type") == "application/json"
    assert json.loads(body)["error"]["code"] == "uri_too_long"
