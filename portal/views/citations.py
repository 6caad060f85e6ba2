"""Citations out of the API: one document, or a whole result set (the search parameters, up to
10,000 documents), as RIS, BibTeX or CSL-JSON (`portal.citations`), streamed."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from typing import Any

from flask import Blueprint, Response, abort, request, stream_with_context

from portal.access import current_viewer
from portal.citations import FORMATS, MAX_CITED_PAGE, Reference, reference
from portal.search.params import InvalidParams, ParamError
from portal.search.result import shape_hit
from portal.state import portal
from portal.views.api import EXPORT_MAX_ROWS, document_url, known_choices
from portal.views.common import checked_doc_id, locale_code, search_params

bp = Blueprint("citations", __name__, url_prefix="/api/v1")
# `?locale=` and `?content_notes=` are checked as for the rest of the API.
bp.before_request(known_choices)


def reference_of(raw: dict[str, Any], page: int | None = None) -> Reference:
    """The reference of a raw hit, its organisation and court named in the request's locale."""
    hit = shape_hit(raw, portal().vocabularies, locale_code())
    court = hit.facets["body"][0].label if hit.facets["body"] else ""
    url = document_url(hit.id) + (f"#page-{page}" if page else "")
    return reference(raw.get("_source", {}), doc_id=hit.id, url=url, authority=hit.organisation.label,
                     court=court, page=page)


def download(lines: Iterable[str], fmt: str, name: str) -> Response:
    media_type, extension, _ = FORMATS[fmt]
    response = Response(stream_with_context(lines), mimetype=media_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}.{extension}"'
    return response


@bp.get("/export.<any(ris, bib, 'csl.json'):fmt>")
def export(fmt: str):
    """The whole result set of a search as references, in the order of the search."""
    params = search_params()
    hits = portal().service.export(params, current_viewer(), EXPORT_MAX_ROWS)
    # The first slice is read now, so an unreachable Elasticsearch is a 503, not a cut-off file.
    first = next(hits, None)
    refs: Iterator[Reference] = (reference_of(h) for h in itertools.chain([first] if first else [], hits))
    return download(FORMATS[fmt][2](refs), fmt, "giai-search")


@bp.get("/documents/<doc_id>/export.<any(ris, bib, 'csl.json'):fmt>")
def export_document(doc_id: str, fmt: str):
    """One document's reference; `?page=N` cites that page."""
    raw_page = request.args.get("page", "")
    if raw_page and not (raw_page.isdigit() and 0 < int(raw_page) <= MAX_CITED_PAGE):
        raise InvalidParams([ParamError("page", "bad_page", {"value": raw_page[:20], "max": MAX_CITED_PAGE})])
    page = int(raw_page) if raw_page else None
    raw = portal().service.document(checked_doc_id(doc_id), current_viewer())
    if raw is None:
        abort(404)
    return download(FORMATS[fmt][2]([reference_of(raw, page)]), fmt, f"giai-{doc_id}")
