"""Health, readiness, metrics, request ids and the 503's Retry-After, with the app pointing at a
closed port (Elasticsearch down); and the gunicorn worker's JSON answer to an unreadable request."""

import json
import logging

import pytest

from giai.settings import load_settings
from portal import create_app
from portal.caching import body_digest
from portal.gunicorn_worker import error_bytes
from portal.request_log import JsonFormatter
from tests.fixtures.portal.vocab import small_vocabularies


def _app(tmp_path, **settings):
    configured = load_settings(es_url="http://127.0.0.1:1", data_dir=tmp_path, index="closed", **settings)
    return create_app({"SETTINGS": configured, "VOCABULARIES": small_vocabularies(), "SECRET_KEY": "test"})


@pytest.fixture
def client(tmp_path):
    return _app(tmp_path).test_client()


def test_healthz_answers_while_elasticsearch_is_down(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.get_json() == {"status": "ok"}


def test_readyz_names_the_failing_dependency_and_says_when_to_retry(client):
    response = client.get("/readyz")
    assert response.status_code == 503 and response.headers["Retry-After"].isdigit()
    assert response.get_json()["checks"] == {"search_index": "failing", "database": "ok"}


def test_an_outage_page_and_its_json_both_say_when_to_retry(client):
    page = client.get("/en/search?q=torture")
    api = client.get("/api/v1/search?q=torture")
    assert page.status_code == api.status_code == 503
    assert page.headers["Retry-After"].isdigit() and api.headers["Retry-After"].isdigit()
    assert "text/html" in page.content_type and api.get_json()["error"]["code"] == "search_unavailable"


def test_metrics_count_requests_per_route_and_status_for_loopback(client):
    client.get("/healthz")
    client.get("/en/documents/" + "0" * 24)
    body = client.get("/metrics", environ_base={"REMOTE_ADDR": "127.0.0.1"}).get_data(as_text=True)
    assert 'giai_http_requests_total{method="GET",route="/healthz",status="200"}' in body
    assert 'route="/<locale:locale>/documents/<doc_id>"' in body  # the rule, not one series per document
    assert "giai_elasticsearch_request_duration_seconds_bucket" in body


def test_metrics_are_hidden_from_other_addresses_without_the_token(tmp_path):
    client = _app(tmp_path, metrics_token="s3cret-token").test_client()
    outside = {"REMOTE_ADDR": "203.0.113.9"}
    assert client.get("/metrics", environ_base=outside).status_code == 404
    assert client.get("/metrics", environ_base=outside, headers={"Authorization": "Bearer wrong"}).status_code == 404
    allowed = client.get("/metrics", environ_base=outside, headers={"Authorization": "Bearer s3cret-token"})
    assert allowed.status_code == 200 and allowed.content_type.startswith("text/plain")


def test_every_answer_carries_a_request_id_and_keeps_a_sane_given_one(client):
    assert len(client.get("/healthz").headers["X-Request-Id"]) == 32
    assert client.get("/healthz", headers={"X-Request-Id": "probe-1234567"}).headers["X-Request-Id"] == "probe-1234567"
    assert client.get("/healthz", headers={"X-Request-Id": "bad id <>"}).headers["X-Request-Id"] != "bad id <>"


def test_log_lines_are_one_json_object_with_the_request_id(client):
    app = client.application
    with app.test_request_context("/healthz"):
        app.preprocess_request()
        record = logging.LogRecord("giai", logging.WARNING, __file__, 1, "slow: %s", ("x",), None)
        entry = json.loads(JsonFormatter().format(record))
    assert entry["message"] == "slow: x" and entry["level"] == "warning" and len(entry["request_id"]) == 32


def test_unknown_api_locale_and_expand_values_are_refused(client):
    for query in ("locale=xx", "expand=maybe"):
        response = client.get(f"/api/v1/search?{query}")
        assert response.status_code == 400 and response.get_json()["error"]["code"] == "invalid_parameters"


def test_a_method_not_allowed_names_the_allowed_ones(client):
    response = client.open("/api/v1/search", method="TRACE")
    assert response.status_code == 405 and "GET" in response.headers["Allow"]


def test_an_unreadable_request_gets_the_apis_json_error():
    head, body = error_bytes(400, "Bad Request", "uri_too_long").split(b"\r\n\r\n", 1)
    assert head.startswith(b"HTTP/1.1 400 ") and b"Content-Type: application/json" in head
    assert json.loads(body)["error"] == {"status": 400, "code": "uri_too_long", "message": "The address is too long."}


def test_pages_are_compressed_with_brotli_or_gzip_as_the_client_asks(client):
    for encoding in ("br", "gzip"):
        response = client.get("/api/v1/openapi.json", headers={"Accept-Encoding": encoding})
        assert response.headers["Content-Encoding"] == encoding and "Accept-Encoding" in response.headers["Vary"]
    assert "Content-Encoding" not in client.get("/api/v1/openapi.json").headers


def test_static_files_have_fingerprinted_urls_kept_for_a_year(client):
    with client.application.test_request_context():
        from flask import url_for

        url = url_for("static", filename="site.css")
    assert "?v=" in url
    kept = client.get(url)
    assert kept.status_code == 200 and "max-age=31536000" in kept.headers["Cache-Control"]
    assert "max-age=31536000" not in client.get("/static/site.css?v=old").headers["Cache-Control"]


def test_a_body_digest_ignores_csrf_tokens_and_nothing_else():
    page = b'<form><input id="csrf_token" name="csrf_token" type="hidden" value="IjE.abc"></form><p>text</p>'
    assert body_digest(page) == body_digest(page.replace(b"IjE.abc", b"IjI.xyz"))
    assert body_digest(page) != body_digest(page.replace(b"text", b"other"))
