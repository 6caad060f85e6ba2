"""The multilingual, hierarchical thesaurus (config/thesaurus.yaml) and text matching against it.

A concept has an id, facets (crime_type, gender, doc_type, body; `term` for legal terms that are
no facet but serve query expansion and classification evidence), an optional parent (any depth),
and labels in en, fr, ru, es, ar: preferred label first, then synonyms and abbreviations. Optional
per language: `forms`, extra word forms matched in text but never shown (irregular inflections
such as пыток), and `query_only`, labels too ambiguous to count as evidence in a document (es
"violación" is also a violation) but meant when typed as a query.

`load_thesaurus(path)` reads and validates the file; callers keep the result (the portal per app,
the pipeline per worker). Matching (see giai.phrases) ignores case, accents, Arabic diacritics and
attached prefixes, and generates plural and Russian case forms itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from giai.index_schema import LANGUAGES
from giai.phrases import Phrase, PhraseHit, PhraseMatcher
from giai.settings import CONFIG_DIR
from giai.textnorm import words

FACETS = ("crime_type", "gender", "doc_type", "body", "term")
DEFAULT_PATH = CONFIG_DIR / "thesaurus.yaml"
# When one span matches a concept's labels in several languages (genocide/génocide normalise
# alike) and none is written exactly as in the text, the match is reported in the first of these.
_LANGUAGE_PREFERENCE = ("en", "fr", "es", "ru", "ar")
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_CONCEPT_KEYS = {"id", "facets", "parent", "labels", "forms", "query_only"}


class ThesaurusError(ValueError):
    """The thesaurus file is malformed; the message names the concept and the problem."""


@dataclass(frozen=True, slots=True)
class Concept:
    """One concept: `labels[lang]` is (preferred label, synonyms…) in every language."""

    id: str
    facets: tuple[str, ...]
    parent: str | None
    labels: Mapping[str, tuple[str, ...]]
    forms: Mapping[str, tuple[str, ...]]
    query_only: Mapping[str, frozenset[str]]


@dataclass(frozen=True, slots=True)
class Match:
    """A concept found in a text: the words as written there, the language of the label that
    matched, and their offsets in the text (text[start:end] == self.text)."""

    concept_id: str
    text: str
    language: str
    start: int
    end: int


class Thesaurus:
    """Concepts by id, their hierarchy, and a matcher over all their labels."""

    def __init__(self, concepts: Iterable[Concept]):
        self._concepts: dict[str, Concept] = {}
        for concept in concepts:
            if concept.id in self._concepts:
                raise ThesaurusError(f"concept {concept.id!r} is defined twice")
            self._concepts[concept.id] = concept
        self._children: dict[str, list[str]] = {cid: [] for cid in self._concepts}
        for concept in self._concepts.values():
            if concept.parent is not None:
                if concept.parent not in self._concepts:
                    raise ThesaurusError(f"concept {concept.id!r}: parent {concept.parent!r} is not defined")
                self._children[concept.parent].append(concept.id)
        for cid in self._concepts:
            self.ancestors(cid)  # raises on a cycle
        self._matcher = PhraseMatcher(self._phrases(), latin_plurals=True)

    def _phrases(self) -> Iterator[Phrase]:
        for concept in self._concepts.values():
            # Courts' and bodies' names keep their number: "international criminal courts" is
            # generic, not the ICC.
            name = "body" in concept.facets
            for lang, labels in concept.labels.items():
                for label in labels:
                    yield Phrase(concept.id, lang, label, label in concept.query_only.get(lang, ()), name)
            for lang, forms in concept.forms.items():
                for form in forms:
                    yield Phrase(concept.id, lang, form, keep_number=name)

    def __contains__(self, concept_id: object) -> bool:
        return concept_id in self._concepts

    def __len__(self) -> int:
        return len(self._concepts)

    def __iter__(self) -> Iterator[Concept]:
        return iter(self._concepts.values())

    def _concept(self, concept_id: str) -> Concept:
        try:
            return self._concepts[concept_id]
        except KeyError:
            raise KeyError(f"no concept {concept_id!r} in the thesaurus") from None

    def get(self, concept_id: str) -> Concept | None:
        """The concept, or None for an unknown id."""
        return self._concepts.get(concept_id)

    def parent(self, concept_id: str) -> str | None:
        """The parent's id, or None for a top concept. KeyError for an unknown id."""
        return self._concept(concept_id).parent

    def label(self, concept_id: str, lang: str) -> str:
        """The preferred label in `lang` (English for a language the thesaurus lacks)."""
        labels = self._concept(concept_id).labels
        return (labels.get(lang) or labels["en"])[0]

    def labels_of(self, concept_id: str) -> dict[str, list[str]]:
        """Every language's labels, preferred first: {"en": [...], "fr": [...], ...}."""
        return {lang: list(labels) for lang, labels in self._concept(concept_id).labels.items()}

    def ancestors(self, concept_id: str, facet: str | None = None) -> list[str]:
        """Parent, grandparent, … (nearest first); with `facet`, only those in that facet (the
        gender facet's gender-based-persecution has no gender ancestors)."""
        found: list[str] = []
        parent = self._concept(concept_id).parent
        while parent is not None:
            if parent == concept_id or parent in found:
                raise ThesaurusError(f"concept {concept_id!r}: its parents form a cycle")
            found.append(parent)
            parent = self._concepts[parent].parent
        if facet is not None:
            found = [cid for cid in found if facet in self._concepts[cid].facets]
        return found

    def descendants(self, concept_id: str) -> list[str]:
        """Children, grandchildren, … at any depth, nearest first."""
        found: list[str] = []
        level = list(self._children[self._concept(concept_id).id])
        while level:
            found.extend(level)
            level = [child for cid in level for child in self._children[cid]]
        return found

    def concepts_in(self, facet: str) -> list[str]:
        """Ids of the concepts in `facet`, in file order (parents before their children)."""
        if facet not in FACETS:
            raise KeyError(f"no facet {facet!r} in the thesaurus (facets: {', '.join(FACETS)})")
        return [cid for cid, concept in self._concepts.items() if facet in concept.facets]

    def expansions(self, concept_id: str, exclude_language: str | None = None) -> dict[str, list[str]]:
        """The concept's labels in every language but `exclude_language` (the query's own), for
        cross-lingual query expansion."""
        return {lang: labels for lang, labels in self.labels_of(concept_id).items() if lang != exclude_language}

    def find(self, text: str, languages: Sequence[str] | None = None) -> list[Match]:
        """Concepts named in a document's text, in text order; where matches overlap the longest
        wins. `languages` restricts the labels used. Labels marked query_only are not used."""
        return self._matches(text, languages, query=False)

    def find_in_query(self, query: str, languages: Sequence[str] | None = None) -> list[Match]:
        """Concepts named in a search query: like `find`, plus the labels marked query_only and
        acronyms typed in lower case ("icc")."""
        return self._matches(query, languages, query=True)

    def _matches(self, text: str, languages: Sequence[str] | None, query: bool) -> list[Match]:
        accept = None if languages is None else _in_languages(languages)
        matches = []
        for hit in self._matcher.find(text, query=query, accept=accept):
            written = text[hit.start : hit.end]
            if len(hit.phrases) == 1:
                phrase = hit.phrases[0]
                matches.append(Match(phrase.key, written, phrase.language, hit.start, hit.end))
                continue
            for concept_id, phrases in _by_key(hit).items():
                language = _language_of(written, phrases, languages or _LANGUAGE_PREFERENCE)
                matches.append(Match(concept_id, written, language, hit.start, hit.end))
        return matches


