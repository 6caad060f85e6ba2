"""Blueprints whose URLs start with the UI locale (`/fr/…`), and what their templates share."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any
from urllib.parse import quote, urlencode

from flask import Blueprint, Response, g, request, url_for
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape

from portal import i18n
from portal.i18n import format_count
from portal.search.params import SearchParams
from portal.search.query import DOCUMENT_PAGES_WINDOW, window_start
from portal.search.result import FacetBucket
from portal.state import portal
from portal.vocabulary import UI_LOCALES

FACET_TITLES = {
    "crime_type": _l("Crime type"),
    "country": _l("Country"),
    # TRANSLATORS: search filter: the gender aspect of a document (sexual violence, persecution…).
    "gender": _l("Gender dimension"),
    "organisation": _l("Organisation"),
    "doc_type": _l("Document type"),
    # TRANSLATORS: search filter: the court, tribunal or UN body a document comes from or is about.
    "body": _l("Court or body"),
    # TRANSLATORS: search filter: the court or body that decided the document's case (case law only).
    "court": _l("Court of the case"),
    # TRANSLATORS: search filter: the language a document is written in (not the page's language).
    "language": _l("Document language"),
    "year": _l("Year"),
    "decided_year": _l("Year of decision"),
}
# The kinds of act a court or body issues (ingest/caselaw.py's case types).
CASE_TYPES = {
    "judgment": _l("Judgment"),
    "decision": _l("Decision"),
    "order": _l("Order"),
    "opinion": _l("Separate or dissenting opinion"),
    "communication": _l("Communication"),
    "submission": _l("Submission"),
}
# TRANSLATORS: how search results are ordered: best match first, by the documents' dates, by
# arrival in the portal, or documents of the cases most cited by other documents first.
SORT_TITLES = {"relevance": _l("Relevance"), "newest": _l("Newest first"), "oldest": _l("Oldest first"),
               "added": _l("Recently added"), "cited": _l("Most cited first")}
# Each language's name in itself, for the language switch.
NATIVE_NAMES = {"en": "English", "fr": "Français", "ru": "Русский", "es": "Español", "ar": "العربية"}


def localised_blueprint(name: str, import_name: str) -> Blueprint:
    bp = Blueprint(name, import_name, url_prefix="/<locale:locale>")

    @bp.url_value_preprocessor
    def take_locale(_endpoint: str | None, values: dict[str, Any] | None) -> None:
        g.locale = (values or {}).pop("locale", None)

    @bp.url_defaults
    def add_locale(endpoint: str, values: dict[str, Any]) -> None:
        if g.get("locale") and "locale" not in values:
            values["locale"] = g.locale

    @bp.after_request
    def remember_locale(response: Response) -> Response:
        if g.get("locale") and request.cookies.get(i18n.COOKIE) != g.locale:
            response.set_cookie(i18n.COOKIE, g.locale, max_age=i18n.COOKIE_MAX_AGE_S, samesite="Lax", httponly=True)
        return response

    return bp


def current_url(**changes: Any) -> str:
    """This page's URL with the same arguments, `changes` applied (None removes one); the home
    page when the request matched no route (a 404 page)."""
    if request.url_rule is None or request.endpoint is None:
        return url_for("ui.home", locale=changes.get("locale") or i18n.select_locale())
    args = request.args.to_dict(flat=False) | changes
    values = (request.view_args or {}) | {k: v for k, v in args.items() if v is not None}
    return url_for(request.endpoint, **values)


def search_url(params: SearchParams, **changes: Any) -> str:
    return url_for("ui.search", **params.to_args(**changes))


def page_links(params: SearchParams) -> Callable[[int], str]:
    """The pager's links: `search_url(params, page=n)` for each page n. The search's arguments
    are encoded once for the pager's up to nine links (url_for, ~25 µs a link, encoded them each
    time); `page` comes last, as `to_args` puts a change."""
    search = search_url(params)
    prefix = f"{search}{'&' if '?' in search else '?'}page="
    return lambda page: f"{prefix}{page}"


def toggled(params: SearchParams, facet: str, value: str) -> str:
    """The search with `value` of `facet` removed if selected, added if not."""
    values = list(params.selected(facet))
    values = [v for v in values if v != value] if value in values else [*values, value]
    return search_url(params, **{facet: values or None})


# The characters url_for leaves unquoted in a path segment and in a query string (werkzeug's
# routing), for the links built here as it builds them.
PATH_SAFE, QUERY_SAFE = "!$&'()*+,/:;=@", "!$'()*,/:;?@"


class DocumentLinks:
    """The links of a results page to its documents (~60 on a page of 20 hits, and the full URL
    printed under each title), with the query, whose words the document page marks, and for a
    snippet the window of pages showing it. url_for took ~30 µs a link, mostly to encode the same
    query again: here the route and the query are worked out once a page, and a link is a join."""

    def __init__(self, q: str | None):
        self.query = "?" + urlencode({"q": q}, safe=QUERY_SAFE) if q else ""
        sample = url_for("documents.document", doc_id="_")
        self.prefix = sample.removesuffix("_")
        self.origin = url_for("documents.document", doc_id="_", _external=True).removesuffix(sample)

    def path(self, doc_id: str) -> str:
        return self.prefix + quote(doc_id, safe=PATH_SAFE)

    def __call__(self, doc_id: str, page: int | None = None) -> str:
        """The document's page; from a snippet on `page`, the window of pages where it is."""
        if page is None or page <= DOCUMENT_PAGES_WINDOW:
            return self.path(doc_id) + self.query
        return f"{self.path(doc_id)}{self.query}{'&' if self.query else '?'}start={window_start(page)}"

    def printed(self, doc_id: str) -> str:
        """The document page's full URL, without the query, as a printed results page shows it."""
        return self.origin + self.path(doc_id)


