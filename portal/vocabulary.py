"""The values each facet accepts and their labels in every UI language.

One immutable object built once per app from the shared vocabularies (thesaurus, countries,
organisations, languages); params validation and result shaping read it, so tests can build a
small one from plain dictionaries.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from giai.index_schema import FACETS, LANGUAGES, YEAR_FACETS

UI_LOCALES = LANGUAGES
DEFAULT_LOCALE = "en"
THESAURUS_FACETS = ("crime_type", "gender", "doc_type", "body")
# Years are integers, checked by range instead of a list.
YEAR_RANGE = (1000, 2999)


@dataclass(frozen=True)
class Vocabularies:
    """`labels[facet][value][locale]`; `parents[facet][value]` for hierarchical facets."""

    labels: Mapping[str, Mapping[str, Mapping[str, str]]]
    parents: Mapping[str, Mapping[str, str | None]] = field(default_factory=dict)
    # Filled on first use: a results page looks up several hundred labels (its facets).
    _by_locale: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict, init=False, repr=False, compare=False)

    def allows(self, facet: str, value: str) -> bool:
        """Whether `value` is a known value of `facet` (any integer in YEAR_RANGE for year)."""
        if facet in YEAR_FACETS:
            return value.isdigit() and YEAR_RANGE[0] <= int(value) <= YEAR_RANGE[1]
        return value in self.labels.get(facet, {})

    def label(self, facet: str, value: str, locale: str) -> str:
        """The value's label in `locale`, else in English, else the value itself."""
        names = self.labels.get(facet, {}).get(value, {})
        return names.get(locale) or names.get(DEFAULT_LOCALE) or str(value)

    def labels_in(self, facet: str, locale: str) -> Mapping[str, str]:
        """Every known value of `facet` with its `label` in `locale`, built once per facet and locale."""
        key = (facet, locale)
        if key not in self._by_locale:
            self._by_locale[key] = {value: self.label(facet, value, locale) for value in self.labels.get(facet, {})}
        return self._by_locale[key]

    def values(self, facet: str) -> list[str]:
        """Known values of a facet (empty for year), in declaration order."""
        return list(self.labels.get(facet, {}))

    def parent(self, facet: str, value: str) -> str | None:
        return self.parents.get(facet, {}).get(value)


def load_vocabularies() -> Vocabularies:
    """The vocabularies from config/ (thesaurus, countries, organisations) and Babel's languages."""
    from babel import Locale

    from giai import countries, organisations, thesaurus

    labels: dict[str, dict[str, dict[str, str]]] = {facet: {} for facet in FACETS if facet not in YEAR_FACETS}
    parents: dict[str, dict[str, str | None]] = {}
    concepts = thesaurus.load_thesaurus()
    for facet in THESAURUS_FACETS:
        parents[facet] = {}
        for concept in concepts.concepts_in(facet):
            labels[facet][concept] = {loc: concepts.label(concept, loc) for loc in UI_LOCALES}
            # The nearest ancestor in this facet, as the pipeline files them: a concept in two
            # facets may have its parent in one only.
            parents[facet][concept] = next(iter(concepts.ancestors(concept, facet)), None)
    labels["court"] = labels["body"]  # a case's court is a court or body of the thesaurus
    parents["court"] = parents["body"]
    for code in countries.codes():
        labels["country"][code] = {loc: countries.name(code, loc) for loc in UI_LOCALES}
    for slug, org in organisations.organisations_by_slug(organisations.load_organisations()).items():
        labels["organisation"][slug] = {loc: org.name(loc) for loc in UI_LOCALES}
    for code in LANGUAGES:
        labels["language"][code] = {loc: Locale(loc).languages[code] for loc in UI_LOCALES}
    return Vocabularies(labels=labels, parents=parents)
