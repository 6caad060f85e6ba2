"""Classification: text and metadata in, facet values with their evidence out (pure).

Precedence per facet: a curator's correction, else the publisher's metadata (sidecar, manifest,
feed), else rules over the text (thesaurus and country matches). A facet holds the assigned concepts
plus their ancestors in the same facet, so filtering on a parent finds its children. Every value
carries evidence: its source (curator, metadata, rule), the matched terms, and `via` for ancestors.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from ingest.models import Metadata

CONCEPT_FACETS = ("crime_type", "gender", "doc_type", "body")
SINGLE_VALUED = ("doc_type",)
# Rules read the title and the text up to this many characters: a legal document names its crimes,
# court and countries early, and matching a 500-page judgment whole costs more than it tells.
TEXT_BUDGET = 12_000
FIRST_PAGE_BUDGET = 4_000
HEADING_CHARS = 400  # where a document states what it is: "JUDGMENT", "Policy brief", "Informe"
MIN_MENTIONS = 2  # in the text; one mention in the title is enough
MAX_VALUES = {"body": 3, "country": 5}


class Concept(Protocol):
    facets: Sequence[str]


class Thesaurus(Protocol):
    def find(self, text: str) -> list[Any]: ...
    def get(self, concept_id: str) -> Concept | None: ...
    def ancestors(self, concept_id: str) -> Sequence[str]: ...


class Countries(Protocol):
    def find(self, text: str) -> list[Any]: ...


@dataclass(frozen=True)
class Classification:
    """Facet → values (ancestors included), facet → evidence records, and the document's date."""

    facets: dict[str, tuple[str, ...]]
    evidence: dict[str, list[dict[str, Any]]]
    date: str | None = None
    year: int | None = None
    warnings: tuple[str, ...] = field(default=())


def text_for_rules(pages: Sequence[str], budget: int = TEXT_BUDGET) -> str:
    """The beginning of the document's text, at most `budget` characters, pages joined by blank lines."""
    parts, used = [], 0
    for page in pages:
        if used >= budget:
            break
        parts.append(page[: budget - used])
        used += len(parts[-1]) + 2
    return "\n\n".join(parts)


def _in_facet(thesaurus: Thesaurus, concept_id: str, facet: str) -> bool:
    concept = thesaurus.get(concept_id)
    return concept is not None and facet in concept.facets


@dataclass
class _Tally:
    """Matches of one facet's values: counts in the title and text, and the words that matched."""

    title: Counter = field(default_factory=Counter)
    text: Counter = field(default_factory=Counter)
    heading: Counter = field(default_factory=Counter)
    first_page: Counter = field(default_factory=Counter)
    first_seen: dict[str, int] = field(default_factory=dict)
    terms: dict[str, list[str]] = field(default_factory=dict)

    def add(self, value: str, term: str, where: str, position: int) -> None:
        getattr(self, where)[value] += 1
        self.first_seen.setdefault(value, position)
        seen = self.terms.setdefault(value, [])
        if term not in seen and len(seen) < 5:
            seen.append(term)

    def chosen(self, facet: str) -> list[str]:
        if facet in SINGLE_VALUED:
            # One type per document: the title decides, else the heading (its first named type),
            # else a type the first page names repeatedly; a passing word elsewhere is no evidence.
            if self.title:
                return [min(self.title, key=lambda v: (-self.title[v], self.first_seen[v]))]
            if self.heading:
                return [min(self.heading, key=lambda v: self.first_seen[v])]
            repeated = [v for v in self.first_page if self.first_page[v] >= MIN_MENTIONS]
            return [min(repeated, key=lambda v: (-self.first_page[v], self.first_seen[v]))] if repeated else []
        values = [v for v in self.first_seen if self.title[v] or self.text[v] >= MIN_MENTIONS]
        values.sort(key=lambda v: (-(self.title[v] * MIN_MENTIONS + self.text[v]), self.first_seen[v]))
        return values[: MAX_VALUES.get(facet, len(values))]


