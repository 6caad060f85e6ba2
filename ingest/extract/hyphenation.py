"""Words hyphenated at a line end joined again: "disap-\\npearance" → "disappearance".

A soft hyphen (U+00AD) says the word was broken by the layout: the halves are always joined. A
visible hyphen (-, ‐ U+2010, or the mark pdfium puts on any hyphen it finds at a line end, which
`pdf.normalise_text` makes "-") before a line break is ambiguous ("Inter-\\nAmerican" keeps its
hyphen): the halves are joined only when the joined word occurs elsewhere on the page or is in
the Hunspell dictionary of the page's language (Debian's hunspell-* packages, read with spylls,
loaded on first need).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from pathlib import Path

HUNSPELL = Path("/usr/share/hunspell")
# The dictionary of each language whose words are hyphenated (Arabic script is not).
DICTIONARIES = {"en": "en_US", "fr": "fr_FR", "es": "es_ES", "ru": "ru_RU"}

_SOFT_BREAK = re.compile(r"(\w)\u00ad[ \t]*\n[ \t]*(\w)")
_HYPHEN_BREAK = re.compile(r"(\w+)[-\u2010]\n[ \t]*(\w+)")  # lines come right-trimmed
_WORD = re.compile(r"\w+")


def join_hyphenated(text: str, language_of: Callable[[str], str | None] | None = None) -> str:
    """`text` with words hyphenated at line ends joined (see the module's docstring).

    `language_of(text)` names the page's language (ISO 639-1) for the dictionary look-up; it is
    called only when a break is left that the page's own words do not settle."""
    # Most pages have no break at all: finding that out costs a substring search, not a regex.
    if "\u00ad" not in text and "-\n" not in text and "\u2010\n" not in text:
        return text
    text = _SOFT_BREAK.sub(r"\1\2", text)
    breaks = list(_HYPHEN_BREAK.finditer(text))
    if not breaks:
        return text
    vocabulary = {word.casefold() for word in _WORD.findall(text)}
    language: list[str | None] = []

    def in_dictionary(word: str) -> bool:
        if not language:
            language.append(language_of(text) if language_of else None)
        dictionary = _dictionary(DICTIONARIES.get(language[0] or "", ""))
        return dictionary is not None and (dictionary.lookup(word) or dictionary.lookup(word.lower()))

    def join(match: re.Match) -> str:
        first, second = match.group(1), match.group(2)
        word = first + second
        if word.casefold() in vocabulary or in_dictionary(word):
            return word  # the two lines become one, as the soft breaks do
        return match.group(0)

    return _HYPHEN_BREAK.sub(join, text)


@functools.lru_cache(maxsize=len(DICTIONARIES))
def _dictionary(name: str):
    if not name or not (HUNSPELL / f"{name}.dic").is_file():
        return None
    from spylls.hunspell import Dictionary

    return Dictionary.from_files(str(HUNSPELL / name))