def _in_languages(languages: Sequence[str]):
    allowed = frozenset(languages)

    def accept(phrase: Phrase) -> bool:
        return phrase.language in allowed

    return accept


def _by_key(hit: PhraseHit) -> dict[str, list[Phrase]]:
    grouped: dict[str, list[Phrase]] = {}
    for phrase in hit.phrases:
        grouped.setdefault(phrase.key, []).append(phrase)
    return grouped


def _language_of(written: str, phrases: Sequence[Phrase], preference: Sequence[str]) -> str:
    """The language of the label written exactly as in the text (case aside), else the first
    language in `preference` among the labels that matched."""
    folded = written.casefold()
    for phrase in phrases:
        if phrase.label.casefold() == folded:
            return phrase.language
    languages = {phrase.language for phrase in phrases}
    return next((lang for lang in preference if lang in languages), phrases[0].language)


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise ThesaurusError(f"{where}: expected a non-empty list of strings, got {value!r}")
    if len(set(value)) != len(value):
        raise ThesaurusError(f"{where}: a label is listed twice")
    for label in value:
        if not words(label):
            raise ThesaurusError(f"{where}: label {label!r} has no words")
    return tuple(v.strip() for v in value)


def _by_language(value: Any, where: str, required: bool) -> dict[str, tuple[str, ...]]:
    if value is None and not required:
        return {}
    if not isinstance(value, dict):
        raise ThesaurusError(f"{where}: expected a mapping of language to list, got {value!r}")
    unknown = set(value) - set(LANGUAGES)
    missing = set(LANGUAGES) - set(value) if required else set()
    if unknown or missing:
        raise ThesaurusError(f"{where}: unknown languages {sorted(unknown)}, missing {sorted(missing)}")
    return {lang: _strings(value[lang], f"{where}.{lang}") for lang in LANGUAGES if lang in value}


