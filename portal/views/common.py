"""What the HTML and JSON views share: the validated search of this request and its results,
its locale, ids."""

from __future__ import annotations

import re
from typing import Any

from flask import abort, request
from flask_babel import get_locale

from portal.access import current_viewer
from portal.search.params import SearchParams
from portal.search.result import FacetBucket, SearchResult, case_keys, shape_facets, shape_search
from portal.state import portal

DOC_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")


def locale_code() -> str:
    """The locale of this request (URL, `?locale=` or Accept-Language), e.g. "fr"."""
    return str(get_locale())


def search_params() -> SearchParams:
    """The request's search, validated (InvalidParams becomes a 400 in the errors handlers)."""
    state = portal()
    return SearchParams.from_args(request.args, state.vocabularies, state.settings.portal_page_size)


def search_result(params: SearchParams, facets: bool = True) -> SearchResult:
    """The current viewer's results of `params`, labelled in this request's locale; without
    `facets`, hits alone (no facet counts, no suggestion)."""
    state, viewer = portal(), current_viewer()
    search = state.service.search if facets else state.service.hits
    response = search(params, viewer)
    cited_by = state.service.cited_by_counts(case_keys(response.get("hits", {}).get("hits", [])), viewer)
    return shape_search(response | {"cited_by": cited_by}, params, state.vocabularies, locale_code())


def all_facets() -> tuple[dict[str, list[FacetBucket]], int]:
    """Every facet value of the documents the current viewer may see, labelled in this request's
    locale, and the number of those documents."""
    state = portal()
    response = state.service.facets(current_viewer())
    facets = shape_facets(response.get("aggregations", {}), SearchParams(), state.vocabularies, locale_code())
    return facets, response["hits"]["total"]["value"]


def document_citations(doc_id: str, source: dict[str, Any]) -> dict[str, Any]:
    """What the document cites (`cites`: case, page, the words, and `document_id` and `name` of a
    document of that case the current viewer may see, else null) and what cites its case
    (`cited_by`: id, title, language, date; `cited_by_count`: how many in all), all under the
    current viewer's access."""
    state, viewer = portal(), current_viewer()
    cites = source.get("cites") or []
    found = state.service.cited_documents(sorted({c["case"] for c in cites}), doc_id, viewer)
    keys = list((source.get("case") or {}).get("keys") or [])
    citing = state.service.cited_by(doc_id, keys, viewer)["hits"]
    return {
        "cites": [
            {"case": c["case"], "page": c.get("page"), "text": c.get("text"),
             "document_id": (found.get(c["case"]) or {}).get("id"), "name": (found.get(c["case"]) or {}).get("name")}
            for c in cites
        ],
        "cited_by": [
            {"id": h["_id"], "title": h["_source"].get("title"), "language": h["_source"].get("language"),
             "date": h["_source"].get("date")}
            for h in citing["hits"]
        ],
        "cited_by_count": citing["total"]["value"],
    }


def checked_doc_id(doc_id: str) -> str:
    """`doc_id` if it has the shape of an id, else 404 before anything is asked of Elasticsearch."""
    if not DOC_ID.fullmatch(doc_id):
        abort(404)
    return doc_id
