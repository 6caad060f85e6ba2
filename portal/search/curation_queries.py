"""The searches of the curation and translation pages (review queues, translators' worklists),
built beside the portal's other searches and read through `SearchService.read`, which adds the
viewer's access filter."""

from __future__ import annotations

from typing import Any

from giai.access import Viewer

WORKLIST_SIZE = 100
GROUPS_SCANNED = 10_000

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


def worklist_bodies(language: str) -> tuple[dict[str, Any], Any]:
    """The search of groups that have a version in `language`, and a function from those groups
    to the search of documents lacking one (in another language, their group without `language`)."""
    groups_body = {
        "query": {"bool": {"filter": [{"term": {"languages": language}}]}},
        "aggs": {"groups": {"terms": {"field": "translation_group", "size": GROUPS_SCANNED}}},
        "size": 0,
    }

    def documents_body(groups: list[str]) -> dict[str, Any]:
        must_not: list[dict[str, Any]] = [{"term": {"language": language}}]
        if groups:
            must_not.append({"terms": {"translation_group": groups}})
        return {
            "query": {"bool": {"must_not": must_not}},
            "_source": ["title", "language", "organisation", "translation_group", "date"],
            "sort": [{"date": {"order": "desc", "missing": "_last"}}, {"id": "asc"}],
            "size": WORKLIST_SIZE,
        }

    return groups_body, documents_body


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
