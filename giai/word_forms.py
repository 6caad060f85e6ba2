"""The word forms a label takes in running text, so that configuration files list lexical variants
only (the phrase matcher of `giai.phrases` generates them):

- Latin-script words (optional): singular and plural (-s, -es, -ies, -al/-aux);
- Russian words: the case and number endings of their declension class (пытка → пытки, пыткой,
  пыткам…; насильственное → насильственных…; Сирия → Сирии, Сирией); irregular forms such as
  пыток are listed in the configuration;
- Arabic words: with or without the article ال, and text words with the attached prefixes و ف ب ك ل
  and their combinations (وال، بال، لل…).
"""

from __future__ import annotations

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
ARABIC_PREFIXES = tuple(
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
    for prefix in ARABIC_PREFIXES:
        if token.startswith(prefix) and len(token) - len(prefix) >= 2:
            found.append(token[len(prefix) :])
    return tuple(dict.fromkeys(found))


def script_of(word: str) -> str:
    """The script of a word, by its first letter: cyrillic, arabic or latin (anything else)."""
    first = word[0]
    if "\u0400" <= first <= "\u04ff":
        return "cyrillic"
    if "\u0600" <= first <= "\u06ff":
        return "arabic"
    return "latin"
