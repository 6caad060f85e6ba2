"""Countries named in text, as ISO 3166-1 alpha-2 codes.

The names are Babel's (CLDR) territory names in en, fr, ru, es and ar, plus the aliases CLDR lacks
from config/countries.yaml (DRC, RDC, ДРК, Burma, Gaza…), minus the CLDR names that are also common
words there (fr "La Réunion" is a meeting). Matching uses giai.phrases: case and accents aside,
but a name written with capitals needs capitals in the text ("Chad", never "chad"; the acronyms
US, DRC, США only in capitals), Russian names take their case endings (Украине, Сирии; foreign
names such as Мали, Конго do not decline), Arabic names their attached prefixes (وسوريا, بالعراق).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from babel import Locale, UnknownLocaleError

from giai.index_schema import LANGUAGES
from giai.phrases import Phrase, PhraseMatcher
from giai.settings import CONFIG_DIR
from giai.textnorm import words

DEFAULT_PATH = CONFIG_DIR / "countries.yaml"
# CLDR territories that are not countries: the European Union and eurozone, the United Nations,
# outlying Oceania, the unknown region, pseudo-locales, and the codes ISO 3166-1 only reserves
# (Ascension, Clipperton, Sark, Diego Garcia, Ceuta and Melilla, the Canaries, Tristan da Cunha).
# Kosovo's XK is kept: not ISO-assigned, but what the EU, the UN and CLDR use.
_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB", "AC", "CP", "CQ", "DG", "EA", "IC", "TA"})
# How each language writes "&" in a CLDR name: "Bosnia & Herzegovina" is written with "and".
_AND = {"en": "and", "fr": "et", "ru": "и", "es": "y", "ar": "و"}


class CountryConfigError(ValueError):
    """config/countries.yaml is malformed or leaves a name pointing at two countries."""


@dataclass(frozen=True, slots=True)
class CountryMatch:
    """A country named in a text: its code, the words as written, their offsets."""

    code: str
    text: str
    start: int
    end: int


@cache
def codes() -> tuple[str, ...]:
    """The country codes (ISO 3166-1 alpha-2, upper case, plus XK), sorted."""
    return tuple(
        sorted(c for c in Locale("en").territories if len(c) == 2 and c.isalpha() and c not in _NOT_COUNTRIES)
    )


@cache
def _territories(locale: str) -> Mapping[str, str]:
    try:
        return Locale.parse(locale.replace("-", "_")).territories
    except (UnknownLocaleError, ValueError):
        return {}


def name(code: str, locale: str = "en") -> str:
    """The country's name in `locale` (Babel), else in English, else the code itself."""
    return _territories(locale).get(code) or _territories("en").get(code) or code


def _declinable_ru(word: str) -> bool:
    """Whether a Russian name word takes case endings: foreign names ending in a vowel other than
    а/я do not (Мали, Конго, Перу, Кабо-Верде); Russian adjectives and -ство nouns do."""
    if word[-1] not in "оеиуюэ":
        return True
    return word.endswith(("ое", "ее", "ые", "ие", "ство"))


def _cldr_variants(label: str, lang: str) -> list[str]:
    """Matchable forms of a CLDR name: "Myanmar (Burma)" → Myanmar (parentheses qualify, the
    aliases give the alternatives); "St. Kitts & Nevis" → also "St. Kitts and Nevis", "Saint Kitts
    and Nevis"; ru "о-ва Кука" → also "острова Кука"."""
    base = label.split("(")[0].strip()
    variants = [base]
    if " & " in base:
        variants.append(base.replace(" & ", f" {_AND[lang]} "))
    if lang == "en" and base.startswith("St. "):
        variants += ["Saint " + v[4:] for v in variants]
    if lang == "ru" and ("о-в " in base or "о-ва " in base):
        variants.append(base.replace("о-ва ", "острова ").replace("о-в ", "остров "))
    return [v for v in variants if words(v)]


