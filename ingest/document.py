"""The Elasticsearch document of one file, built from what the stages found (pure).

Its shape is giai/index_schema.py's MAPPINGS: each page's text in `pages.text` (every language) and
`pages.text_<lang>` (stemmed for the page's language when it is one of ours), its printed number in
`pages.label` when it is not its index, the running headers and footers once in `furniture`, the
title likewise, facets with their evidence, the language report, access and provenance.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from giai.index_schema import access_orgs, count_words, language_field, version_group
from ingest.caselaw import CaseLaw
from ingest.classify import Classification
from ingest.models import Task


def page_records(
    pages: Sequence[tuple[int, str]],
    page_languages: Sequence[str | None],
    fallback: str,
    labels: Sequence[str | None] = (),
) -> list[dict]:
    """One nested record per page with text: number, its printed label when another (`labels`,
    by position), language, text and text_<lang>."""
    records = []
    for index, (number, text) in enumerate(pages):
        if not text.strip():
            continue
        language = (page_languages[index] if index < len(page_languages) else None) or fallback
        record: dict[str, Any] = {"number": number, "language": language, "text": text}
        if index < len(labels) and labels[index]:
            record["label"] = labels[index]
        field = language_field("text", language)
        if field:
            record[field] = text
        records.append(record)
    return records


def build_source(
    task: Task,
    *,
    doc_id: str,
    status: str,
    media_type: str,
    title: str,
    pages: Sequence[tuple[int, str]],
    page_labels: Sequence[str | None],
    furniture: Sequence[str],
    page_count: int,
    language: str,
    languages: Sequence[str],
    confidence: float,
    declared_language: str | None,
    page_languages: Sequence[str | None],
    fragments: Sequence[dict[str, Any]],
    mixed: bool,
    classification: Classification,
    indexed_at: str,
    case_law: CaseLaw | None = None,
    cites: Sequence[dict[str, Any]] = (),
) -> dict[str, Any]:
    """The document to index for `task` (see the module docstring for the fields)."""
    item, metadata = task.item, task.item.metadata
    organisation = item.effective_organisation
    access = metadata.access or item.access or "public"
    source: dict[str, Any] = {
        "id": doc_id,
        "organisation": organisation,
        "source": {"kind": item.source_kind, "locator": item.locator, **({"url": item.url} if item.url else {})},
        "file": {"name": item.name, "media_type": media_type, "size": task.size, "sha256": task.sha256},
        "content_sha256": task.sha256,
        "fetched_at": task.fetched_at,
        "indexed_at": indexed_at,
        "added_at": task.added_at or indexed_at,
        "status": status,
        "title": title,
        "pages": page_records(pages, page_languages, language, page_labels),
        "page_count": page_count,
        "word_count": count_words(text for _, text in pages),
        "language": language,
        "languages": list(languages),
        "language_confidence": round(float(confidence), 4),
        "mixed_language": bool(mixed),
        "fragments": list(fragments),
        "access": access,
        "access_orgs": access_orgs(access, metadata.access_orgs, organisation),
        "evidence": classification.evidence | ({"case": case_law.evidence} if case_law and case_law.evidence else {}),
    }
    title_field = language_field("title", language)
    if title_field:
        source[title_field] = title
    if declared_language:
        source["declared_language"] = declared_language
    if furniture:
        source["furniture"] = list(furniture)
    if metadata.summary:
        source["summary"] = metadata.summary
    if metadata.translation_group:
        source["translation_group"] = metadata.translation_group
    source["version_group"] = version_group(doc_id, metadata.translation_group, task.sha256)
    for facet, values in classification.facets.items():
        if values:
            source[facet] = list(values)
    if classification.date:
        source["date"] = classification.date
        source["year"] = classification.year
    if case_law and case_law.case:
        source |= case_fields(case_law)
    if cites:
        source["cites"] = list(cites)
    return source


def case_fields(case_law: CaseLaw) -> dict[str, Any]:
    """The `case` object and its top-level copies (`court`, `decided`, `decided_year`), with the
    case's evidence beside the facets'."""
    case = case_law.case or {}
    fields: dict[str, Any] = {"case": case}
    if case.get("court"):
        fields["court"] = case["court"]
    if case.get("decided"):
        fields["decided"] = case["decided"]
        fields["decided_year"] = int(case["decided"][:4])
    return fields
