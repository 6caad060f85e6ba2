"""Document pages (metadata, text by page with the query's hits, translations, related
documents, citation) and the original files."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request, send_file
from flask_babel import gettext as _

from giai.access import ANONYMOUS
from giai.raw_store import raw_path
from portal import demand
from portal.access import current_viewer
from portal.auth.audit import audit, audit_restricted_read
from portal.errors import error_response
from portal.localised import localised_blueprint
from portal.search.params import InvalidParams, ParamError, parse_query
from portal.search.query import window_start
from portal.search.result import parse_date, shape_document, shape_hit
from portal.state import portal
from portal.views.common import checked_doc_id, document_citations, locale_code
from portal.views.gone import not_found

bp = localised_blueprint("documents", __name__)
files = Blueprint("files", __name__)
# Browsers may display these inline; anything else (HTML above all) is only ever downloaded, so an
# original file can never run script on our origin.
INLINE_TYPES = frozenset({"application/pdf", "text/plain"})


def requested_start() -> int:
    raw = request.args.get("start", "1")
    if not raw.isdigit() or not 1 <= int(raw) <= 100_000:
        raise InvalidParams([ParamError("start", "bad_page", {"value": raw[:20], "max": 100_000})])
    return window_start(int(raw))


@bp.get("/documents/<doc_id>")
def document(doc_id: str):
    state, viewer, locale = portal(), current_viewer(), locale_code()
    q, start = parse_query(request.args.get("q", ""))[0], requested_start()
    raw = state.service.document(checked_doc_id(doc_id), viewer, q, start)
    if raw is None:
        not_found(doc_id, viewer)
    audit_restricted_read("view", doc_id, raw["_source"])
    doc = shape_document(raw, start, state.vocabularies, locale)
    if "start" not in request.args:  # one open per visit, not one per window of pages read
        demand.record_open(doc_id, found=bool(q))
    siblings = [shape_hit(h, state.vocabularies, locale) for h in state.service.siblings(doc_id, doc.version_group, viewer)]
    related = [shape_hit(h, state.vocabularies, locale) for h in state.service.related(doc.source | {"id": doc_id}, viewer)]
    citations = document_citations(doc_id, raw["_source"])
    return render_template("document.html", doc=doc, q=q, related=related, citations=citations,
                           # A translation group's members are versions; a content digest's are copies (version_group).
                           versions=siblings if doc.source.get("translation_group") else [],
                           copies=[] if doc.source.get("translation_group") else siblings,
                           decided=parse_date(doc.source.get("decided")))


def original_cache_control(public: bool) -> str:
    """How caches may keep an original. A file only some viewers may see is never stored. A public
    one may be stored anywhere but revalidated at each use (`no-cache`): its ETag is its content's
    digest, so the answer is a cheap 304 while it stays public, and a 404 the moment it is
    restricted, which a shared cache's copy (under `max-age`) would have outlived."""
    return "public, no-cache" if public else "private, no-store"


@files.get("/files/<doc_id>")
def original(doc_id: str):
    """The original file: inline when a browser can show it safely (a PDF opens at `#page=N`),
    else as a download; `?download=1` always downloads."""
    state, viewer = portal(), current_viewer()
    record = state.service.document_file(checked_doc_id(doc_id), viewer)
    if not record:
        not_found(doc_id, viewer)
    if not record.get("sha256"):
        abort(404)
    if record.get("withheld"):
        return withheld_original()
    try:
        path = raw_path(state.settings, record["sha256"])
    except ValueError:
        abort(404)
    if not path.is_file():
        abort(404)
    media_type = record.get("media_type") or "application/octet-stream"
    inline = media_type in INLINE_TYPES and not request.args.get("download")
    response = send_file(
        path, mimetype=media_type, as_attachment=not inline, download_name=record.get("name") or f"{doc_id}",
        conditional=True, etag=record["sha256"],
    )
    # Whoever may see the file, anonymous readers included, is decided anew at every request.
    public = not viewer.is_authenticated or state.service.document_file(doc_id, ANONYMOUS) is not None
    response.headers["Cache-Control"] = original_cache_control(public)
    if not public:
        audit("download", doc_id)
    response.headers.pop("Expires", None)
    if media_type != "application/pdf":
        # Chromium refuses to show a PDF in a sandboxed document, so only other types get one.
        response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox; frame-ancestors 'none'"
    return response


def withheld_original():
    """The document may be read (with pseudonyms) but its original file names people it protects."""
    message = _("The original file names people whom its organisation protects. Its members may download it; "
                "the text on this site replaces their names.")
    response = error_response(403, "protected_original", _("Original file not available"), [message])
    return response
