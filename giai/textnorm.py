"""Normalising text for matching, and finding labelled phrases in it.

`normalise(text)` folds what writers and PDF extractors vary but readers do not: Unicode
compatibility forms (NFKC: ligatures, full-width letters, Arabic presentation forms), case, Latin
diacritics (é → e, ñ → n; Cyrillic й stays й), ё → е, Arabic tashkeel and tatweel, the alef forms
أ إ آ ٱ → ا, ة → ه, ى → ي, apostrophes (’ → '), dashes (– → -), soft hyphens and bidi controls.

`PhraseMatcher` finds phrases (a key such as a concept id or a country code, a language, a label)
in a text, on word boundaries after normalisation, the longest match winning where matches overlap.
It is shared by the thesaurus and the country index; it generates the word forms a label takes in
running text so that configuration files list lexical variants only:

- Latin-script words (optional): singular and plural (-s, -es, -ies, -al/-aux);
- Russian words: the case and number endings of their declension class (пытка → пытки, пыткой,
  пыткам…; насильственное → насильственных…; Сирия → Сирии, Сирией); irregular forms such as
  пыток are listed in the configuration;
- names (Phrase.keep_number) keep their number: "International Criminal Court" does not match
  the generic "international criminal courts";
- Arabic words: with or without the article ال, and text words with the attached prefixes و ف ب ك ل
  and their combinations (وال، بال، لل…);
- words written in capitals in a label (ICC, США, DRC) match only capitals in the text; with
  `respect_capitals`, a capitalised label word (Chad) matches only a capitalised text word (never
  "chad"), except in queries, which users type in lower case.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import accumulate
from typing import Any

# --------------------------------------------------------------------------------------------
# Normalisation

_APOSTROPHES = "\u2019\u2018\u201b\u02bc\u02bb\u0060\u00b4\u2032\u02b9\uff07"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
# Soft hyphen, zero-width and bidi controls, Arabic letter mark, tatweel: present in extracted text,
# invisible to readers.
_INVISIBLE = (
    "\u00ad\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff\u061c\u0640"
)
# Tashkeel (harakat, tanwin, shadda, sukun, hamza marks), superscript alef, Quranic annotation marks.
_ARABIC_MARKS = [chr(c) for c in (*range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE))]
_SPECIAL: dict[str, str] = {
    **{c: "'" for c in _APOSTROPHES},
    **{c: "-" for c in _DASHES},
    **{c: "" for c in _INVISIBLE},
    **{c: "" for c in _ARABIC_MARKS},
    "ё": "е",
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",
    "ة": "ه", "ى": "ي", "ی": "ي", "ک": "ك",
    "œ": "oe", "æ": "ae", "ø": "o", "đ": "d", "ł": "l", "ı": "i",
    # NFKC would turn these into several characters; as separators they need only one.
    "…": ".", "№": "#",
}
# Combining marks that attach to the preceding letter: decomposed Latin accents (PDF extractors
# emit e + U+0301), Cyrillic breve/diaeresis (и + U+0306 is й), Arabic hamza above/below and madda.
_MARKS = "\u0300-\u036f\u0653-\u0655"
# Code points folded eagerly into the translation table; anything else is folded on demand.
_TABLE_RANGES = ((0x0000, 0x3400), (0xFB00, 0x10000))


def _is_latin(char: str) -> bool:
    return unicodedata.name(char, "").startswith("LATIN")


@cache
def _fold_char(char: str) -> str:
    """One character folded: special cases, else NFKC, casefold, Latin diacritics dropped."""
    special = _SPECIAL.get(char)
    if special is not None:
        return special
    kept: list[str] = []
    for c in unicodedata.normalize("NFD", unicodedata.normalize("NFKC", char).casefold()):
        if "\u0300" <= c <= "\u036f" and (not kept or _is_latin(kept[-1])):
            continue
        kept.append(c)
    return "".join(_SPECIAL.get(c, c) for c in unicodedata.normalize("NFC", "".join(kept)))


def _fold_span(span: str) -> str:
    """A character, or a letter followed by combining marks (composed first: и + ̆ → й)."""
    if len(span) == 1:
        return _fold_char(span)
    return "".join(_fold_char(c) for c in unicodedata.normalize("NFC", span))


def _char_class(code_points: Iterable[int]) -> str:
    """A regex character class body for a set of code points, as ranges."""
    points = sorted(code_points)
    parts: list[str] = []
    i = 0
    while i < len(points):
        j = i
        while j + 1 < len(points) and points[j + 1] == points[j] + 1:
            j += 1
        parts.append(re.escape(chr(points[i])) + ("-" + re.escape(chr(points[j])) if j > i else ""))
        i = j + 1
    return "".join(parts)


@cache
def _tables() -> tuple[str, re.Pattern[str], re.Pattern[str]]:
    """(translation table for str.translate, pattern of the characters that change length or lie
    outside the table's ranges, pattern of the spans to fold one by one). Built once per process,
    in ~30 ms. The table is a string indexed by code point (faster than a dict: no lookup misses)
    mapping each character to its one-character folding or to itself."""
    table = [chr(point) for point in range(0x10000)]
    irregular: list[int] = []
    for low, high in _TABLE_RANGES:
        for point in range(low, high):
            if 0xD800 <= point <= 0xDFFF:
                continue
            folded = _fold_char(chr(point))
            if len(folded) == 1:
                table[point] = folded
            else:
                irregular.append(point)
    outside = "".join(f"{re.escape(chr(lo))}-{re.escape(chr(hi - 1))}" for lo, hi in _TABLE_RANGES)
    irregular_pattern = re.compile(f"[{_char_class(irregular)}]|[^{outside}]")
    spans = re.compile(f"[^{_MARKS}][{_MARKS}]+|[{_char_class(irregular)}]|[^{outside}]")
    return "".join(table), irregular_pattern, spans


def normalise(text: str) -> str:
    """The text as matching sees it: NFKC, casefolded, Latin diacritics stripped, ё → е, Arabic
    tashkeel and tatweel removed, alef forms → ا, ة → ه, ى → ي, ’ → ', dashes → -."""
    table, irregular, spans = _tables()
    translated = text.translate(table)
    if translated.isascii() or irregular.search(translated) is None:
        return translated
    return spans.sub(lambda m: _fold_span(m.group()), translated)


# A word of the original text: word characters (but not the modifier letters ʼ ʻ ʹ, which
# normalise to an apostrophe) and the marks and invisible characters that normalisation removes
# from inside words (tashkeel, decomposed accents, soft hyphens, zero-width joiners).
_TOKEN = (
    r"(?:[^\W\u02b9\u02bb\u02bc]"
    r"|[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u00ad\u200b-\u200d\u2060\ufeff])+"
)
_SPLIT = re.compile(f"({_TOKEN})")


def words(text: str) -> tuple[str, ...]:
    """The normalised words of a text, as the matcher compares them: each word of the original
    text normalised (so "Crimes contre l’humanité" → crimes, contre, l, humanite)."""
    return tuple(w for w in map(normalise, _SPLIT.split(text)[1::2]) if w)


# --------------------------------------------------------------------------------------------
# Word forms

_VELAR = "гкх"
_SIBILANT = "жшщч"
# Adjective endings by stem class: (singular of all genders, plural), all cases.
_ADJ_HARD = (("ый", "ой", "ого", "ому", "ым", "ом", "ая", "ую", "ою", "ое"), ("ые", "ых", "ым", "ыми"))
_ADJ_VELAR = (("ий", "ой", "ого", "ому", "им", "ом", "ая", "ую", "ою", "ое"), ("ие", "их", "им", "ими"))
_ADJ_SIBILANT = ((*_ADJ_VELAR[0], "его", "ему", "ем", "ей", "ее"), _ADJ_VELAR[1])
_ADJ_SOFT = (("ий", "его", "ему", "им", "ем", "яя", "юю", "ей", "ею", "ее"), ("ие", "их", "им", "ими"))
# Noun endings by nominative ending: (singular, plural), all cases. Nouns given in the plural
# (ы, и) have no singular here.
_NOUN_ENDINGS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "ия": (("ия", "ии", "ию", "ией", "иею"), ("ии", "ий", "иям", "иями", "иях")),
    "ие": (("ие", "ия", "ию", "ием", "ии"), ("ия", "ий", "иям", "иями", "иях")),
    "а": (("а", "ы", "и", "е", "у", "ой", "ою"), ("ы", "и", "ам", "ами", "ах")),
    "я": (("я", "и", "е", "ю", "ей", "ею"), ("и", "ей", "ям", "ями", "ях")),
    "ь": (("ь", "я", "ю", "ем", "е", "и", "ью"), ("и", "ей", "ям", "ями", "ях")),
    "й": (("й", "я", "ю", "ем", "е"), ("и", "ев", "ям", "ями", "ях")),
    "о": (("о", "а", "у", "ом", "е"), ("а", "ам", "ами", "ах")),
    "ы": ((), ("ы", "ов", "ам", "ами", "ах")),
    "и": ((), ("и", "ов", "ей", "ам", "ям", "ами", "ями", "ах", "ях")),
    "": (("", "а", "у", "ом", "е"), ("ы", "и", "ов", "ей", "ам", "ами", "ах")),
}
_RUSSIAN_VOWELS = "аеёиоуыэюя"


