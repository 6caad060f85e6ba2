"""Shaped results (portal.search.result) as the JSON API shows them (pure functions)."""

from __future__ import annotations

from typing import Any

from portal.search.result import FacetBucket, Hit, Label, Snippet, UsedExpansion


def label_json(labels: list[Label]) -> list[dict[str, str]]:
    return [{"value": x.value, "label": x.label} for x in labels]


def snippet_json(snippet: Snippet, show_content_notes: bool) -> dict[str, Any]:
    """A snippet as the API shows it: a flagged page's text only when the request asked for it."""
    shown: dict[str, Any] = {"page": snippet.page, "label": snippet.label}
    if snippet.content_note:
        shown["content_note"] = True
    if show_content_notes or not snippet.content_note:
        shown["html"] = str(snippet.html)
    return shown


def hit_json(hit: Hit, show_content_notes: bool = False) -> dict[str, Any]:
    """A hit as the API shows it (`content_note` when a snippet's page is flagged, `protected_names`
    when the viewer reads names protected from outsiders)."""
    extra: dict[str, Any] = {}
    if hit.content_note:
        extra["content_note"] = True
    if hit.protected:
        extra["protected_names"] = True
    return extra | {
        "id": hit.id,
        "title": hit.title,
        "language": hit.language.value,
        "languages": [x.value for x in hit.languages],
        "organisation": hit.organisation.value,
        "organisation_label": hit.organisation.label,
        "publishers": label_json(hit.publishers),
        "date": hit.date.isoformat() if hit.date else None,
        "added_at": hit.added_at.isoformat() if hit.added_at else None,
        "year": hit.year,
        "doc_type": [x.value for x in hit.doc_type],
        "page_count": hit.page_count,
        "summary": hit.summary,
        "snippets": [snippet_json(s, show_content_notes) for s in hit.snippets],
        "facets": {facet: label_json(labels) for facet, labels in hit.facets.items()} | {"doc_type": label_json(hit.doc_type)},
        "case": hit.case,
        "versions": [{"id": v.id, "language": v.language.value, "title": v.title, "organisation": v.organisation.value}
                     for v in hit.versions],
        "files": len(hit.versions) or 1,
    }


def expansions_json(expansions: list[UsedExpansion]) -> list[dict[str, Any]]:
    """The expansions as the API shows them: id, label, the words of the query that named it,
    the names searched per language, and the facet it is a value of (or null)."""
    return [{"id": e.id, "label": e.label, "matched": e.matched, "facet": e.facet, "terms": e.terms} for e in expansions]


def facets_json(facets: dict[str, list[FacetBucket]]) -> dict[str, list[dict[str, Any]]]:
    return {
        facet: [{"value": b.value, "label": b.label, "count": b.count, "selected": b.selected} for b in buckets]
        for facet, buckets in facets.items()
    }
