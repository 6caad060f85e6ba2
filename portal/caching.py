"""Answers a browser or a proxy can keep: static files under fingerprinted URLs, documents with an
ETag.

Every `url_for("static", filename=…)` gets `?v=<digest of the file>`; a static file asked for with
its current digest may be kept for a year (a changed file gets another URL), without it for the
default short time. Document pages and the API's documents carry an ETag of their body and answer
304 to a matching `If-None-Match`: the body is still rendered (it depends on the reader's rights
and language), but not sent again.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from flask import Flask, Response, request

YEAR_S = 365 * 24 * 3600
SHORT_S = 3600
ETAGGED_ENDPOINTS = frozenset({"documents.document", "api.document"})


def init_app(app: Flask) -> None:
    folder = Path(app.static_folder or "")

    @cache
    def digest(filename: str) -> str:
        try:
            return hashlib.sha256((folder / filename).read_bytes()).hexdigest()[:12]
        except OSError:
            return "missing"

    def fingerprint(endpoint: str, values: dict) -> None:
        if endpoint == "static" and "filename" in values:
            values.setdefault("v", digest(values["filename"]))

    def max_age(filename: str | None) -> int:
        return YEAR_S if filename and request.args.get("v") == digest(filename) else SHORT_S

    app.url_defaults(fingerprint)
    app.get_send_file_max_age = max_age  # type: ignore[method-assign]
    app.after_request(conditional_document)


def conditional_document(response: Response) -> Response:
    if (request.endpoint in ETAGGED_ENDPOINTS and request.method == "GET" and response.status_code == 200
            and not response.is_streamed):
        response.add_etag()
        # The same body for another reader is another body: a shared cache must not mix them.
        response.headers["Cache-Control"] = "private, no-cache"
        return response.make_conditional(request)
    return response