def _tally_rules(
    title: str, text: str, thesaurus: Thesaurus, countries: Countries, furniture: str = ""
) -> dict[str, _Tally]:
    tallies = {facet: _Tally() for facet in (*CONCEPT_FACETS, "country")}
    # Running headers and footers count once, after the text: never as the heading or first page.
    after = max(len(text) + 2, FIRST_PAGE_BUDGET)
    for where, chunk, offset in (("title", title, -len(title) - 1), ("text", text, 0), ("text", furniture, after)):
        if not chunk:
            continue
        for match in thesaurus.find(chunk):
            concept = thesaurus.get(match.concept_id)
            for facet in concept.facets if concept else ():
                if facet in tallies:
                    tallies[facet].add(match.concept_id, match.text, where, offset + match.start)
                    if where == "text" and offset + match.start < FIRST_PAGE_BUDGET:
                        tallies[facet].first_page[match.concept_id] += 1
                    if where == "text" and offset + match.start < HEADING_CHARS:
                        tallies[facet].heading[match.concept_id] += 1
        for match in countries.find(chunk):
            tallies["country"].add(match.code, match.text, where, offset + match.start)
    return tallies


def _given_values(
    facet: str, given: Sequence[str], thesaurus: Thesaurus, warnings: list[str]
) -> list[tuple[str, list[str]]]:
    """(concept id, [the words given]) for metadata values, which may be ids or labels in any language."""
    result = []
    for value in given:
        if facet == "country" or _in_facet(thesaurus, value, facet):
            result.append((value, [value]))
            continue
        found = [m.concept_id for m in thesaurus.find(value) if _in_facet(thesaurus, m.concept_id, facet)]
        if found:
            result.append((found[0], [value]))
        else:
            warnings.append(f"{facet} {value!r} is not in the thesaurus")
    return result


def _metadata_values(metadata: Metadata, facet: str) -> tuple[str, ...]:
    value = getattr(metadata, facet)
    if isinstance(value, tuple):
        return value
    return (value,) if value else ()


def _category_values(categories: Sequence[str], facet: str, thesaurus: Thesaurus) -> list[tuple[str, list[str]]]:
    """Feed categories that name a concept of `facet` (silently: most categories are free tags)."""
    result = []
    for category in categories:
        if _in_facet(thesaurus, category, facet):
            result.append((category, [category]))
        else:
            result += [
                (m.concept_id, [category])
                for m in thesaurus.find(category)
                if _in_facet(thesaurus, m.concept_id, facet)
            ]
    return result


def _with_ancestors(
    facet: str, assigned: list[tuple[str, list[str]]], source: str, thesaurus: Thesaurus
) -> tuple[tuple[str, ...], list[dict[str, Any]]]:
    values: list[str] = []
    evidence: list[dict[str, Any]] = []
    for value, terms in assigned:
        if value in values:
            continue
        values.append(value)
        evidence.append({"value": value, "source": source, "terms": terms})
    if facet != "country":
        for value in list(values):
            for ancestor in thesaurus.ancestors(value):
                if ancestor not in values and _in_facet(thesaurus, ancestor, facet):
                    values.append(ancestor)
                    evidence.append({"value": ancestor, "source": source, "terms": [], "via": value})
    return tuple(values), evidence


def _assigned(
    facet: str,
    corrections: Mapping[str, Sequence[str]],
    metadata: Metadata,
    tally: _Tally,
    thesaurus: Thesaurus,
    warnings: list[str],
) -> tuple[list[tuple[str, list[str]]], str]:
    """(value, terms) pairs and their source: the first of curator, metadata, feed categories and
    rules that gives a usable value (an unusable given value is a warning, and the next decides)."""
    given = (("curator", tuple(corrections.get(facet) or ())), ("metadata", _metadata_values(metadata, facet)))
    for source, values in given:
        assigned = _given_values(facet, values, thesaurus, warnings) if values else []
        if assigned:
            return assigned, source
    if facet != "country":
        assigned = _category_values(metadata.categories, facet, thesaurus)
        if assigned:
            return assigned, "metadata"
    return [(v, tally.terms[v]) for v in tally.chosen(facet)], "rule"


