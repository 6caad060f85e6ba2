"""Content notes: which pages describe sexual violence, torture or killings in graphic detail (pure).

The rules read config/content_notes.yaml: descriptive word forms per category (the act, the body,
the injury, the instrument) and language, and the thesaurus's labels of the crimes. A page is
flagged when its words reach two descriptive categories, or one and a crime: a page that only
names a crime (a judgment's legal analysis, a programme report) is not. The evidence (the words
found, per category) is kept for curators, who confirm, add or remove a flag; their verdict wins.
Measured by benchmarks/content_notes.py on judged pages (samples/content_notes/).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from giai.phrases import Phrase, PhraseMatcher
from giai.textnorm import normalise, words
from giai.word_forms import arabic_candidates

CONFIG = Path(__file__).resolve().parent.parent / "config" / "content_notes.yaml"
DESCRIPTIVE_NEEDED = 2  # descriptive categories (a crime named counts as one, beside a descriptive one)


@dataclass(frozen=True)
class Vocabulary:
    """Per category and language: whole words, and stems (words beginning so)."""

    exact: dict[str, dict[str, frozenset[str]]]
    stems: dict[str, dict[str, tuple[str, ...]]]
    crimes: PhraseMatcher  # the crimes' labels, with their running-text forms

    def categories_of(self, word: str, language: str) -> set[str]:
        found = set()
        for category, by_language in self.exact.items():
            if word in by_language.get(language, ()) or word.startswith(self.stems[category].get(language, ("\0",))):
                found.add(category)
        return found


def vocabulary_from(data: Mapping[str, Any], crime_labels: Mapping[str, Iterable[str]]) -> Vocabulary:
    """The vocabulary of a parsed content_notes.yaml, with the crimes' labels per language."""
    exact: dict[str, dict[str, frozenset[str]]] = {}
    stems: dict[str, dict[str, tuple[str, ...]]] = {}
    for category, by_language in data["categories"].items():
        exact[category], stems[category] = {}, {}
        for language, forms in by_language.items():
            folded = [normalise(str(f)) for f in forms]
            exact[category][language] = frozenset(f for f in folded if not f.endswith("*"))
            stems[category][language] = tuple(f[:-1] for f in folded if f.endswith("*"))
    crimes = PhraseMatcher((Phrase(label, lang, label) for lang, labels in crime_labels.items() for label in labels),
                           latin_plurals=True)
    return Vocabulary(exact, stems, crimes)


@cache
def load_vocabulary(path: Path = CONFIG) -> Vocabulary:
    from giai.thesaurus import load_thesaurus

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    thesaurus = load_thesaurus()
    labels: dict[str, list[str]] = {}
    for concept in data["thesaurus_concepts"]:
        for language, names in thesaurus.labels_of(concept).items():
            labels.setdefault(language, []).extend(names)
    return vocabulary_from(data, labels)


@dataclass(frozen=True)
class Verdict:
    """`flagged`, and the words found per category (`crime` for the thesaurus's crimes)."""

    flagged: bool
    evidence: dict[str, list[str]]


def judge_page(text: str, language: str, vocabulary: Vocabulary | None = None) -> Verdict:
    """Whether a page in `language` needs a content note, with the evidence."""
    vocabulary = vocabulary or load_vocabulary()
    tokens = words(text)
    evidence: dict[str, list[str]] = {}
    for token in dict.fromkeys(tokens):
        forms = arabic_candidates(token) if language == "ar" else (token,)
        for category in {c for form in forms for c in vocabulary.categories_of(form, language)}:
            evidence.setdefault(category, []).append(token)
    found = vocabulary.crimes.find(text, accept=lambda phrase: phrase.language == language)
    crime_words = {w for hit in found for w in words(text[hit.start:hit.end])}
    # A crime's own name, in any of its forms (torture, изнасилования), is no description of it.
    evidence = {c: kept for c, ts in evidence.items() if (kept := [t for t in ts if t not in crime_words])}
    crimes = list(dict.fromkeys(text[hit.start:hit.end] for hit in found))
    if crimes:
        evidence["crime"] = crimes
    # Two different acts (stripped and raped, hung and beaten) are a description, not a name.
    descriptive = len(evidence) - (1 if crimes else 0) + (1 if len(evidence.get("act", ())) >= 2 else 0)
    flagged = descriptive >= DESCRIPTIVE_NEEDED or (descriptive >= 1 and bool(crimes))
    return Verdict(flagged, evidence)


def flag_pages(pages: list[dict[str, Any]], marks: Mapping[int, bool] | None = None,
               vocabulary: Vocabulary | None = None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The indexed pages with `content_note` set, and the evidence record of every page a rule or
    a curator flagged ({page, source: rule|curator, terms}); `marks` (page → flagged) are curators'
    verdicts, which win over the rules."""
    marks = marks or {}
    flagged_pages, evidence = [], []
    for page in pages:
        number = int(page.get("number", 0))
        verdict = judge_page(page.get("text", ""), page.get("language") or "en", vocabulary)
        flagged = marks.get(number, verdict.flagged)
        terms = sorted({t for ts in verdict.evidence.values() for t in ts})
        if flagged:
            evidence.append({"page": number, "source": "curator" if number in marks else "rule", "terms": terms})
        elif number in marks and verdict.flagged:
            evidence.append({"page": number, "source": "curator", "removed": True, "terms": terms})
        flagged_pages.append({**page, "content_note": bool(flagged)})
    return flagged_pages, evidence


def apply_content_notes(source: dict[str, Any], marks: Mapping[int, bool] | None = None) -> dict[str, Any]:
    """The indexed document with its pages flagged and `content_notes` (the evidence) set."""
    pages, evidence = flag_pages(list(source.get("pages") or []), marks)
    return {**source, "pages": pages, "content_notes": evidence}
