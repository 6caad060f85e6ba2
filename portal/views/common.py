"""What the HTML and JSON views share: the validated search of this request, its locale, ids."""

from __future__ import annotations

import re

from flask import abort, request
from flask_babel import get_locale

from portal.search.params import SearchParams
from portal.state import portal

DOC_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")


def locale_code() -> str:
    """The locale of this request (URL, `?locale=` or Accept-Language), e.g. "fr"."""
    return str(get_locale())


def search_params() -> SearchParams:
    """The request's search, validated (InvalidParams becomes a 400 in the errors handlers)."""
    state = portal()
    return SearchParams.from_args(request.args, state.vocabularies, state.settings.portal_page_size)


def checked_doc_id(doc_id: str) -> str:
    """`doc_id` if it has the shape of an id, else 404 before anything is asked of Elasticsearch."""
    if not DOC_ID.fullmatch(doc_id):
        abort(404)
    return doc_id
