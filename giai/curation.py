"""Curators' corrections of a document's metadata, as pure functions (no database, no server).

A correction is a field and a value: a list of ids for the facets (crime types, gender
dimensions, countries, court or body, one document type), a string for title, date (YYYY-MM-DD),
language (the document's main language), access (public | members | restricted) and
translation_group (the id shared by the language versions of one text). This module
checks a typed value, turns a correction into the partial update of the Elasticsearch document
(ancestors of hierarchical values and the `evidence` record included, the same shape the pipeline
writes), splits corrections into what the pipeline's classifier and its metadata take, and says
where each shown value came from.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from giai.access import ACCESS_LEVELS
from giai.case_curation import (
    CASE_FIELDS,
    LIST_FIELDS,
    case_evidence,
    case_origin,
    case_update,
    checked_case_value,
    current_case_value,
)
from giai.index_schema import LANGUAGES, access_orgs, language_field, version_group

FACET_FIELDS = ("crime_type", "gender", "country", "body", "doc_type")
SINGLE_VALUED = ("doc_type",)
SCALAR_FIELDS = ("title", "date", "language", "access", "translation_group")
FIELDS = ("title", "doc_type", "crime_type", "gender", "country", "body", "date", "language", "access", "translation_group",
          *CASE_FIELDS)  # the case-law fields: giai/case_curation.py
TITLE_MAX = 300
TRANSLATION_GROUP = re.compile(r"[A-Za-z0-9_.-]{1,64}")

# parent(facet, value) -> the value's parent in that facet, or None
ParentOf = Callable[[str, str], str | None]
# allows(facet, value) -> whether `value` is a known value of `facet`
Allows = Callable[[str, str], bool]


class InvalidValue(ValueError):
    """A typed value that is not acceptable for its field; `code` names why (for the message)."""

    def __init__(self, field: str, code: str):
        super().__init__(f"{field}: {code}")
        self.field, self.code = field, code


def checked(field: str, value: Any, allows: Allows) -> Any:
    """`value` for `field` in its stored form (list of ids, or a string), or InvalidValue."""
    if field not in FIELDS:
        raise InvalidValue(field, "unknown_field")
    if field in CASE_FIELDS:
        try:
            return checked_case_value(field, value, allows)
        except ValueError as exc:
            raise InvalidValue(field, str(exc)) from None
    if field in FACET_FIELDS:
        values = [value] if isinstance(value, str) else list(value or [])
        values = list(dict.fromkeys(v.strip() for v in values if v and v.strip()))
        if field in SINGLE_VALUED and len(values) > 1:
            raise InvalidValue(field, "one_value")
        if any(not allows(field, v) for v in values):
            raise InvalidValue(field, "unknown_value")
        return values
    text = " ".join(str(value or "").split())
    if field == "title":
        if not text or len(text) > TITLE_MAX:
            raise InvalidValue(field, "bad_title")
    elif field == "date":
        try:
            if dt.date.fromisoformat(text) > dt.date.today() or len(text) != 10:
                raise ValueError(text)
        except ValueError:
            raise InvalidValue(field, "bad_date") from None
    elif (field == "language" and text not in LANGUAGES) or (field == "access" and text not in ACCESS_LEVELS):
        raise InvalidValue(field, "unknown_value")
    elif field == "translation_group" and not TRANSLATION_GROUP.fullmatch(text):
        raise InvalidValue(field, "bad_group")
    return text


def with_ancestors(facet: str, values: Sequence[str], parent: ParentOf) -> tuple[list[str], list[dict[str, Any]]]:
    """The values and their ancestors in `facet`, and curator evidence records for them (ancestors
    say `via`), as the pipeline stores hierarchical facets."""
    result = list(dict.fromkeys(values))
    evidence: list[dict[str, Any]] = [{"value": v, "source": "curator", "terms": []} for v in result]
    for value in list(result):
        ancestor = parent(facet, value)
        while ancestor is not None and ancestor not in result:
            result.append(ancestor)
            evidence.append({"value": ancestor, "source": "curator", "terms": [], "via": value})
            ancestor = parent(facet, ancestor)
    return result, evidence


def current_value(field: str, source: Mapping[str, Any]) -> Any:
    """What the indexed document holds for `field`, in the stored form of a correction."""
    if field in CASE_FIELDS:
        return current_case_value(field, source)
    if field in FACET_FIELDS:
        return list(source.get(field) or [])
    if field == "title":  # as written, before names were protected (curators may read them)
        return ((source.get("protection") or {}).get("original") or {}).get("title") or source.get("title") or ""
    return source.get(field) or ""


def assigned_values(field: str, source: Mapping[str, Any]) -> list[str]:
    """The facet values that were assigned, without the ancestors added for them (so a form shows
    what a curator would type)."""
    records = (source.get("evidence") or {}).get(field) or []
    if records:
        return [r["value"] for r in records if not r.get("via")]
    return list(source.get(field) or [])


def update_for(field: str, value: Any, source: Mapping[str, Any], parent: ParentOf) -> dict[str, Any]:
    """The partial document that sets `field` to the corrected `value` on the indexed `source`."""
    if field in CASE_FIELDS:
        return case_update(field, value, source)
    if field in FACET_FIELDS:
        values, evidence = with_ancestors(field, value, parent)
        return {field: values or None, "evidence": {field: evidence}}
    if field == "title":
        update: dict[str, Any] = {"title": value}
        title_field = language_field("title", source.get("language"))
        if title_field:
            update[title_field] = value
        return update
    if field == "date":
        return {"date": value, "year": int(value[:4]), "evidence": {"date": [{"value": value, "source": "curator", "terms": []}]}}
    if field == "language":
        update = {"language": value, "languages": list(dict.fromkeys([value, *(source.get("languages") or [])]))}
        old = source.get("language")
        old_field = language_field("title", old)
        if old != value and old_field:
            update[old_field] = None
        update[f"title_{value}"] = source.get("title")
        return update
    if field == "translation_group":
        return {"translation_group": value or None, "version_group": version_group(source["id"], value or None, source.get("content_sha256"))}
    return {"access": value, "access_orgs": access_orgs(value, source.get("access_orgs") or [], source.get("organisation"))}


def restore_update(field: str, old_value: Any, old_evidence: Any, source: Mapping[str, Any], parent: ParentOf) -> dict[str, Any]:
    """The partial document that puts back what the index held before a change (undo)."""
    if field in CASE_FIELDS:
        return case_update(field, old_value, source, evidence=list(old_evidence or []))
    if field in FACET_FIELDS:
        return {field: list(old_value or []) or None, "evidence": {field: old_evidence or []}}
    if field == "date":
        if not old_value:
            return {"date": None, "year": None, "evidence": {"date": old_evidence or []}}
        return {"date": old_value, "year": int(old_value[:4]), "evidence": {"date": old_evidence or []}}
    return update_for(field, old_value, source, parent)


def old_evidence(field: str, source: Mapping[str, Any]) -> list[dict[str, Any]]:
    if field in CASE_FIELDS:
        return case_evidence(field, source)
    return list((source.get("evidence") or {}).get(field) or [])


@dataclass(frozen=True)
class PipelineCorrections:
    """Corrections in the two forms the pipeline takes: classifier `facets` (facet → ids) and
    `metadata` fields that override the sidecar's (title, date, language, access, the case's)."""

    facets: dict[str, tuple[str, ...]]
    metadata: dict[str, Any]


def for_pipeline(corrections: Mapping[str, Any]) -> PipelineCorrections:
    """Split one document's corrections (field → value) for the pipeline."""
    facets = {f: tuple(v) for f, v in corrections.items() if f in FACET_FIELDS}
    metadata: dict[str, Any] = {f: str(v) for f, v in corrections.items() if f in SCALAR_FIELDS and v}
    metadata |= {f: tuple(v) if f in LIST_FIELDS else str(v) for f, v in corrections.items() if f in CASE_FIELDS and v}
    return PipelineCorrections(facets, metadata)