def _adjective_endings(stem: str, nominative: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    if stem[-1] in _VELAR:
        return _ADJ_VELAR
    if stem[-1] in _SIBILANT:
        return _ADJ_SIBILANT
    if nominative in ("ий", "яя", "ее"):
        return _ADJ_SOFT
    return _ADJ_HARD


def _endings(
    paradigm: tuple[tuple[str, ...], tuple[str, ...]], plural_label: bool, keep_number: bool
) -> tuple[str, ...]:
    singular, plural = paradigm
    if not keep_number:
        return singular + plural
    return plural if plural_label else singular


def russian_forms(word: str, keep_number: bool = False) -> frozenset[str]:
    """The case and number forms of a normalised Russian word given in the nominative, generated
    by its declension class (over-generation is harmless: the forms only have to cover the text).
    With `keep_number`, only the forms of the label's own number (a court's name in the singular
    must not match the generic plural: Международные уголовные суды). Words of one or two letters
    (prepositions, conjunctions) are left as they are."""
    if len(word) <= 2:
        return frozenset((word,))
    forms = {word}
    ending2 = word[-2:]
    adjective = ending2 in ("ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые") or (
        ending2 == "ие" and word[-3] in _VELAR + _SIBILANT
    )
    if adjective:
        stem = word[:-2]
        paradigm = _adjective_endings(stem, ending2)
        forms.update(stem + e for e in _endings(paradigm, ending2 in ("ые", "ие"), keep_number))
        # -ий and -ой also end nouns (комментарий, разбой), but not after к г х ж ш щ ч (-ский).
        if ending2 not in ("ий", "ой") or stem[-1] in _VELAR + _SIBILANT:
            return frozenset(forms)
    if ending2 in ("ия", "ие"):
        nominative = ending2
    elif word[-1] in _NOUN_ENDINGS:
        nominative = word[-1]
    elif word[-1] in _RUSSIAN_VOWELS:
        return frozenset(forms)
    else:
        nominative = ""
    stem = word[: len(word) - len(nominative)]
    plural_label = nominative in ("ы", "и")
    endings = _endings(_NOUN_ENDINGS[nominative], plural_label, keep_number)
    if stem[-1] in _VELAR + _SIBILANT:
        endings = tuple(e for e in endings if not e.startswith("ы"))  # пытки, not пыткы
    forms.update(stem + e for e in endings)
    if nominative in ("а", "о", "ы") and len(stem) >= 4 and (plural_label or not keep_number):
        forms.add(stem)  # genitive plural without ending: жертва → жертв, государство → государств
    return frozenset(forms)


def latin_forms(word: str) -> frozenset[str]:
    """Singular and plural of a normalised en/fr/es word: crime ↔ crimes, desaparicion ↔
    desapariciones, immunity ↔ immunities, tribunal ↔ tribunaux."""
    forms = {word}
    if len(word) < 3 or not word.isalpha():
        return frozenset(forms)
    if word.endswith("s") and not word.endswith("ss"):
        if len(word) >= 4:
            forms.add(word[:-1])
        if word.endswith("es") and len(word) >= 5:
            forms.add(word[:-2])
        if word.endswith("ies"):
            forms.add(word[:-3] + "y")
    else:
        forms.add(word + "s")
        if word[-1] not in "aeiouy":
            forms.add(word + "es")
        if word.endswith("y") and word[-2] not in "aeiou":
            forms.add(word[:-1] + "ies")
    if word.endswith("al"):
        forms.add(word[:-2] + "aux")
    elif word.endswith("aux"):
        forms.add(word[:-3] + "al")
    return frozenset(forms)


# Proclitics that attach to an Arabic word: conjunction (و ف), preposition (ب ك ل), article (ال),
# and their combinations; ل + ال is written لل.
_ARABIC_PREFIXES = tuple(
    sorted(
        {c + p + a for c in ("", "و", "ف") for p in ("", "ب", "ك", "ل") for a in ("", "ال") if p + a != "لال"}
        | {"لل", "ولل", "فلل"},
        key=len,
        reverse=True,
    )[:-1]  # drop the empty prefix
)


def arabic_label_forms(word: str, conjunction: bool = False) -> frozenset[str]:
    """A normalised Arabic label word with and without the article; with `conjunction` (a word
    after the first, as in النساء والفتيات), also without an attached و before the article."""
    forms = {word}
    if conjunction and word.startswith("وال") and len(word) > 4:
        word = word[1:]
        forms.add(word)
    if word.startswith("ال") and len(word) > 3:
        forms.add(word[2:])
    return frozenset(forms)


def arabic_candidates(token: str) -> tuple[str, ...]:
    """A normalised Arabic text word and the words left when one attached prefix is removed."""
    found = [token]
    for prefix in _ARABIC_PREFIXES:
        if token.startswith(prefix) and len(token) - len(prefix) >= 2:
            found.append(token[len(prefix) :])
    return tuple(dict.fromkeys(found))


def _script(word: str) -> str:
    first = word[0]
    if "\u0400" <= first <= "\u04ff":
        return "cyrillic"
    if "\u0600" <= first <= "\u06ff":
        return "arabic"
    return "latin"


# --------------------------------------------------------------------------------------------
# Phrase matching


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
_ARABIC_PREFIXED = ("", *_ARABIC_PREFIXES)
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
            if _script(next(iter(keys))) == "arabic":
                keys = frozenset(prefix + key for key in keys for prefix in _ARABIC_PREFIXED)
            for key in keys:
                self._index.setdefault(key, []).append(node)
        return node

    def _forms(self, word: str, position: int, keep_number: bool) -> frozenset[str]:
        script = _script(word)
        if script == "cyrillic":
            return russian_forms(word, keep_number) if self._russian_declinable(word) else frozenset((word,))
        if script == "arabic":
            return arabic_label_forms(word, conjunction=position > 0)
        return latin_forms(word) if self._latin_plurals and not keep_number else frozenset((word,))

    def _words_and_gaps(self, phrase: Phrase) -> tuple[tuple[frozenset[str], ...], tuple[re.Pattern[str], ...]]:
        """Per word of the label, the keys of the text words it accepts; per gap, its pattern."""
        label = phrase.label
        parts = _SPLIT.split(label)
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
        parts = _SPLIT.split(text)  # gap, word, gap, word, …, gap
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
