"""The citator's reads: what cites a document, how often each case is cited, the documents of the
cases a document cites (pure request bodies and their shaping).

A document stores what it cites (`cites.case`, a case key per citation) and the keys of its own
case (`case.keys`); "cited by" is never stored but counted when read, under the reader's access
filter, so a document the reader may not see is never counted, listed or used to sort.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from giai.access import Viewer, access_filter

CITED_FIELD = "cites.case"
CASE_KEYS = "case.keys"
# Cases counted for `sort=cited` and `cited=N`: the most cited first. Past this many cited cases
# (a collection far larger than ours) the rarest count as cited by none.
MAX_COUNTED_CASES = 10_000
CITED_BY_LISTED = 100
CITES_RESOLVED = 200



def counts_body(viewer: Viewer, minimum: int = 1) -> dict[str, Any]:
    """How many documents the viewer may see cite each case (cases cited by at least `minimum`)."""
    return {
        "query": {"bool": {"filter": [access_filter(viewer)]}},
        "size": 0,
        "aggs": {"cited": {"terms": {"field": CITED_FIELD, "size": MAX_COUNTED_CASES, "min_doc_count": minimum}}},
    }


def counts_of(response: Mapping[str, Any]) -> dict[str, int]:
    """Case key → citing documents, from the answer to `counts_body`."""
    buckets = response.get("aggregations", {}).get("cited", {}).get("buckets", [])
    return {b["key"]: b["doc_count"] for b in buckets}


def cited_filter(counts: Mapping[str, int], minimum: int) -> dict[str, Any]:
    """Documents of a case cited by at least `minimum` documents (none when no case is)."""
    return {"terms": {CASE_KEYS: sorted(k for k, n in counts.items() if n >= minimum)}}


def scored_by_citations(query: dict[str, Any], counts: Mapping[str, int]) -> dict[str, Any]:
    """`query` with each document scored 1 + the citing documents of its most cited case key, to
    sort on the score. One weighted filter per distinct count, not a script: the server may run
    without a scripting language (the local distribution has none)."""
    by_count: dict[int, list[str]] = {}
    for key, count in counts.items():
        by_count.setdefault(count, []).append(key)
    functions = [{"filter": {"terms": {CASE_KEYS: sorted(keys)}}, "weight": count + 1} for count, keys in sorted(by_count.items())]
    if not functions:
        return query
    return {"function_score": {"query": query, "functions": functions, "score_mode": "max", "boost_mode": "replace"}}


def _citing(keys: Sequence[str], doc_id: str) -> dict[str, Any]:
    return {"bool": {"filter": [{"terms": {CITED_FIELD: list(keys)}}], "must_not": [{"ids": {"values": [doc_id]}}]}}


def cited_by_counts_body(cases: Mapping[str, Sequence[str]], viewer: Viewer) -> dict[str, Any]:
    """For each document id → its case keys, how many other documents the viewer may see cite it."""
    return {
        "query": {"bool": {"filter": [access_filter(viewer)]}},
        "size": 0,
        "aggs": {"cited_by": {"filters": {"filters": {doc_id: _citing(keys, doc_id) for doc_id, keys in cases.items()}}}},
    }


def cited_by_counts_of(response: Mapping[str, Any]) -> dict[str, int]:
    buckets = response.get("aggregations", {}).get("cited_by", {}).get("buckets", {})
    return {doc_id: bucket["doc_count"] for doc_id, bucket in buckets.items()}


def cited_by_body(doc_id: str, keys: Sequence[str], viewer: Viewer) -> dict[str, Any]:
    """The documents the viewer may see that cite the case of `doc_id` (its `keys`), newest first."""
    return {
        "query": {"bool": {"filter": [access_filter(viewer), _citing(keys, doc_id)]}},
        "_source": ["id", "title", "language", "date", "case.name"],
        "sort": [{"date": {"order": "desc", "missing": "_last"}}, {"id": "asc"}],
        "size": CITED_BY_LISTED,
        "track_total_hits": True,
    }


def cited_documents_body(keys: Sequence[str], doc_id: str, viewer: Viewer) -> dict[str, Any]:
    """Documents the viewer may see of the cases `keys` (to link a citation to the portal's copy)."""
    return {
        "query": {"bool": {"filter": [access_filter(viewer), {"terms": {CASE_KEYS: list(keys)}}],
                           "must_not": [{"ids": {"values": [doc_id]}}]}},
        "_source": ["id", "title", "case.keys", "case.name"],
        "sort": [{"decided": {"order": "desc", "missing": "_last"}}, {"id": "asc"}],
        "size": CITES_RESOLVED,
    }


def documents_by_case(hits: Sequence[Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """Case key → the first document (id, title, case name) of that case, from `cited_documents_body`."""
    found: dict[str, dict[str, Any]] = {}
    for hit in hits:
        source = hit.get("_source", {})
        case = source.get("case") or {}
        for key in case.get("keys") or ():
            found.setdefault(key, {"id": hit["_id"], "title": source.get("title"), "name": case.get("name")})
    return found
