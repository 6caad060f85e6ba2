"""Answers a browser or a proxy can keep: static files under fingerprinted URLs, documents with an
ETag.

Every `url_for("static", filename=…)` gets `?v=<digest of the file>`; a static file asked for with
its current digest may be kept for a year (a changed file gets another URL), without it for the
default short time. Document pages and the API's documents carry an ETag of their body (CSRF tokens aside) and answer
304 to a matching `If-None-Match`: the body is still rendered (it depends on the reader's rights
and language), but not sent again.
"""

from __future__ import annotations

import hashlib
import re
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


# A form's CSRF token is signed with the time, so it differs at every request: it is left out of the
# digest, or a page with a form (the reader's choice of content notes) would never answer 304.
CSRF_VALUE = re.compile(rb'(<input[^>]*name="csrf_token"[^>]*value=")[^"]*"')


def body_digest(body: bytes) -> str:
    """The ETag of a body: its digest with every CSRF token's value left out."""
    return hashlib.sha256(CSRF_VALUE.sub(rb'\1"', body)).hexdigest()


def conditional_document(response: Response) -> Response:
    if (request.endpoint in ETAGGED_ENDPOINTS and request.method == "GET" and response.status_code == 200
            and not response.is_streamed):
        response.set_etag(body_digest(response.get_data()))
        # The same body for another reader is another body: a shared cache must not mix them.
        response.headers["Cache-Control"] = "private, no-cache"
        return response.make_conditional(request)
    return response