@dataclass(frozen=True)
class Origin:
    """Where one shown value came from: `source` is curator, metadata or rule; `terms` the words a
    rule matched; `via` the value it is an ancestor of."""

    value: str
    source: str
    terms: tuple[str, ...] = ()
    via: str | None = None


def origins(field: str, source: Mapping[str, Any], corrected: bool) -> list[Origin]:
    """The origin of each value of `field` in the indexed `source`; a corrected field is all
    curator's. Fields without evidence (title, language, access) say `source` (the file or its sidecar)."""
    if field in CASE_FIELDS:
        value = current_case_value(field, source)
        origin, terms = case_origin(field, source)
        shown = value if isinstance(value, list) else ([value] if value else [])
        return [Origin(str(v), "curator" if corrected else origin, terms) for v in shown]
    records = (source.get("evidence") or {}).get(field)
    if records:
        return [
            Origin(str(r.get("value")), "curator" if corrected else str(r.get("source")), tuple(r.get("terms") or ()), r.get("via"))
            for r in records
        ]
    value = current_value(field, source)
    values = value if isinstance(value, list) else ([value] if value else [])
    return [Origin(str(v), "curator" if corrected else "source") for v in values]


FRAGMENT_MARKS = ("fixed", "intended")


def fragment_digest(text: str) -> str:
    """A short stable key of a fragment's text (its marks hold while the text is unchanged)."""
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()[:16]
