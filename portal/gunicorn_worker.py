"""gunicorn's threaded worker, answering requests it cannot parse the way the portal answers
errors: JSON (`{"error": {"status", "code", "message"}}`) instead of gunicorn's HTML page: 400
(code `uri_too_long`) for a request line longer than gunicorn reads (8 KB), as for any request
the API refuses, and 431 for too many or too large headers.
The request never reaches Flask, so neither its path nor the reader's language is known: the
message is English and the body JSON, whatever was asked."""

from __future__ import annotations

import json

from gunicorn import util
from gunicorn.http import errors
from gunicorn.workers.gthread import ThreadWorker

UNPARSABLE = (
    errors.InvalidRequestLine, errors.InvalidRequestMethod, errors.InvalidHTTPVersion, errors.InvalidHeader,
    errors.InvalidHeaderName, errors.LimitRequestLine, errors.LimitRequestHeaders, errors.InvalidProxyLine,
    errors.InvalidSchemeHeaders, errors.ObsoleteFolding,
)
ANSWERS = {  # exception → status, reason, code
    errors.LimitRequestLine: (400, "Bad Request", "uri_too_long"),
    errors.LimitRequestHeaders: (431, "Request Header Fields Too Large", "headers_too_large"),
}
MESSAGES = {
    "uri_too_long": "The address is too long.",
    "headers_too_large": "The request's headers are too large.",
    "bad_request": "The request could not be read.",
}


def error_bytes(status: int, reason: str, code: str) -> bytes:
    """A whole HTTP/1.1 response closing the connection, with the portal's JSON error body."""
    body = json.dumps({"error": {"status": status, "code": code, "message": MESSAGES[code]}}).encode()
    head = (f"HTTP/1.1 {status} {reason}\r\nConnection: close\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\nX-Content-Type-Options: nosniff\r\n\r\n")
    return head.encode("latin-1") + body


class PortalWorker(ThreadWorker):
    def handle_error(self, req, client, addr, exc):
        if not isinstance(exc, UNPARSABLE):
            return super().handle_error(req, client, addr, exc)
        status, reason, code = ANSWERS.get(type(exc), (400, "Bad Request", "bad_request"))
        self.log.warning("unreadable request from %s: %s", (addr or ("",))[0], exc)
        try:
            util.write_nonblock(client, error_bytes(status, reason, code))
        except OSError:
            self.log.debug("could not send the error of an unreadable request")
