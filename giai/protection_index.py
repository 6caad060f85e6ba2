"""Applying protection to documents already indexed, when curators change it (the pipeline applies
it at every ingestion): `giai protect` and the portal's curation pages call these.

Every document a change concerns is read whole, run through the protect step from its originals
(giai/protected_names.py) and written back whole, so removing a name restores its text exactly.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from elasticsearch import Elasticsearch, helpers

from giai.protected_names import ProtectedName, protect_document


def concerned_query(organisation: str, doc_id: str | None = None, translation_group: str | None = None) -> dict[str, Any]:
    """The documents a name of `organisation` can concern: all of them, or one document and the
    other language versions of its translation group."""
    scope: list[dict[str, Any]] = [{"term": {"organisation": organisation}}]
    if doc_id is not None:
        either: list[dict[str, Any]] = [{"ids": {"values": [doc_id]}}]
        if translation_group:
            either.append({"term": {"translation_group": translation_group}})
        scope.append({"bool": {"should": either, "minimum_should_match": 1}})
    return {"bool": {"filter": scope}}


def translation_group_of(client: Elasticsearch, index: str, doc_id: str) -> tuple[str, str | None] | None:
    """(organisation, translation group) of an indexed document, or None when there is none."""
    hits = client.search(index=index, query={"ids": {"values": [doc_id]}}, source=["organisation", "translation_group"],
                         size=1).body["hits"]["hits"]
    if not hits:
        return None
    return hits[0]["_source"].get("organisation", ""), hits[0]["_source"].get("translation_group")


def reprotected(hits: Iterable[dict[str, Any]], names: Sequence[ProtectedName]) -> list[tuple[str, dict[str, Any]]]:
    """(id, document) of each hit (a whole indexed document) that the protect step with `names`
    (every name of the organisation) changes."""
    changed = []
    for hit in hits:
        protected = protect_document(hit["_source"], names)
        if protected != hit["_source"]:
            changed.append((hit["_id"], protected))
    return changed


def reprotect(client: Elasticsearch, index: str, names: Sequence[ProtectedName], query: dict[str, Any]) -> list[str]:
    """Run the protect step with `names` over the documents `query` finds, writing back those that
    changed; their ids. Visible to the next search. (The command line's way; the portal reads and
    writes through its search service.)"""
    hits = helpers.scan(client, index=index, query={"query": query}, size=200)
    actions = [{"_op_type": "index", "_index": index, "_id": doc_id, "_source": source}
               for doc_id, source in reprotected(hits, names)]
    if actions:
        helpers.bulk(client, actions, refresh="wait_for")
    return [a["_id"] for a in actions]

