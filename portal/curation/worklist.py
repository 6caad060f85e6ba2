"""The translators' worklist of one language: documents without a version in it, with what helps
decide which to take (effort in words and pages, organisation, type, date, demand over the last
90 days, who claimed it), sorted by demand, date or size, filtered by organisation, crime type,
country and document type, paged; and the fragments left in another language.

The candidates come from one Elasticsearch search through the viewer's access filter (at most
WORKLIST_SCAN of them); demand and claims come from the database; sorting and paging happen
here, because demand lives in the database, not in the index.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from flask import abort, render_template, request
from flask_babel import gettext as _

from giai.access import Viewer, access_filter
from giai.db.translation import CLAIM_STATES, TranslationClaim, claims_of, expire_claims
from giai.index_schema import LANGUAGES
from portal import demand
from portal.auth.database import database
from portal.auth.forms import ActionForm
from portal.auth.session import current_viewer
from portal.curation import store
from portal.curation.translations import fragments_body, translator_required, unmarked_fragments
from portal.curation.views import bp
from portal.search.params import InvalidParams, ParamError
from portal.state import portal

SORTS = ("demand", "date", "size")
FILTERS = ("organisation", "crime_type", "country", "doc_type")
WORKLIST_SCAN = 10_000
GROUPS_SCANNED = 10_000
MAX_PAGE = 1_000
SOURCE = ["title", "language", "organisation", "doc_type", "date", "word_count", "page_count", "translation_group"]


@dataclass(frozen=True)
class WorklistParams:
    """A worklist request, validated: sort order, filters (facet → values), page (from 1)."""

    sort: str = "demand"
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    page: int = 1

    @classmethod
    def from_args(cls, args: Any, allows: Callable[[str, str], bool]) -> WorklistParams:
        """From the query string (`sort`, repeatable filters, `page`); InvalidParams names every problem."""
        errors = []
        sort = args.get("sort", "demand") or "demand"
        if sort not in SORTS:
            errors.append(ParamError("sort", "unknown_worklist_sort", {"value": sort[:40]}))
        filters = {}
        for facet in FILTERS:
            values = tuple(dict.fromkeys(v for v in args.getlist(facet) if v))
            unknown = [v[:40] for v in values if not allows(facet, v)]
            if unknown:
                errors.append(ParamError(facet, "unknown_value", {"values": unknown}))
            if values:
                filters[facet] = values
        raw_page = args.get("page", "1")
        if not raw_page.isdigit() or not 1 <= int(raw_page) <= MAX_PAGE:
            errors.append(ParamError("page", "bad_page", {"value": raw_page[:20], "max": MAX_PAGE}))
        if errors:
            raise InvalidParams(errors)
        return cls(sort, filters, int(raw_page))


def groups_body(language: str, viewer: Viewer) -> dict[str, Any]:
    """The translation groups that already have a version in `language`."""
    return {
        "query": {"bool": {"filter": [access_filter(viewer), {"term": {"languages": language}}]}},
        "aggs": {"groups": {"terms": {"field": "translation_group", "size": GROUPS_SCANNED}}},
        "size": 0,
    }


def candidates_body(language: str, viewer: Viewer, params: WorklistParams, groups: list[str]) -> dict[str, Any]:
    """Documents the viewer sees in another language whose group has no version in `language`."""
    must_not: list[dict[str, Any]] = [{"term": {"language": language}}]
    if groups:
        must_not.append({"terms": {"translation_group": groups}})
    filters = [access_filter(viewer), *({"terms": {facet: list(values)}} for facet, values in params.filters.items())]
    return {
        "query": {"bool": {"filter": filters, "must_not": must_not}},
        "_source": SOURCE,
        "sort": [{"date": {"order": "desc", "missing": "_last"}}, {"id": "asc"}],
        "size": WORKLIST_SCAN,
        "track_total_hits": True,
    }


def ranked(items: list[dict[str, Any]], sort: str) -> list[dict[str, Any]]:
    """`items` (each with `demand`, `date`, `word_count`) in the order asked: most demanded first,
    newest first, or smallest first (the quickest to translate); ties keep the newest first."""
    # Python's sort is stable and `items` arrive newest first, so every tie stays newest first.
    if sort == "demand":
        return sorted(items, key=lambda d: -d["demand"])
    if sort == "size":
        return sorted(items, key=lambda d: (d.get("word_count") is None, d.get("word_count") or 0))
    return list(items)


def day_of(date: str | None) -> dt.date | None:
    return dt.date.fromisoformat(date[:10]) if date else None


def page_of(items: list[Any], page: int, size: int) -> list[Any]:
    return items[(page - 1) * size: page * size]


def claims_for(doc_ids: list[str], language: str) -> dict[str, TranslationClaim]:
    """The live claims of these documents in `language`, lapsed ones expired first."""
    expiry = dt.timedelta(days=portal().settings.translation_claim_expiry_days)
    with database().session() as session:
        expire_claims(session, dt.datetime.now(dt.UTC), expiry, doc_ids)
        return claims_of(session, doc_ids, language)


def sort_labels() -> dict[str, str]:
    return {"demand": _("Most opened first"), "date": _("Newest first"), "size": _("Shortest first")}


def may_see_worklist(viewer: Viewer, language: str) -> bool:
    return viewer.is_admin or viewer.translates(language) or "curator" in viewer.roles


@bp.get("/translations/<language>")
@translator_required
def worklist(language: str):
    viewer, state = current_viewer(), portal()
    if language not in LANGUAGES:
        abort(404)
    if not may_see_worklist(viewer, language):
        abort(403)
    params = WorklistParams.from_args(request.args, state.vocabularies.allows)
    found = store.search(groups_body(language, viewer))
    groups = [b["key"] for b in found.get("aggregations", {}).get("groups", {}).get("buckets", [])]
    hits = store.search(candidates_body(language, viewer, params, groups))["hits"]["hits"]
    items = [h["_source"] | {"id": h["_id"], "day": day_of(h["_source"].get("date"))} for h in hits]
    counts = demand.demand_of([d["id"] for d in items])
    items = ranked([d | {"demand": counts.get(d["id"], 0)} for d in items], params.sort)
    size = state.settings.portal_page_size
    shown = page_of(items, params.page, size)
    mixed = store.search(fragments_body(language, viewer))["hits"]["hits"]
    return render_template(
        "curation/worklist.html",
        language=language,
        params=params,
        missing=shown,
        total=len(items),
        pages=max(1, math.ceil(len(items) / size)),
        claims=claims_for([d["id"] for d in shown], language),
        states=CLAIM_STATES,
        filters=FILTERS,
        sorts=SORTS,
        fragments=unmarked_fragments([h["_source"] | {"id": h["_id"]} for h in mixed]),
        form=ActionForm(),
        worklist_sort_labels=sort_labels(),
    )
