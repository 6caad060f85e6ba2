"""Curators' corrections of case-law metadata (pure; giai/curation.py dispatches to it).

A correction field is one sub-field of the document's `case` object: `case_name`, `case_numbers`
(a list, as the court writes them), `ecli`, `decided` (YYYY-MM-DD), `chamber`, `court` (a body
id), `parties` (a list), `case_type`. A corrected number or ECLI recomputes the case's `keys` (what
citations are filed under); a corrected date or court also sets the top-level `decided`,
`decided_year` and `court` that facets and ranges read. Corrections are stored like the others
(giai/db/curation.py's Correction: field → JSON value) and reach the pipeline as metadata of the
same names (ingest/models.py's Metadata), which wins over the rules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from giai.case_numbers import ECLI
from giai.cases import KnownCases, case_keys, default_cases

# correction field → its name in the `case` object
CASE_FIELDS = {
    "case_name": "name", "case_numbers": "numbers", "ecli": "ecli", "decided": "decided",
    "chamber": "chamber", "court": "court", "parties": "parties", "case_type": "type",
}
LIST_FIELDS = ("case_numbers", "parties")
CASE_TYPES = ("judgment", "decision", "order", "opinion", "communication", "submission")
MAX_ITEMS, MAX_CHARS = 20, 300


def checked_case_value(field: str, value: Any, allows: Callable[[str, str], bool]) -> Any:
    """The value in its stored form; ValueError naming why (the caller's InvalidValue code)."""
    if field in LIST_FIELDS:
        items = value.replace("|", "\n").splitlines() if isinstance(value, str) else list(value or [])
        items = list(dict.fromkeys(" ".join(str(i).split()) for i in items if str(i).strip()))
        if len(items) > MAX_ITEMS or any(len(i) > MAX_CHARS for i in items):
            raise ValueError("too_long")
        return items
    text = " ".join(str(value or "").split())
    if len(text) > MAX_CHARS:
        raise ValueError("too_long")
    if not text:
        return text
    if field == "decided":
        try:
            if len(text) != 10 or dt.date.fromisoformat(text) > dt.date.today():
                raise ValueError(text)
        except ValueError:
            raise ValueError("bad_date") from None
    elif field == "ecli" and not ECLI.fullmatch(text):
        raise ValueError("bad_ecli")
    elif (field == "court" and not allows("court", text)) or (field == "case_type" and text not in CASE_TYPES):
        raise ValueError("unknown_value")
    return text


def current_case_value(field: str, source: Mapping[str, Any]) -> Any:
    value = (source.get("case") or {}).get(CASE_FIELDS[field])
    if field in LIST_FIELDS:
        return list(value or [])
    return value or ""


def case_update(
    field: str, value: Any, source: Mapping[str, Any], evidence: list[dict[str, Any]] | None = None,
    cases: KnownCases | None = None,
) -> dict[str, Any]:
    """The partial document setting one case field (with its top-level copies and keys) and its
    evidence: a curator's record, or `evidence` (the records to restore, for an undo)."""
    name = CASE_FIELDS[field]
    case = dict(source.get("case") or {})
    case[name] = value or None
    if field in ("case_numbers", "ecli"):
        case["keys"] = case_keys(case.get("numbers") or [], case.get("ecli"), cases or default_cases()) or None
    records = [r for r in (source.get("evidence") or {}).get("case") or [] if r.get("value") != name]
    records += evidence if evidence is not None else ([{"value": name, "source": "curator", "terms": []}] if value else [])
    update: dict[str, Any] = {"case": case, "evidence": {"case": records}}
    if field == "decided":
        update |= {"decided": value or None, "decided_year": int(value[:4]) if value else None}
    if field == "court":
        update["court"] = value or None
    return update


def case_evidence(field: str, source: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The evidence records of one case field (kept with a change, so undo restores them)."""
    return [r for r in (source.get("evidence") or {}).get("case") or [] if r.get("value") == CASE_FIELDS[field]]


def case_origin(field: str, source: Mapping[str, Any]) -> tuple[str, tuple[str, ...]]:
    """(source, terms) of one case field's value: rule, metadata or curator, and the words a rule read."""
    records = case_evidence(field, source)
    return (str(records[0].get("source")), tuple(records[0].get("terms") or ())) if records else ("source", ())
