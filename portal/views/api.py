"""The JSON API (`/api/v1`): the same searches as the HTML pages, a CSV export and the OpenAPI
description of all of it. Labels follow `?locale=` (else Accept-Language)."""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Iterator

from flask import Blueprint, Response, jsonify, request, stream_with_context, url_for

from portal.access import current_viewer
from portal.auth.audit import audit_restricted_read
from portal.errors import note_message
from portal.openapi import openapi_document
from portal.search.params import InvalidParams, ParamError
from portal.search.result import BADGE_FACETS, shape_hit
from portal.search.result_json import expansions_json, facets_json, hit_json
from portal.state import portal
from portal.views.common import all_facets, checked_doc_id, document_citations, locale_code, search_params, search_result
from portal.views.gone import not_found
from portal.views.reading import SHOW
from portal.vocabulary import UI_LOCALES

bp = Blueprint("api", __name__, url_prefix="/api/v1")
EXPORT_MAX_ROWS = 10_000
EXPORT_COLUMNS = ("id", "title", "organisation", "language", "languages", "date", "doc_type", "crime_type",
                  "country", "gender", "body", "case_name", "case_numbers", "ecli", "decided", "court", "url")
# The badge facets, in the order of their columns.
BADGE_COLUMNS = tuple(column for column in EXPORT_COLUMNS if column in BADGE_FACETS)


@bp.before_request
def known_choices() -> None:
    """`?locale=` names one of the UI locales and `?content_notes=` is `show` (the description's
    enums), or they are absent: an unknown value is refused, not silently replaced by a guess."""
    for name, allowed in (("locale", UI_LOCALES), ("content_notes", (SHOW,))):
        asked = request.args.getlist(name)
        unknown = [value for value in asked if value not in allowed]
        if unknown or len(asked) > 1:
            raise InvalidParams([ParamError(name, "unknown_value", {"values": unknown or asked})])


@bp.get("/search")
def search():
    params = search_params()
    result = search_result(params)
    return jsonify({
        "total": result.total,
        "total_files": result.total_files,
        "grouped": params.group,
        "q": params.q,
        "sort": params.sort,
        "page": None if params.cursor else params.page,
        "page_size": params.page_size,
        "notes": [{"code": code, "message": note_message(code)} for code in params.notes],
        "expand": params.expand,
        "expansions": expansions_json(result.expansions),
        "suggestion": result.suggestion,
        "hits": [hit_json(hit, asked_for_graphic_text()) | {"url": document_url(hit.id), "cited_by_count": result.cited_by.get(hit.snippet_id, 0)}
                 for hit in result.hits],
        "facets": facets_json(result.facets),
        "cursor": result.next_cursor,
    })


def asked_for_graphic_text() -> bool:
    """The API shows flagged pages' text only when the request says `content_notes=show`."""
    return request.args.get("content_notes") == SHOW


def document_url(doc_id: str) -> str:
    return url_for("documents.document", locale=locale_code(), doc_id=doc_id, _external=True)


@bp.get("/documents/<doc_id>")
def document(doc_id: str):
    state, viewer = portal(), current_viewer()
    raw = state.service.document(checked_doc_id(doc_id), viewer)
    if raw is None:
        not_found(doc_id, viewer)
    source = raw["_source"]
    audit_restricted_read("view", doc_id, source)
    group = source.get("translation_group")
    siblings = state.service.siblings(doc_id, source.get("version_group"), viewer)
    return jsonify(
        hit_json(shape_hit(raw, state.vocabularies, locale_code()), asked_for_graphic_text())
        | {
            "url": document_url(doc_id),
            "file_url": url_for("files.original", doc_id=doc_id, _external=True) if source.get("file") else None,
            "translation_group": group,
            # A translation group's members are versions; a content digest's are copies (version_group).
            "translations": [
                {"id": h["_id"], "language": h["_source"].get("language"), "title": h["_source"].get("title")}
                for h in siblings if group
            ],
            "copies": [
                {"id": h["_id"], "organisation": h["_source"].get("organisation"), "title": h["_source"].get("title")}
                for h in siblings if not group
            ],
        }
        | document_citations(doc_id, source)
    )


@bp.get("/facets")
def facets():
    """Every facet value the viewer's documents carry, with counts and localised labels."""
    facets, total = all_facets()
    return jsonify({"total": total, "facets": facets_json(facets)})


@bp.get("/export.csv")
def export():
    """The whole result set of a search (up to 10,000 rows) as CSV, streamed."""
    state = portal()
    params = search_params()
    hits = state.service.export(params, current_viewer(), EXPORT_MAX_ROWS)
    # The first slice is read now, so an unreachable Elasticsearch is a 503, not a cut-off file.
    first = next(hits, None)
    hits = itertools.chain([first] if first else [], hits)
    rows = (csv_row(shape_hit(h, state.vocabularies, locale_code()), document_url(h["_id"])) for h in hits)
    response = Response(stream_with_context(csv_lines(rows)), mimetype="text/csv")
    response.headers["Content-Disposition"] = 'attachment; filename="giai-search.csv"'
    return response


@bp.get("/openapi.json")
def openapi():
    return jsonify(openapi_document(portal().vocabularies, portal().settings.portal_page_size))


def csv_row(hit, url: str) -> list[str]:
    return [
        hit.id, hit.title, hit.organisation.value, hit.language.value, "|".join(x.value for x in hit.languages),
        hit.date.isoformat() if hit.date else "", "|".join(x.value for x in hit.doc_type),
        *("|".join(x.value for x in hit.facets[f]) for f in BADGE_COLUMNS), *case_cells(hit.case), url,
    ]


def case_cells(case: dict | None) -> list[str]:
    """The case-law columns: name, numbers (|-separated), ECLI, decision date, court."""
    case = case or {}
    return [case.get("name") or "", "|".join(case.get("numbers") or ()), case.get("ecli") or "", case.get("decided") or "",
            case.get("court") or ""]


def csv_lines(rows: Iterator[list[str]]) -> Iterator[str]:
    """CSV text line by line: a BOM so spreadsheets read UTF-8 (Arabic, Cyrillic), and cells that a
    spreadsheet would run as a formula made inert."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(EXPORT_COLUMNS)
    yield "\ufeff" + buffer.getvalue()
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([("'" + c) if c[:1] in ("=", "+", "-", "@") else c for c in row])
        yield buffer.getvalue()