FACET_VALUES_UNFOLDED = 10


def facet_items(facet: str, buckets: list[FacetBucket], locale: str, more: str) -> Markup:
    """The list items of a facet's values on the results page: a checkbox of the search form and
    its label with the count; after the first FACET_VALUES_UNFOLDED, the rest folded under a
    `more` <details>. Built here, not in the template: a results page lists ~200 values, which
    took Jinja ~1.4 ms (a third of the page's rendering)."""
    name = escape(facet)
    items = []
    for index, bucket in enumerate(buckets, 1):
        if index == FACET_VALUES_UNFOLDED + 1:
            items.append(Markup("</ul><details><summary>%s</summary><ul>") % more)
        checked = " checked" if bucket.selected else ""
        items.append(
            f'<li><input type="checkbox" form="search-form" name="{name}" value="{escape(bucket.value)}"'
            f' id="f-{name}-{index}"{checked}>\n<label for="f-{name}-{index}">{escape(bucket.label)}'
            f' <span class="count">{escape(format_count(bucket.count, locale))}</span></label></li>'
        )
    if len(buckets) > FACET_VALUES_UNFOLDED:
        items.append("</ul></details><ul>")
    return Markup("\n".join(items))


@lru_cache(maxsize=16)
def translated_titles(locale: str) -> dict[str, dict[str, Markup]]:
    """The templates' `facet_titles`, `sort_titles` and `case_types` in `locale`, the current one:
    a lazy title is translated anew wherever it is shown, ~20 times on a results page. Markup, as
    a lazy title renders (its translation as it is)."""
    titles = {"facet_titles": FACET_TITLES, "sort_titles": SORT_TITLES, "case_types": CASE_TYPES}
    return {name: {key: Markup(str(title)) for key, title in named.items()} for name, named in titles.items()}


def page_context() -> dict[str, Any]:
    """Template globals of every HTML page, error pages included."""
    locale = i18n.select_locale()
    return {
        "locale": locale,
        "text_direction": i18n.text_direction(locale),
        "languages": [(code, NATIVE_NAMES[code], current_url(locale=code)) for code in UI_LOCALES],
        **translated_titles(i18n.current_locale()),
        "search_url": search_url,
        "toggled": toggled,
        "page_links": page_links,
        "document_links": DocumentLinks,
        "facet_items": facet_items,
        "current_url": current_url,
        "vocab": portal().vocabularies,
        "window": DOCUMENT_PAGES_WINDOW,
        "window_start": window_start,
    }