class CountryIndex:
    """Country names in five languages, matched in text. Build with `load_countries`."""

    def __init__(self, names: Iterable[tuple[str, str, str]]):
        """`names`: (code, language, name) triples; a name must not stand for two codes."""
        self._matcher = PhraseMatcher(
            (Phrase(code, lang, label) for code, lang, label in names),
            russian_declinable=_declinable_ru,
            respect_capitals=True,
        )

    def find(self, text: str) -> list[CountryMatch]:
        """Countries named in a document's text, in text order (the longest name wins: South
        Sudan, not Sudan)."""
        return self._matches(text, query=False)

    def find_in_query(self, query: str) -> list[CountryMatch]:
        """Countries named in a search query, where names may be typed in lower case ("syria");
        acronyms still need capitals ("us" is not the US)."""
        return self._matches(query, query=True)

    def _matches(self, text: str, query: bool) -> list[CountryMatch]:
        return [
            CountryMatch(phrase.key, text[hit.start : hit.end], hit.start, hit.end)
            for hit in self._matcher.find(text, query=query)
            for phrase in _distinct_keys(hit.phrases)
        ]


def _distinct_keys(phrases: Iterable[Phrase]) -> list[Phrase]:
    seen: dict[str, Phrase] = {}
    for phrase in phrases:
        seen.setdefault(phrase.key, phrase)
    return list(seen.values())


def _names_by_language(value: Any, where: str) -> dict[str, list[str]]:
    if not isinstance(value, dict) or set(value) - set(LANGUAGES):
        raise CountryConfigError(f"{where}: expected a mapping of {LANGUAGES} to lists of names")
    for lang, listed in value.items():
        if not isinstance(listed, list) or not all(isinstance(n, str) and words(n) for n in listed):
            raise CountryConfigError(f"{where}.{lang}: expected a list of names")
    return value


def country_names(config: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    """(code, language, name) for every name to match: CLDR's, less `exclude`, plus `aliases`
    (an alias wins over a CLDR name with the same words). CountryConfigError for an unknown code
    or a name left standing for two countries."""
    known = set(codes())
    aliases = config.get("aliases") or {}
    if not isinstance(aliases, dict):
        raise CountryConfigError("aliases: expected a mapping of country codes")
    excluded = {
        words(n) for listed in _names_by_language(config.get("exclude") or {}, "exclude").values() for n in listed
    }
    owner: dict[tuple[str, ...], str] = {}
    names: dict[tuple[str, ...], list[tuple[str, str, str]]] = {}
    for code, by_language in aliases.items():
        if code not in known:
            raise CountryConfigError(f"aliases: {code!r} is not a country code (ISO 3166-1 alpha-2, upper case)")
        for lang, listed in _names_by_language(by_language, f"aliases.{code}").items():
            for alias in listed:
                key = words(alias)
                if owner.setdefault(key, code) != code:
                    raise CountryConfigError(f"aliases: {alias!r} is given for {owner[key]} and {code}")
                names.setdefault(key, []).append((code, lang, alias))
    from_aliases = set(names)
    clashes = []
    for lang in LANGUAGES:
        territories = Locale(lang).territories
        for code in codes():
            for variant in _cldr_variants(territories.get(code, ""), lang) if code in territories else ():
                key = words(variant)
                if key in excluded or key in from_aliases:
                    continue
                if owner.setdefault(key, code) != code:
                    clashes.append(f"{variant!r} ({lang}) names {owner[key]} and {code}")
                    continue
                names.setdefault(key, []).append((code, lang, variant))
    if clashes:
        listing = "; ".join(clashes)
        raise CountryConfigError(f"names standing for two countries (add an alias or exclude one): {listing}")
    return [entry for listed in names.values() for entry in listed]


def load_country_names(path: Path | str | None = None) -> list[tuple[str, str, str]]:
    """`country_names` of the aliases file (default: config/countries.yaml), for a caller that
    needs the names as well as the index: the file is parsed once."""
    source = Path(path) if path is not None else DEFAULT_PATH
    with source.open(encoding="utf-8") as handle:
        config = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    try:
        return country_names(config)
    except CountryConfigError as exc:
        raise CountryConfigError(f"{source}: {exc}") from None


def load_countries(path: Path | str | None = None) -> CountryIndex:
    """The country index from CLDR and the aliases file (default: config/countries.yaml).
    Takes ~0.1 s: build it once and keep it."""
    return CountryIndex(load_country_names(path))
