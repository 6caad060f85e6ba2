"""The translators' worklist of one language: documents without a version in it, with what helps
decide which to take (effort in words and pages, organisation, type, date, demand over the last
90 days, who claimed it), sorted by demand, date or size, filtered by organisation, crime type,
country and document type, paged; and the fragments left in another language.

The candidates come from Elasticsearch through the viewer's access filter, which sorts and pages
them by date or size; demand and claims come from the database, so by demand the most opened
documents (at most DEMANDED_SCAN) are ranked here and the others follow, newest first.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from flask import abort, render_template, request
from flask_babel import gettext as _

from giai.access import Viewer
from giai.db.translation import CLAIM_STATES, TranslationClaim, claims_of, expire_claims
from giai.index_schema import LANGUAGES
from portal import demand
from portal.auth.database import database
from portal.auth.forms import ActionForm
from portal.auth.session import current_viewer
from portal.curation.translations import translator_required, unmarked_fragments
from portal.curation.views import bp
from portal.search.curation_queries import fragments_body, worklist_candidates_body, worklist_groups_body
from portal.search.params import InvalidParams, ParamError
from portal.state import portal

SORTS = ("demand", "date", "size")
FILTERS = ("organisation", "crime_type", "country", "doc_type")
DEMANDED_SCAN = 10_000  # the most demanded documents ranked by demand; the others follow, newest first
MAX_PAGE = 1_000
ES_WINDOW = 10_000  # from + size of one search (index.max_result_window)


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


def by_demand(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`items` (newest first, each with its `demand`) most demanded first, ties newest first
    (Python's sort is stable)."""
    return sorted(items, key=lambda d: -d["demand"])


def day_of(date: str | None) -> dt.date | None:
    return dt.date.fromisoformat(date[:10]) if date else None


def claims_for(doc_ids: list[str], language: str) -> dict[str, TranslationClaim]:
    """The live claims of these documents in `language`, lapsed ones expired first."""
    expiry = dt.timedelta(days=portal().settings.translation_claim_expiry_days)
    with database().session() as session:
        expire_claims(session, dt.datetime.now(dt.UTC), expiry, doc_ids)
        return claims_of(session, doc_ids, language)


def hits_of(body: dict[str, Any], viewer: Viewer) -> tuple[list[dict[str, Any]], int]:
    """The documents `viewer` sees of a search (with `id` and `day`) and how many there are in all."""
    found = portal().service.read(body, viewer)["hits"]
    items = [h["_source"] | {"id": h["_id"], "day": day_of(h["_source"].get("date"))} for h in found["hits"]]
    return items, found["total"]["value"]


def candidates_page(language: str, viewer: Viewer, params: WorklistParams, groups: list[str], start: int,
                    size: int) -> tuple[list[dict[str, Any]], int]:
    """One page of the worklist (each document with its `demand`) and the number of documents.
    By date or size, Elasticsearch sorts and pages. By demand, the documents opened most (the
    database's counts) come first, ranked here, then the others newest first."""
    if start + size > ES_WINDOW:  # past what one search can page to
        return [], hits_of(worklist_candidates_body(language, params.filters, groups, sort="date", start=0, size=0), viewer)[1]
    if params.sort != "demand":
        items, total = hits_of(worklist_candidates_body(language, params.filters, groups, sort=params.sort, start=start, size=size), viewer)
        counts = demand.demand_of([d["id"] for d in items])
        return [d | {"demand": counts.get(d["id"], 0)} for d in items], total
    counts = demand.most_demanded(DEMANDED_SCAN)
    ranked: list[dict[str, Any]] = []
    if counts:  # which of them are candidates (ids only: their sources are read for one page)
        body = worklist_candidates_body(language, params.filters, groups, sort="date", start=0, size=len(counts), only=list(counts))
        ranked = by_demand([{"id": h["_id"], "demand": counts[h["_id"]]} for h in portal().service.read(body | {"_source": False}, viewer)["hits"]["hits"]])
    page = ranked[start:start + size]
    if page:
        items, _total = hits_of(worklist_candidates_body(language, params.filters, groups, sort="date", start=0, size=len(page),
                                                         only=[d["id"] for d in page]), viewer)
        by_id = {d["id"]: d for d in items}
        page = [by_id[d["id"]] | {"demand": d["demand"]} for d in page if d["id"] in by_id]
    rest, rest_total = hits_of(worklist_candidates_body(language, params.filters, groups, sort="date", start=max(0, start - len(ranked)),
                                                        size=size - len(page), without=list(counts)), viewer)
    return page + [d | {"demand": 0} for d in rest], len(ranked) + rest_total


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
    found = portal().service.read(worklist_groups_body(language), viewer)
    groups = [b["key"] for b in found.get("aggregations", {}).get("groups", {}).get("buckets", [])]
    size = state.settings.portal_page_size
    shown, total = candidates_page(language, viewer, params, groups, (params.page - 1) * size, size)
    mixed = portal().service.read(fragments_body(language), viewer)["hits"]["hits"]
    return render_template(
        "curation/worklist.html",
        language=language,
        params=params,
        missing=shown,
        total=total,
        pages=max(1, math.ceil(total / size)),
        claims=claims_for([d["id"] for d in shown], language),
        states=CLAIM_STATES,
        filters=FILTERS,
        sorts=SORTS,
        fragments=unmarked_fragments([h["_source"] | {"id": h["_id"]} for h in mixed]),
        form=ActionForm(),
        worklist_sort_labels=sort_labels(),
    )