def classify(
    title: str,
    pages: Sequence[str],
    metadata: Metadata,
    thesaurus: Thesaurus,
    countries: Countries,
    *,
    corrections: Mapping[str, Sequence[str]] | None = None,
    fallback_date: str | None = None,
    furniture: str = "",
) -> Classification:
    """Facet values for one document.

    `corrections` (facet → values, from curators) win over `metadata`, which wins over rules;
    `fallback_date` (e.g. from the file's own metadata) is used when neither metadata nor the
    first page gives a date; `furniture` (the running headers and footers, each once) counts as
    one mention of what it names, whatever the number of pages that print it."""
    corrections = corrections or {}
    warnings: list[str] = []
    text = text_for_rules(pages)
    tallies = _tally_rules(title, text, thesaurus, countries, furniture)
    facets: dict[str, tuple[str, ...]] = {}
    evidence: dict[str, list[dict[str, Any]]] = {}
    for facet in (*CONCEPT_FACETS, "country"):
        assigned, source = _assigned(facet, corrections, metadata, tallies[facet], thesaurus, warnings)
        if facet in SINGLE_VALUED:
            assigned = assigned[:1]
        facets[facet], evidence[facet] = _with_ancestors(facet, assigned, source, thesaurus)
    date, date_evidence = choose_date(metadata.date, text[:FIRST_PAGE_BUDGET], fallback_date)
    if date_evidence:
        evidence["date"] = [date_evidence]
    return Classification(
        facets=facets,
        evidence={k: v for k, v in evidence.items() if v},
        date=date,
        year=int(date[:4]) if date else None,
        warnings=tuple(warnings),
    )


# Month names in calendar order: en, fr, es, ru (genitive, as in dates), ar (Levantine/Gulf and
# Maghreb/Egyptian names); "_" stands for a space inside a name.
CALENDARS = (
    "january february march april may june july august september october november december",
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
    "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر",
    "كانون_الثاني شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين_الأول تشرين_الثاني كانون_الأول",
)
MONTHS = {
    **{name: number for calendar in CALENDARS for number, name in enumerate(calendar.split(), 1)},
    "setiembre": 9,
    "ابريل": 4,
    "اغسطس": 8,
    "اكتوبر": 10,
    "sept": 9,
}
_MONTH_NAMES = "|".join(sorted((re.escape(m).replace("_", " ") for m in MONTHS), key=len, reverse=True))
_DATE_PATTERNS = (
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), ("y", "m", "d")),
    (
        re.compile(
            rf"\b(\d{{1,2}})(?:er|st|nd|rd|th)?\.?\s+(?:de\s+)?({_MONTH_NAMES})\.?,?\s+(?:de\s+|del\s+)?(\d{{4}})", re.I
        ),
        ("d", "M", "y"),
    ),
    (re.compile(rf"\b({_MONTH_NAMES})\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.I), ("M", "d", "y")),
    (re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b"), ("d", "m", "y")),
)


def find_date(text: str, today: dt.date | None = None) -> tuple[str, str] | None:
    """The latest plausible date written in `text` (ISO, "12 March 2023", "12 марта 2023 г.", "12
    de marzo de 2023", "12 مارس 2023", "12/03/2023" read day first) as (YYYY-MM-DD, the words).

    The latest, because a front page cites the events it reports before the day it was issued;
    never after `today` (default: the current date), since a deadline is no publication date."""
    latest_allowed = today or dt.date.today()
    found = []
    for pattern, order in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            parts = dict(zip(order, match.groups()))
            month = int(parts["m"]) if "m" in parts else MONTHS.get(parts["M"].lower().replace(" ", "_"))
            try:
                date = dt.date(int(parts["y"]), month or 0, int(parts["d"]))
            except ValueError:
                continue
            if 1900 <= date.year and date <= latest_allowed:
                found.append((date, -match.start(), match.group(0)))
    if not found:
        return None
    date, _, words = max(found)
    return date.isoformat(), words


def choose_date(given: str | None, first_page: str, fallback: str | None) -> tuple[str | None, dict | None]:
    """The document's date and its evidence: metadata, else the first page's first date, else
    the fallback (the file's own metadata)."""
    if given:
        return given, {"value": given, "source": "metadata", "terms": [given]}
    found = find_date(first_page)
    if found:
        return found[0], {"value": found[0], "source": "rule", "terms": [found[1]]}
    if fallback:
        return fallback, {"value": fallback, "source": "file", "terms": []}
    return None, None
