"""Normalising text for matching.

`normalise(text)` folds what writers and PDF extractors vary but readers do not: Unicode
compatibility forms (NFKC: ligatures, full-width letters, Arabic presentation forms), case, Latin
diacritics (é → e, ñ → n; Cyrillic й stays й), ё → е, Arabic tashkeel and tatweel, the alef forms
أ إ آ ٱ → ا, ة → ه, ى → ي, apostrophes (’ → '), dashes (– → -), soft hyphens and bidi controls.
`words(text)` splits a text into its words and the gaps between them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache

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
# Splits a text into gap, word, gap, word, …, gap (the phrase matcher keeps the gaps).
WORD_SPLIT = re.compile(f"({_TOKEN})")


def words(text: str) -> tuple[str, ...]:
    """The normalised words of a text, as the matcher compares them: each word of the original
    text normalised (so "Crimes contre l’humanité" → crimes, contre, l, humanite)."""
    return tuple(w for w in map(normalise, WORD_SPLIT.split(text)[1::2]) if w)
