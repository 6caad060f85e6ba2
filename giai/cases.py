"""Well-known cases (config/cases.yaml): their numbers, names in five languages, and the short
names texts cite them by, found in text with the thesaurus's phrase matcher (giai/textnorm.py).

`load_cases(path)` reads and validates the file; callers keep the result (a worker per run, a
benchmark once). Every case key is what giai/case_numbers.py makes of the case's first number.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from giai.case_numbers import find_case_numbers
from giai.index_schema import LANGUAGES
from giai.phrases import Phrase, PhraseMatcher
from giai.settings import CONFIG_DIR

DEFAULT_PATH = CONFIG_DIR / "cases.yaml"


class CasesError(ValueError):
    """config/cases.yaml is malformed; the message names the case and the problem."""


@dataclass(frozen=True)
class KnownCase:
    """One case: `key` (its first number's), `keys` (every number's), its court (a body id), its
    full names by language and the short names it is cited by."""

    id: str
    key: str
    keys: tuple[str, ...]
    court: str
    numbers: tuple[str, ...]
    names: Mapping[str, str]
    short: tuple[str, ...]

    def name(self, language: str) -> str:
        return self.names.get(language) or self.names["en"]


@dataclass(frozen=True)
class NameCitation:
    """A short name found in text: the case it cites, the words as written, where they stand."""

    case: KnownCase
    text: str
    start: int
    end: int


class KnownCases:
    """The cases of config/cases.yaml, by key and by short name."""

    def __init__(self, cases: Iterable[KnownCase]):
        self.cases = tuple(cases)
        self._by_key = {key: case for case in self.cases for key in case.keys}
        self._matcher = PhraseMatcher(
            (Phrase(case.id, "", name, keep_number=True) for case in self.cases for name in case.short),
            respect_capitals=True,
        )
        self._by_id = {case.id: case for case in self.cases}

    def by_key(self, key: str) -> KnownCase | None:
        """The case one of whose numbers has this key."""
        return self._by_key.get(key)

    def canonical(self, key: str) -> str:
        """The key every citation of the case is filed under: its first number's."""
        case = self._by_key.get(key)
        return case.key if case else key

    def find_names(self, text: str) -> list[NameCitation]:
        """Short names of known cases in `text`, in reading order."""
        return [
            NameCitation(self._by_id[hit.phrases[0].key], text[hit.start : hit.end], hit.start, hit.end)
            for hit in self._matcher.find(text)
        ]


def _case(raw: object, where: str) -> KnownCase:
    if not isinstance(raw, Mapping):
        raise CasesError(f"{where}: expected a mapping")
    cid = str(raw.get("id") or "")
    numbers = tuple(str(n) for n in raw.get("numbers") or ())
    keys: list[str] = []
    for number in numbers:
        found = find_case_numbers(number)
        if len(found) != 1:
            raise CasesError(f"case {cid!r}: {number!r} is not one case number giai/case_numbers.py recognises")
        keys.append(found[0].key)
    names = {str(k): str(v) for k, v in (raw.get("name") or {}).items()}
    short = tuple(str(n) for listed in (raw.get("short") or {}).values() for n in listed)
    if not cid or not keys or "en" not in names or set(names) - set(LANGUAGES) or not short or not raw.get("court"):
        raise CasesError(f"case {cid or where!r}: needs id, court, numbers, name (en at least) and short names")
    return KnownCase(cid, keys[0], tuple(dict.fromkeys(keys)), str(raw["court"]), numbers, names, short)


def load_cases(path: Path | str | None = None) -> KnownCases:
    """The cases of `path` (default: config/cases.yaml), validated; CasesError names a bad one."""
    raw = yaml.safe_load(Path(path or DEFAULT_PATH).read_text(encoding="utf-8")) or {}
    cases = [_case(item, f"case #{i + 1}") for i, item in enumerate(raw.get("cases") or ())]
    seen: dict[str, str] = {}
    for case in cases:
        for key in case.keys:
            if key in seen:
                raise CasesError(f"case {case.id!r}: number {key} is also case {seen[key]!r}'s")
            seen[key] = case.id
    return KnownCases(cases)


@cache
def default_cases() -> KnownCases:
    """The cases of config/cases.yaml, read once per process (the portal's curation)."""
    return load_cases()


def case_keys(numbers: Iterable[str], ecli: str | None, cases: KnownCases) -> list[str]:
    """The keys a document of a case with these numbers (as written) and ECLI is cited under:
    each recognised number's key, the ECLI, and every number of a well-known case among them."""
    keys = [cases.canonical(n.key) for number in numbers for n in find_case_numbers(number)]
    if ecli:
        keys.append(ecli.upper())
    for key in list(keys):
        known = cases.by_key(key)
        keys += list(known.keys) if known else []
    return list(dict.fromkeys(keys))
