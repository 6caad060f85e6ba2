"""Cross-lingual query expansion: the thesaurus concepts and countries a query names, searched also
by their names in every language.

"enforced disappearance" also searches "disparition forcée" in the French fields, "насильственное
исчезновение" in the Russian ones, and so on: each name is a phrase match on the title and page
fields of its language (stemmed there, so "disparitions forcées" matches too), as extra `should`
clauses weighted below the user's own words; and documents whose facet holds the concept score a
constant, since the classifier found them to be about it in whatever language. Words inside quotes or after `-` are not expanded: a
quoted phrase asks for the words as written, an excluded word for less, not more.

`Expander.expansions(q)` is pure once built (`load_expander()` reads config/ once per app);
`title_clauses` and `page_clauses` turn its result into query clauses.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from giai.index_schema import LANGUAGES
from giai.textnorm import normalise

# Thesaurus facets a concept can be offered as a filter for (`term` concepts are no facet).
from portal.vocabulary import THESAURUS_FACETS as FILTER_FACETS

# Expansion clauses weigh this much against the user's own words (weight 1). Chosen with
# benchmarks/relevance.py: high enough that a document naming the concept only in another
# language reaches the first page, low enough that the user's own words rank first.
EXPANSION_BOOST = 0.5
# A document whose facet holds the concept (or country) the query names is about it, whatever its
# language: a constant this large lifts it among documents that only mention the words.
FACET_BOOST = 4.0
COUNTRY_FACET = "country"
# A quoted phrase, or a word excluded with a leading `-`: not expanded.
_NOT_EXPANDED = re.compile(r'"[^"]*"|(?<!\S)-\S+')
# What a leading `-` excludes: a quoted phrase or a word.
_EXCLUDED = re.compile(r'(?<!\S)-("[^"]*"|[^\s"]+)')


@dataclass(frozen=True)
class Expansion:
    """One concept (thesaurus id) or country (ISO code) named in a query.

    `matched`: the query's words that named it; `facet`: the facet it is a value of (offered as a
    filter), None for a legal term that is no facet; `labels`: its preferred name per UI language;
    `terms`: language → every name searched in that language's fields, the matched words' own
    language included (a document there may name the concept without the query's other words)."""

    id: str
    facet: str | None
    matched: str
    labels: Mapping[str, str]
    terms: Mapping[str, tuple[str, ...]]


class Expander:
    """Finds expansions in queries. `thesaurus` is a giai.thesaurus.Thesaurus, `countries` a
    giai.countries.CountryIndex, `country_names` code → language → names."""

    def __init__(self, thesaurus, countries, country_names: Mapping[str, Mapping[str, Sequence[str]]]):
        self._thesaurus = thesaurus
        self._countries = countries
        self._country_names = country_names

    def expansions(self, q: str) -> tuple[Expansion, ...]:
        """The concepts then countries named in `q` outside quotes and exclusions, each once, in
        query order."""
        free = _NOT_EXPANDED.sub(lambda m: " " * len(m.group()), q)
        found: dict[str, Expansion] = {}
        for match in self._thesaurus.find_in_query(free):
            if match.concept_id not in found:
                found[match.concept_id] = self._concept(match.concept_id, match.text)
        for match in self._countries.find_in_query(free):
            if match.code not in found:
                found[match.code] = self._country(match.code, match.text)
        return tuple(e for e in found.values() if e.terms)

    def _concept(self, concept_id: str, matched: str) -> Expansion:
        concept = self._thesaurus.get(concept_id)
        facet = next((f for f in concept.facets if f in FILTER_FACETS), None)
        labels = {lang: self._thesaurus.label(concept_id, lang) for lang in LANGUAGES}
        return Expansion(concept_id, facet, matched, labels, names_by_language(self._thesaurus.labels_of(concept_id)))

    def _country(self, code: str, matched: str) -> Expansion:
        names = self._country_names.get(code, {})
        labels = {lang: (names.get(lang) or names.get("en") or [code])[0] for lang in LANGUAGES}
        return Expansion(code, COUNTRY_FACET, matched, labels, names_by_language(names))


def names_by_language(names: Mapping[str, Sequence[str]]) -> dict[str, tuple[str, ...]]:
    """Per language, the names, each once (case, accents and ё aside)."""
    result: dict[str, tuple[str, ...]] = {}
    for lang in LANGUAGES:
        seen: set[str] = set()
        kept = []
        for name in names.get(lang, ()):
            key = normalise(name)
            if key not in seen:
                seen.add(key)
                kept.append(name)
        if kept:
            result[lang] = tuple(kept)
    return result


def excluded(q: str) -> list[str]:
    """The words and quoted phrases `q` excludes with a leading `-`. The user's own clause obeys
    them; expansion clauses do not see them, so the whole query must exclude them too."""
    return [m.group(1) for m in _EXCLUDED.finditer(q)]


def _phrases(expansions: Sequence[Expansion], field_prefix: str, boost: float) -> list[dict[str, Any]]:
    return [
        {"match_phrase": {f"{field_prefix}_{lang}": {"query": name, "boost": boost}}}
        for expansion in expansions
        for lang, names in expansion.terms.items()
        for name in names
    ]


def title_clauses(expansions: Sequence[Expansion], boost: float = EXPANSION_BOOST) -> list[dict[str, Any]]:
    """Phrase matches of every expansion name on the title field of its language."""
    return _phrases(expansions, "title", boost)


def page_clauses(expansions: Sequence[Expansion], boost: float = EXPANSION_BOOST) -> list[dict[str, Any]]:
    """Phrase matches of every expansion name on the page field of its language (inside the
    `pages` nested query, so matching pages give snippets)."""
    return _phrases(expansions, "pages.text", boost)


def facet_clauses(expansions: Sequence[Expansion], boost: float = FACET_BOOST) -> list[dict[str, Any]]:
    """A constant score for documents whose facet holds an expansion's concept or country
    (documents store a concept's ancestors too, so a child concept's documents count)."""
    return [{"constant_score": {"filter": {"term": {e.facet: e.id}}, "boost": boost}} for e in expansions if e.facet]


def country_names_by_code(triples: Sequence[tuple[str, str, str]]) -> dict[str, dict[str, list[str]]]:
    """code → language → names, from giai.countries.country_names' (code, language, name) triples;
    the CLDR name comes first where there is one, so labels read as in the facet."""
    from giai.countries import name as cldr_name

    by_code: dict[str, dict[str, list[str]]] = {}
    for code, lang, name in triples:
        by_code.setdefault(code, {}).setdefault(lang, []).append(name)
    for code, languages in by_code.items():
        for lang, names in languages.items():
            preferred = cldr_name(code, lang)
            names.sort(key=lambda n: n != preferred)
    return by_code


def load_expander(config_dir: Path | None = None) -> Expander:
    """The expander over config/thesaurus.yaml and config/countries.yaml (~0.3 s: build it once);
    `config_dir` replaces the configured folder (None: giai.settings.CONFIG_DIR)."""
    from giai import countries, thesaurus

    def in_folder(name: str) -> Path | None:
        return config_dir / name if config_dir is not None else None

    concepts = thesaurus.load_thesaurus(in_folder("thesaurus.yaml"))
    names = countries.load_country_names(in_folder("countries.yaml"))
    return Expander(concepts, countries.CountryIndex(names), country_names_by_code(names))
