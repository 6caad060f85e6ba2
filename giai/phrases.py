"""Finding labelled phrases in a text.

`PhraseMatcher` finds phrases (a key such as a concept id or a country code, a language, a label)
in a text, on word boundaries after normalisation (`giai.textnorm`), the longest match winning
where matches overlap. It is shared by the thesaurus and the country index; it matches the word
forms of `giai.word_forms`, and:

- names (Phrase.keep_number) keep their number: "International Criminal Court" does not match
  the generic "international criminal courts";
- words written in capitals in a label (ICC, США, DRC) match only capitals in the text; with
  `respect_capitals`, a capitalised label word (Chad) matches only a capitalised text word (never
  "chad"), except in queries, which users type in lower case.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any

from giai.textnorm import WORD_SPLIT, normalise
from giai.word_forms import (
    ARABIC_PREFIXES,
    arabic_candidates,
    arabic_label_forms,
    latin_forms,
    russian_forms,
    script_of,
)


@dataclass(frozen=True, slots=True)
class Phrase:
    """A label to find: `key` is what the caller wants back (a concept id, a country code)."""

    key: str
    language: str
    label: str
    query_only: bool = False
    # A name (a court's): match its case forms but neither its plural nor, written in the plural,
    # its singular, which are generic ("international criminal courts").
    keep_number: bool = False


@dataclass(frozen=True, slots=True)
class PhraseHit:
    """Where phrases were found: offsets in the original text, and every phrase with that span."""

    start: int
    end: int
    phrases: tuple[Phrase, ...]


@dataclass(slots=True, eq=False)
class _Node:
    """A word position in the trie of phrases: the phrases that end here, and the next words,
    each identified by its gap pattern and its set of keys."""

    phrases: list[Phrase] = field(default_factory=list)
    short_acronym: bool = False
    children: dict[tuple[re.Pattern[str], frozenset[str]], _Node] = field(default_factory=dict)
    # text word key → (pattern the gap before it must match, next node)
    by_key: dict[str, list[tuple[re.Pattern[str], _Node]]] = field(default_factory=dict)

    def child(self, gap: re.Pattern[str], keys: frozenset[str]) -> _Node:
        node = self.children.get((gap, keys))
        if node is None:
            node = self.children[(gap, keys)] = _Node()
            for key in keys:
                self.by_key.setdefault(key, []).append((gap, node))
        return node


# Between two words of a phrase only spaces, hyphens, apostrophes, quotation marks and an
# abbreviation's dot: "crimes  against\nhumanity", "Congo-Kinshasa", "l'humanite", "St. Lucia",
# "U.S.", principe « ne pas nuire »; a comma or an ampersand only where the label has one.
_LIGHT_GAP = re.compile(r"\.?[\s'\-\"«»“”„]+|\.")
_PUNCTUATED_GAP = re.compile(r"\s*[,&]\s*|\.?[\s'\-\"«»“”„]+|\.")
_UPPER, _CAPITAL = "=", "^"  # key prefixes: the text word is in capitals / begins with one
_ARABIC_PREFIXED = ("", *ARABIC_PREFIXES)
_MAX_CACHED = 200_000


class _Memo(dict):
    """A bounded memo of a function of one string (cleared when full: texts' vocabularies are
    Zipfian, so the frequent words come straight back)."""

    def __init__(self, function: Callable[[str], Any]):
        super().__init__()
        self._function = function

    def __missing__(self, key: str) -> Any:
        if len(self) >= _MAX_CACHED:
            self.clear()
        value = self[key] = self._function(key)
        return value


class PhraseMatcher:
    """Finds phrases in text. Built once from the phrases into a trie of words; `find` splits the
    text into words, normalises each distinct word once (memoised), keeps the words that can begin
    a phrase (a set intersection) and walks the trie from those words only."""

    def __init__(
        self,
        phrases: Iterable[Phrase],
        *,
        latin_plurals: bool = False,
        russian_declinable: Callable[[str], bool] = lambda word: True,
        respect_capitals: bool = False,
    ):
        """`latin_plurals`: also match singular/plural of en/fr/es words; `russian_declinable`:
        which Russian label words take case endings (foreign names such as Мали, Конго do not);
        `respect_capitals`: capitalised label words need capitalised text words (outside queries)."""
        self._latin_plurals = latin_plurals
        self._russian_declinable = russian_declinable
        self._respect_capitals = respect_capitals
        self._first: dict[frozenset[str], _Node] = {}  # first word's keys → its node
        self._index: dict[str, list[_Node]] = {}  # text word key → first-word nodes
        self._words = _Memo(normalise)
        self._gaps = _Memo(normalise)
        self._following_keys = _Memo(lambda w: arabic_candidates(w) if "\u0600" <= w[:1] <= "\u06ff" else (w,))
        for phrase in phrases:
            word_keys, gaps = self._words_and_gaps(phrase)
            if not word_keys:
                raise ValueError(f"label {phrase.label!r} ({phrase.key}) has no words")
            node = self._first_node(word_keys[0])
            for keys, gap in zip(word_keys[1:], gaps, strict=True):
                node = node.child(gap, keys)
            node.phrases.append(phrase)
            node.short_acronym = len(word_keys) == 1 and all(k.startswith(_UPPER) and len(k) <= 3 for k in word_keys[0])
        # Text words that can begin a phrase, whatever their capitals: a cheap first filter.
        self._starters = frozenset(key.lstrip(_UPPER + _CAPITAL) for key in self._index)

    def _first_node(self, keys: frozenset[str]) -> _Node:
        node = self._first.get(keys)
        if node is None:
            node = self._first[keys] = _Node()
            # A first word is indexed with the Arabic prefixes attached (والتعذيب), so that text
            # words are looked up as they are; later words strip them from the text word instead.
            if script_of(next(iter(keys))) == "arabic":
                keys = frozenset(prefix + key for key in keys for prefix in _ARABIC_PREFIXED)
            for key in keys:
                self._index.setdefault(key, []).append(node)
        return node

    def _forms(self, word: str, position: int, keep_number: bool) -> frozenset[str]:
        script = script_of(word)
        if script == "cyrillic":
            return russian_forms(word, keep_number) if self._russian_declinable(word) else frozenset((word,))
        if script == "arabic":
            return arabic_label_forms(word, conjunction=position > 0)
        return latin_forms(word) if self._latin_plurals and not keep_number else frozenset((word,))

    def _words_and_gaps(self, phrase: Phrase) -> tuple[tuple[frozenset[str], ...], tuple[re.Pattern[str], ...]]:
        """Per word of the label, the keys of the text words it accepts; per gap, its pattern."""
        label = phrase.label
        parts = WORD_SPLIT.split(label)
        all_capitals = label.isupper()
        keys: list[frozenset[str]] = []
        gaps: list[re.Pattern[str]] = []
        between = ""
        for index in range(1, len(parts), 2):
            token, word = parts[index], normalise(parts[index])
            if not word:
                between += token + parts[index + 1]
                continue
            if keys:
                between = normalise(between)
                gaps.append(_PUNCTUATED_GAP if "," in between or "&" in between else _LIGHT_GAP)
            between = parts[index + 1]
            if all_capitals or (len(token) >= 2 and token.isupper()):
                keys.append(frozenset((_UPPER + word,)))
            elif self._respect_capitals and token[0].isupper():
                keys.append(frozenset(_CAPITAL + form for form in self._forms(word, len(keys), phrase.keep_number)))
            else:
                keys.append(self._forms(word, len(keys), phrase.keep_number))
        return tuple(keys), tuple(gaps)

    def _keys(self, token: str, word: str, query: bool, following: bool) -> tuple[str, ...]:
        """The keys a text word can match: the word itself (after a phrase's first word, also an
        Arabic word without its attached prefix), marked as capitalised if it begins with a
        capital, and as an acronym if it is all capitals. Acronyms need capitals, except in a
        query to a matcher that ignores capitals (people type "icc"); country names keep them
        ("us" is not the US)."""
        keys = self._following_keys[word] if following else (word,)
        capitals = self._respect_capitals
        if token[0].isupper():
            if capitals:
                keys = keys + tuple(_CAPITAL + k for k in keys)
            if token.isupper() or (query and not capitals):
                keys = keys + (_UPPER + word,)
        elif query:
            keys = keys + (tuple(_CAPITAL + k for k in keys) if capitals else (_UPPER + word,))
        return keys

    def find(
        self, text: str, *, query: bool = False, accept: Callable[[Phrase], bool] | None = None
    ) -> list[PhraseHit]:
        """Non-overlapping hits in `text`, in text order. `query`: the text is a search query
        (phrases marked query_only count; capitalisation is not required); `accept`: only phrases
        it accepts count (e.g. some languages)."""
        parts = WORD_SPLIT.split(text)  # gap, word, gap, word, …, gap
        tokens = parts[1::2]
        memo = self._words
        normalised = [memo[token] for token in tokens]
        starters = self._starters
        beginnings = [i for i, word in enumerate(normalised) if word in starters]
        if not beginnings:
            return []
        ends = list(accumulate(map(len, parts)))
        candidates = []
        for i, j, node in self._walk(parts, tokens, normalised, beginnings, query):
            if node.short_acronym and not query and _shouted(tokens, i):
                continue
            phrases = tuple(p for p in node.phrases if (query or not p.query_only) and (accept is None or accept(p)))
            if phrases:
                candidates.append((ends[2 * i], ends[2 * j + 1], phrases))
        return [PhraseHit(start, end, phrases) for start, end, phrases in _longest(candidates)]

    def _walk(
        self, parts: list[str], tokens: list[str], normalised: list[str], beginnings: list[int], query: bool
    ) -> Iterator[tuple[int, int, _Node]]:
        """(first word, last word, node) for every phrase ending at a node reached from a
        beginning word through the trie."""
        following: dict[int, tuple[str, ...]] = {}
        gaps = self._gaps
        count = len(tokens)
        index = self._index
        for i in beginnings:
            token = tokens[i]
            if query or token[0].isupper():
                frontier: dict[_Node, None] = {}
                for key in self._keys(token, normalised[i], query, False):
                    frontier.update(dict.fromkeys(index.get(key, ())))
            else:
                frontier = dict.fromkeys(index.get(normalised[i], ()))
            j = i
            while frontier:
                reached: dict[_Node, None] = {}
                for node in frontier:
                    if node.phrases:
                        yield i, j, node
                    if node.by_key and j + 1 < count:
                        keys = following.get(j + 1)
                        if keys is None:
                            keys = following[j + 1] = self._keys(tokens[j + 1], normalised[j + 1], query, True)
                        gap = gaps[parts[2 * j + 2]]
                        for key in keys:
                            for pattern, child in node.by_key.get(key, ()):
                                if pattern.fullmatch(gap):
                                    reached[child] = None
                frontier = reached
                j += 1


def _shouted(tokens: Sequence[str], i: int) -> bool:
    """Whether a two-letter acronym (US, UK) stands next to a capitalised word of three letters or
    more, as in a heading in capitals (LET US KNOW), where it cannot be told from a word."""
    return any(0 <= j < len(tokens) and len(tokens[j]) >= 3 and tokens[j].isupper() for j in (i - 1, i + 1))


def _longest(candidates: list[tuple[int, int, tuple[Phrase, ...]]]) -> list[tuple[int, int, tuple[Phrase, ...]]]:
    """Longest first, then leftmost: keep matches that overlap none kept before; matches with the
    same span as a kept one add their phrases to it. Returned in text order."""
    starts: list[int] = []
    kept: list[list] = []
    for start, end, phrases in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
        index = bisect_left(starts, start)
        if index < len(kept) and kept[index][0] == start and kept[index][1] == end:
            same = kept[index]
            same[2] = same[2] + tuple(p for p in phrases if p not in same[2])
            continue
        if (index > 0 and kept[index - 1][1] > start) or (index < len(kept) and kept[index][0] < end):
            continue
        starts.insert(index, start)
        kept.insert(index, [start, end, phrases])
    return [(start, end, phrases) for start, end, phrases in kept]
