"""What the HTML and JSON views share: the validated search of this request and its results,
its locale, ids."""

from __future__ import annotations

import re

from flask import abort, request
from flask_babel import get_locale

from portal.access import current_viewer
from portal.search.params import SearchParams
from portal.search.result import FacetBucket, SearchResult, shape_facets, shape_search
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
    state = portal()
    search = state.service.search if facets else state.service.hits
    return shape_search(search(params, current_viewer()), params, state.vocabularies, locale_code())


def all_facets() -> tuple[dict[str, list[FacetBucket]], int]:
    """Every facet value of the documents the current viewer may see, labelled in this request's
    locale, and the number of those documents."""
    state = portal()
    response = state.service.facets(current_viewer())
    facets = shape_facets(response.get("aggregations", {}), SearchParams(), state.vocabularies, locale_code())
    return facets, response["hits"]["total"]["value"]


def checked_doc_id(doc_id: str) -> str:
    """`doc_id` if it has the shape of an id, else 404 before anything is asked of Elasticsearch."""
    if not DOC_ID.fullmatch(doc_id):
        abort(404)
    return doc_id
