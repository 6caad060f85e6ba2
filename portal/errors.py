"""Errors as pages in the reader's language or as JSON under /api/: never a traceback."""

from __future__ import annotations

import logging

from flask import Flask, jsonify, render_template, request
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException

from giai.es import SearchUnavailable
from portal.localised import FACET_TITLES
from portal.search.params import InvalidParams, ParamError
from portal.search.syntax import UNBALANCED_BRACKET, UNCLOSED_QUOTE

log = logging.getLogger(__name__)
RETRY_AFTER_S = 10  # what a 503 asks clients to wait before trying again


def note_message(code: str) -> str:
    """What we changed in a query with broken syntax, in the reader's language."""
    if code == UNCLOSED_QUOTE:
        return _("A quotation mark was not closed, so we searched for the words without it.")
    if code == UNBALANCED_BRACKET:
        return _("A bracket was not closed or not opened, so we searched without it.")
    return code


def param_message(error: ParamError) -> str:
    """One sentence per bad parameter, in the reader's language."""
    d = error.details
    name = str(FACET_TITLES.get(error.param, error.param))
    if error.code == "too_long":
        return _("The search text is too long: %(length)s characters, at most %(max)s.", length=d["length"], max=d["max"])
    if error.code == "unknown_value":
        return _("%(facet)s: unknown value %(values)s.", facet=name, values=", ".join(d["values"]))
    if error.code == "too_many_values":
        return _("%(facet)s: at most %(max)s values can be selected.", facet=name, max=d["max"])
    if error.code == "unknown_sort":
        return _("Unknown sort order %(value)s: use %(allowed)s.", value=d["value"], allowed=", ".join(d["allowed"]))
    if error.code == "unknown_worklist_sort":
        return _("Unknown sort order %(value)s: use demand, date or size.", value=d["value"])
    if error.code == "bad_page":
        return _("Page %(value)s does not exist: pages go from 1 to %(max)s.", value=d["value"], max=d["max"])
    if error.code == "bad_cited":
        return _("Cited by %(value)s: give a whole number of citing documents from 1 to %(max)s.", value=d["value"], max=d["max"])
    if error.code == "bad_cursor":
        return _("This cursor is not valid: start again from the first page.")
    if error.code == "cursor_sort_mismatch":
        return _("This cursor belongs to another sort order.")
    if error.code == "page_and_cursor":
        return _("Give either a page or a cursor, not both.")
    if error.code == "bad_date":
        return _("%(param)s: %(value)s is not a date; write it as YYYY-MM-DD.", param=error.param, value=d["value"])
    if error.code == "date_order":
        return _("%(param)s: the end of the range (%(end)s) comes before its start (%(start)s).",
                 param=error.param, end=d["end"], start=d["start"])
    return error.code


def wants_json() -> bool:
    return request.path.startswith("/api/")


def error_response(status: int, code: str, title: str, messages: list[str], details: list | None = None):
    """The error as JSON under /api/ (`code`, the messages as one, `details` if given), else as the
    error page in the reader's language."""
    # A 503 is a passing outage (Elasticsearch or the database): say when to try again.
    headers = {"Retry-After": str(RETRY_AFTER_S)} if status == 503 else {}
    if wants_json():
        body = {"error": {"status": status, "code": code, "message": " ".join(messages)}}
        if details is not None:
            body["error"]["details"] = details
        return jsonify(body), status, headers
    return render_template("error.html", status=status, title=title, messages=messages), status, headers


def invalid_params(exc: InvalidParams):
    messages = [param_message(e) for e in exc.errors]
    details = [{"param": e.param, "code": e.code, "message": m} for e, m in zip(exc.errors, messages, strict=True)]
    return error_response(400, "invalid_parameters", _("This search cannot be run"), messages, details)


def search_unavailable(exc: SearchUnavailable):
    log.error("search unavailable: %s", exc)
    message = _("The search service is unavailable at the moment. Please try again in a few minutes.")
    return error_response(503, "search_unavailable", _("Search unavailable"), [message])


def http_error(exc: HTTPException):
    status = exc.code or 500
    titles = {
        404: _("Page not found"),
        410: _("Document withdrawn"),
        405: _("This address does not accept that request"),
        400: _("Bad request"),
    }
    title = titles.get(status, _("Something went wrong"))
    messages = {
        404: _("The page or document does not exist, or you may not see it."),
        410: _("This document was withdrawn from the portal and is no longer available."),
    }
    codes = {404: "not_found", 410: "gone"}
    body, status, headers = error_response(status, codes.get(status, "http_error"), title, [messages.get(status, title)])
    # The exception's own headers: a 405's Allow (the methods the address does accept), a 401's challenge.
    return body, status, {**headers, **{k: v for k, v in exc.get_headers() if k != "Content-Type"}}


def unexpected(exc: Exception):
    log.exception("unexpected error on %s", request.path)
    message = _("Something went wrong on our side. Please try again later.")
    return error_response(500, "internal_error", _("Something went wrong"), [message])


def register(app: Flask) -> None:
    app.register_error_handler(InvalidParams, invalid_params)
    app.register_error_handler(SearchUnavailable, search_unavailable)
    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(Exception, unexpected)