def concept_from_dict(data: Any) -> Concept:
    """A concept from its YAML mapping, validated (ThesaurusError says what is wrong)."""
    if not isinstance(data, dict) or not isinstance(data.get("id"), str):
        raise ThesaurusError(f"a concept needs an id: {data!r}")
    cid = data["id"]
    if not _ID.fullmatch(cid):
        raise ThesaurusError(f"concept {cid!r}: ids are lower-case words joined by hyphens")
    if set(data) - _CONCEPT_KEYS:
        raise ThesaurusError(f"concept {cid!r}: unknown keys {sorted(set(data) - _CONCEPT_KEYS)}")
    facets = data.get("facets")
    if not isinstance(facets, list) or not facets or set(facets) - set(FACETS):
        raise ThesaurusError(f"concept {cid!r}: facets must be a non-empty list from {FACETS}")
    parent = data.get("parent")
    if parent is not None and not isinstance(parent, str):
        raise ThesaurusError(f"concept {cid!r}: parent must be a concept id")
    labels = _by_language(data.get("labels"), f"{cid}.labels", required=True)
    forms = _by_language(data.get("forms"), f"{cid}.forms", required=False)
    query_only = _by_language(data.get("query_only"), f"{cid}.query_only", required=False)
    for lang, listed in query_only.items():
        if set(listed) - set(labels[lang]):
            raise ThesaurusError(f"concept {cid!r}: query_only.{lang} lists words that are not its labels")
    return Concept(
        id=cid,
        facets=tuple(facets),
        parent=parent,
        labels=MappingProxyType(labels),
        forms=MappingProxyType(forms),
        query_only=MappingProxyType({lang: frozenset(v) for lang, v in query_only.items()}),
    )


def thesaurus_from_dict(data: Any) -> Thesaurus:
    """A thesaurus from the parsed YAML document ({"concepts": [...]})."""
    if not isinstance(data, dict) or not isinstance(data.get("concepts"), list):
        raise ThesaurusError("the thesaurus file must be a mapping with a list under 'concepts'")
    return Thesaurus(concept_from_dict(item) for item in data["concepts"])


def load_thesaurus(path: Path | str | None = None) -> Thesaurus:
    """Read and validate the thesaurus (default: config/thesaurus.yaml). Takes ~0.1 s: keep it."""
    source = Path(path) if path is not None else DEFAULT_PATH
    with source.open(encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    try:
        return thesaurus_from_dict(data)
    except ThesaurusError as exc:
        raise ThesaurusError(f"{source}: {exc}") from None
