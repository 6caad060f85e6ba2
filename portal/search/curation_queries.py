"""The searches of the curation and translation pages (review queues, translators' worklists),
built beside the portal's other searches and read through `SearchService.read`, which adds the
viewer's access filter."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from giai.access import Viewer

WORKLIST_SIZE = 100
GROUPS_SCANNED = 10_000
NEWEST = [{"date": {"order": "desc", "missing": "_last"}}, {"id": "asc"}]
# Shortest first: what fits the time a translator has; documents of unknown size last.
WORKLIST_SORTS = {"date": NEWEST, "size": [{"word_count": {"order": "asc", "missing": "_last"}}, *NEWEST]}
WORKLIST_SOURCE = ["title", "language", "organisation", "doc_type", "date", "word_count", "page_count", "translation_group"]

UNSURE_BELOW = 0.6
QUEUE_SIZE = 100
INDEX_QUEUES: dict[str, dict[str, Any]] = {
    "unsure": {"range": {"language_confidence": {"lt": UNSURE_BELOW}}},
    "mixed": {"term": {"mixed_language": True}},
    "unclassified": {"bool": {"must_not": [{"exists": {"field": "crime_type"}}]}},
}
QUEUES = (*INDEX_QUEUES, "unextracted")


def curated_organisations(viewer: Viewer) -> list[str] | None:
    """The organisations whose queues and uploads `viewer` sees; None for every organisation (admins)."""
    return None if viewer.is_admin else viewer.curated_organisations


def queue_body(queue: str, viewer: Viewer, organisation: str | None, language: str | None) -> dict[str, Any]:
    """The search of one index queue with the counts of every index queue, for `viewer`."""
    filters: list[dict[str, Any]] = []
    curated = curated_organisations(viewer)
    if curated is not None:
        filters.append({"terms": {"organisation": curated}})
    if organisation:
        filters.append({"term": {"organisation": organisation}})
    if language:
        filters.append({"term": {"languages": language}})
    return {
        "query": {"bool": {"filter": filters}},
        "post_filter": INDEX_QUEUES.get(queue, {"match_none": {}}),
        "aggs": {"queues": {"filters": {"filters": INDEX_QUEUES}}},
        "_source": ["title", "organisation", "language", "languages", "language_confidence", "mixed_language", "status"],
        "sort": [{"language_confidence": {"order": "asc", "missing": "_first"}}, {"id": "asc"}],
        "size": QUEUE_SIZE,
        "track_total_hits": True,
    }


def worklist_groups_body(language: str) -> dict[str, Any]:
    """The translation groups that already have a version in `language`."""
    return {
        "query": {"bool": {"filter": [{"term": {"languages": language}}]}},
        "aggs": {"groups": {"terms": {"field": "translation_group", "size": GROUPS_SCANNED}}},
        "size": 0,
    }


def worklist_candidates_body(language: str, filters: Mapping[str, tuple[str, ...]], groups: list[str], *, sort: str,
                             start: int, size: int, only: list[str] | None = None,
                             without: Sequence[str] = ()) -> dict[str, Any]:
    """A window of the documents in another language whose group has no version in `language`,
    narrowed by `filters` (facet → values), in `sort` order (date or size); `only` or `without`
    these ids."""
    must_not: list[dict[str, Any]] = [{"term": {"language": language}}]
    if groups:
        must_not.append({"terms": {"translation_group": groups}})
    if without:
        must_not.append({"ids": {"values": list(without)}})
    clauses: list[dict[str, Any]] = [{"terms": {facet: list(values)}} for facet, values in filters.items()]
    if only is not None:
        clauses.append({"ids": {"values": only}})
    return {
        "query": {"bool": {"filter": clauses, "must_not": must_not}},
        "_source": WORKLIST_SOURCE,
        "sort": WORKLIST_SORTS[sort],
        "from": start,
        "size": size,
        "track_total_hits": True,
    }


def fragments_body(language: str) -> dict[str, Any]:
    """Documents in `language` with fragments left in another language."""
    return {
        "query": {"bool": {"filter": [
            {"term": {"language": language}}, {"nested": {"path": "fragments", "query": {"exists": {"field": "fragments.language"}}}},
        ]}},
        "_source": ["title", "language", "organisation", "fragments"],
        "sort": [{"id": "asc"}],
        "size": WORKLIST_SIZE,
    }
