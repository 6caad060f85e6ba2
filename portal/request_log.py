"""Structured logs: one JSON object per line, each naming the request it belongs to.

Every request gets an id (the caller's `X-Request-Id` when it is a short token, else a new one),
returned in the `X-Request-Id` header, written in every log line of the request, and sent to
Elasticsearch as `X-Opaque-Id`, so a slow search in Elasticsearch's own logs and tasks leads back
to the request that made it. One access line per request replaces gunicorn's plain one.
"""

from __future__ import annotations

import json
import logging
import re
import time
import uuid

from elasticsearch import Elasticsearch
from flask import Flask, Response, g, has_request_context, request

log = logging.getLogger("giai.access")
HEADER = "X-Request-Id"
ACCEPTED_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")


def current_id() -> str | None:
    """The id of the request being served, if any."""
    return g.get("request_id") if has_request_context() else None


def tagged(client: Elasticsearch) -> Elasticsearch:
    """`client` sending the id of the request being served as X-Opaque-Id (`client` itself
    outside a request). Made once a request and kept in `g`: `options()` builds a whole client
    (~150 µs), and a results page sends two to four requests."""
    request_id = current_id()
    if not request_id:
        return client
    kept = g.get("_giai_tagged_client")
    if kept is None or kept[0] is not client:
        kept = g._giai_tagged_client = (client, client.options(opaque_id=request_id))
    return kept[1]


class JsonFormatter(logging.Formatter):
    """A log record as one JSON object: time, level, logger, message, the request's id, and the
    fields a caller passed in `extra={"fields": {...}}`."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S") + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        if request_id := current_id():
            entry["request_id"] = request_id
        entry.update(getattr(record, "fields", {}))
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


JsonFormatter.converter = time.gmtime

# gunicorn's and the app's loggers, all through JsonFormatter to stderr (gunicorn's logconfig_dict).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": JsonFormatter}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}},
    "root": {"level": "INFO", "handlers": ["stderr"]},
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["stderr"], "propagate": False},
        "gunicorn.access": {"level": "WARNING", "handlers": ["stderr"], "propagate": False},
        "elastic_transport": {"level": "WARNING"},
    },
}


def init_app(app: Flask) -> None:
    app.before_request(_assign_id)
    app.after_request(_log_request)


def _assign_id() -> None:
    given = request.headers.get(HEADER, "")
    g.request_id = given if ACCEPTED_ID.fullmatch(given) else uuid.uuid4().hex
    g.request_started = time.perf_counter()


def _log_request(response: Response) -> Response:
    if "request_id" not in g:
        return response
    response.headers[HEADER] = g.request_id
    log.info("%s %s %s", request.method, request.path, response.status_code, extra={"fields": {
        "method": request.method,
        "path": request.path,
        "status": response.status_code,
        "duration_ms": round((time.perf_counter() - g.request_started) * 1000, 1),
        "remote_addr": request.remote_addr,
    }})
    return response
