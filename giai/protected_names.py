"""Protected names: the people a document names who must not be identified to outsiders (pure).

A curator or translator of an organisation protects a name, for one document (and its translation
group) or for the organisation's whole collection, with its spellings in the Latin, Cyrillic and
Arabic scripts; `spellings` adds the transliterations a writer is likely to use, so a curator types
one or two. `protect_document` is the protect step the pipeline (at ingestion) and the portal (when
a name is added or removed) run over an indexed document:

- every public field (pages, titles, summary, running headers, file name) gets a stable pseudonym
  such as "[Witness 1]" in the document's language instead of each spelling of each name it holds,
  with the word forms of running text (Russian case endings, Arabic attached prefixes), so a
  non-member's search, snippet, suggestion or export never meets the name;
- the original page text and the spellings go into member-only fields (`protected_text`,
  `protected_names`), which only a query of a member of the organisation searches;
- `protection` (stored, never indexed) keeps the originals, so the step can run again from them
  when names change, and which pseudonym stands for which spelling, so members see the names.

Pseudonyms are numbered per role in the order the names were protected (their ids), among the
names the document holds: re-running the step, or adding a name, never renumbers one shown before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from giai.index_schema import language_field
from giai.phrases import Phrase, PhraseMatcher

ROLES = ("victim", "witness", "relative", "person")
# The pseudonym's word per role and language; "[Witness 1]" reads as a name in running text.
ROLE_WORDS: dict[str, dict[str, str]] = {
    "en": {"victim": "Victim", "witness": "Witness", "relative": "Relative", "person": "Person"},
    "fr": {"victim": "Victime", "witness": "Témoin", "relative": "Proche", "person": "Personne"},
    "ru": {"victim": "Потерпевший", "witness": "Свидетель", "relative": "Родственник", "person": "Лицо"},
    "es": {"victim": "Víctima", "witness": "Testigo", "relative": "Familiar", "person": "Persona"},
    "ar": {"victim": "ضحية", "witness": "شاهد", "relative": "قريب", "person": "شخص"},
}
PSEUDONYM = re.compile(
    r"\[(" + "|".join(sorted({w for words in ROLE_WORDS.values() for w in words.values()}, key=len, reverse=True))
    + r") (\d+)\]"
)
ROLE_OF_WORD = {w: role for words in ROLE_WORDS.values() for role, w in words.items()}

# Cyrillic → Latin: the English-style (BGN/PCGN) and the French-style transliterations, which
# together cover how the five languages' writers spell Russian and Ukrainian names.
_CYR_LAT: dict[str, tuple[str, str]] = {
    "а": ("a", "a"), "б": ("b", "b"), "в": ("v", "v"), "г": ("g", "g"), "д": ("d", "d"), "е": ("e", "e"),
    "ё": ("yo", "io"), "ж": ("zh", "j"), "з": ("z", "z"), "и": ("i", "i"), "й": ("y", "i"), "к": ("k", "k"),
    "л": ("l", "l"), "м": ("m", "m"), "н": ("n", "n"), "о": ("o", "o"), "п": ("p", "p"), "р": ("r", "r"),
    "с": ("s", "s"), "т": ("t", "t"), "у": ("u", "ou"), "ф": ("f", "f"), "х": ("kh", "kh"), "ц": ("ts", "ts"),
    "ч": ("ch", "tch"), "ш": ("sh", "ch"), "щ": ("shch", "chtch"), "ъ": ("", ""), "ы": ("y", "y"), "ь": ("", ""),
    "э": ("e", "e"), "ю": ("yu", "iou"), "я": ("ya", "ia"), "і": ("i", "i"), "ї": ("yi", "yi"), "є": ("ye", "ie"),
    "ґ": ("g", "g"),
}
# Latin → Cyrillic, longest letter groups first (how a Russian text writes a Latin name).
_LAT_CYR = sorted(
    {"shch": "щ", "zh": "ж", "kh": "х", "ts": "ц", "ch": "ч", "sh": "ш", "yu": "ю", "ya": "я", "yo": "ё",
     "a": "а", "b": "б", "c": "к", "d": "д", "e": "е", "f": "ф", "g": "г", "h": "х", "i": "и", "j": "дж",
     "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "q": "к", "r": "р", "s": "с", "t": "т",
     "u": "у", "v": "в", "w": "в", "x": "кс", "y": "й", "z": "з"}.items(),
    key=lambda item: -len(item[0]),
)


@dataclass(frozen=True)
class ProtectedName:
    """One protected person: `id` orders pseudonyms; `spellings` as the curator gave them (the
    first is the name shown to members); `doc_id` None for the organisation's whole collection,
    else the document (and `translation_group`, its language versions)."""

    id: int
    organisation: str
    spellings: tuple[str, ...]
    role: str = "person"
    doc_id: str | None = None
    translation_group: str | None = None

    def applies_to(self, source: Mapping[str, Any]) -> bool:
        """Whether this name protects people in the indexed document `source`."""
        if source.get("organisation") != self.organisation:
            return False
        if self.doc_id is None:
            return True
        group = source.get("translation_group")
        return source.get("id") == self.doc_id or bool(group and group == self.translation_group)


def _script(text: str) -> str:
    for char in text:
        if "\u0400" <= char <= "\u04ff":
            return "cyrillic"
        if "\u0600" <= char <= "\u06ff":
            return "arabic"
    return "latin"


def _to_latin(name: str, style: int) -> str:
    out = []
    for char in name:
        lower = char.lower()
        if lower in _CYR_LAT:
            letters = _CYR_LAT[lower][style]
            out.append(letters.capitalize() if char != lower else letters)
        else:
            out.append(char)
    return "".join(out)


def _to_cyrillic(name: str) -> str:
    out, i, lower = [], 0, name.lower()
    while i < len(name):
        for latin, cyrillic in _LAT_CYR:
            if lower.startswith(latin, i):
                out.append(cyrillic.upper() if name[i].isupper() else cyrillic)
                i += len(latin)
                break
        else:
            out.append(name[i])
            i += 1
    return "".join(out)


def spellings(given: Iterable[str]) -> tuple[str, ...]:
    """The spellings to look for: those given, and the transliterations of Cyrillic ones into
    Latin (two styles) and of Latin ones into Cyrillic. Arabic spellings are only those given
    (its vowels are not written, so no table can guess them)."""
    found: list[str] = []
    for spelling in (" ".join(s.split()) for s in given):
        if not spelling:
            continue
        found.append(spelling)
        script = _script(spelling)
        if script == "cyrillic":
            found += [_to_latin(spelling, 0), _to_latin(spelling, 1)]
        elif script == "latin" and spelling.isascii():
            found.append(_to_cyrillic(spelling))
    return tuple(dict.fromkeys(found))


def pseudonym(role: str, number: int, language: str) -> str:
    """`[Witness 1]` in `language` (English for a language without its words)."""
    words = ROLE_WORDS.get(language, ROLE_WORDS["en"])
    return f"[{words.get(role, words['person'])} {number}]"


def translated(text: str, language: str) -> str:
    """`text` with every pseudonym in `language` (the reader's), whatever language it was stored in."""
    words = ROLE_WORDS.get(language, ROLE_WORDS["en"])
    return PSEUDONYM.sub(lambda m: f"[{words[ROLE_OF_WORD[m.group(1)]]} {m.group(2)}]", text)


def _phrase_language(spelling: str) -> str:
    return {"cyrillic": "ru", "arabic": "ar"}[_script(spelling)] if _script(spelling) != "latin" else "en"


@lru_cache(maxsize=64)
def matcher(names: tuple[ProtectedName, ...]) -> PhraseMatcher:
    """A matcher of every spelling of `names` (key: the name's id), with their running-text forms;
    a name keeps its number (no plural). Kept per set of names: an ingestion meets the same
    organisation's names in document after document."""
    phrases = [
        Phrase(str(name.id), _phrase_language(s), s, keep_number=True)
        for name in names for s in spellings(name.spellings)
    ]
    return PhraseMatcher(phrases)


@dataclass(frozen=True)
class Found:
    """A spelling of a protected name found in a text, at [start, end)."""

    name_id: int
    start: int
    end: int
    text: str


def find_names(text: str, names_matcher: PhraseMatcher) -> list[Found]:
    """Every occurrence of a protected name in `text`, in text order."""
    return [Found(int(hit.phrases[0].key), hit.start, hit.end, text[hit.start:hit.end])
            for hit in names_matcher.find(text)]


def replaced(text: str, found: Sequence[Found], pseudonyms: Mapping[int, str]) -> str:
    """`text` with each found name replaced by its pseudonym."""
    out, at = [], 0
    for item in found:
        out += [text[at:item.start], pseudonyms[item.name_id]]
        at = item.end
    return "".join(out) + text[at:]


def originals(source: Mapping[str, Any]) -> dict[str, Any]:
    """The document's own text before any protection: kept in `protection.original` and
    `protected_text` by an earlier run, else the fields themselves."""
    kept = (source.get("protection") or {}).get("original")
    if kept:
        return {**kept, "pages": list(source.get("protected_text") or [p.get("text", "") for p in source.get("pages") or []])}
    return {
        "title": source.get("title") or "",
        "summary": source.get("summary") or "",
        "furniture": list(source.get("furniture") or []),
        "file_name": (source.get("file") or {}).get("name") or "",
        "pages": [p.get("text", "") for p in source.get("pages") or []],
    }


def protect_document(source: dict[str, Any], names: Sequence[ProtectedName]) -> dict[str, Any]:
    """The document with the names of `names` that apply to it protected (see the module
    docstring); a document none of them names gets its original text back. Other `protection`
    entries (`safe`, `candidates`) are kept."""
    applicable = sorted((n for n in names if n.applies_to(source)), key=lambda n: n.id)
    original = originals(source)
    texts = {"title": [original["title"]], "summary": [original["summary"]], "furniture": original["furniture"],
             "file_name": [original["file_name"]], "pages": original["pages"]}
    names_matcher = matcher(tuple(applicable)) if applicable else None
    found = {key: [find_names(t, names_matcher) if names_matcher and t else [] for t in values]
             for key, values in texts.items()}
    present = {f.name_id for per_field in found.values() for per_text in per_field for f in per_text}
    language = source.get("language") or "en"
    by_id = {n.id: n for n in applicable}
    numbers: dict[str, int] = {}
    pseudonyms: dict[int, str] = {}
    shown: dict[int, str] = {}
    for name in applicable:
        if name.id in present:
            numbers[name.role] = numbers.get(name.role, 0) + 1
            pseudonyms[name.id] = pseudonym(name.role, numbers[name.role], language)
    for per_field in found.values():
        for per_text in per_field:
            for f in per_text:
                shown.setdefault(f.name_id, f.text)
    new = {key: [replaced(t, f, pseudonyms) for t, f in zip(values, found[key], strict=True)] for key, values in texts.items()}
    result = dict(source)
    result["title"] = new["title"][0]
    title_field = language_field("title", source.get("language"))
    if title_field:
        result[title_field] = new["title"][0]
    if original["summary"]:
        result["summary"] = new["summary"][0]
    if original["furniture"]:
        result["furniture"] = new["furniture"]
    if source.get("file"):
        result["file"] = {**source["file"], "name": new["file_name"][0]}
    result["pages"] = [_page_with(page, text) for page, text in zip(source.get("pages") or [], new["pages"], strict=False)]
    kept = {k: v for k, v in (source.get("protection") or {}).items() if k not in ("names", "original")}
    for field in ("protected_text", "protected_names"):
        result.pop(field, None)
    if present:
        result["protected_text"] = original["pages"]
        result["protected_names"] = [s for i in sorted(present) for s in spellings(by_id[i].spellings)]
        kept["names"] = [{"id": i, "pseudonym": pseudonyms[i], "role": by_id[i].role, "shown": shown[i]} for i in sorted(present)]
        kept["original"] = {k: original[k] for k in ("title", "summary", "furniture", "file_name")}
    if kept:
        result["protection"] = kept
    else:
        result.pop("protection", None)
    return result


def _page_with(page: Mapping[str, Any], text: str) -> dict[str, Any]:
    updated = {**page, "text": text}
    field = language_field("text", page.get("language"))
    if field:
        updated[field] = text
    return updated


def revealed(text: str, names: Sequence[Mapping[str, Any]], wrap=lambda shown: shown) -> str:
    """`text` (stored with pseudonyms, in any language) with each pseudonym of `names` (the
    document's `protection.names`) replaced by `wrap(the name as the document spells it)`."""
    if not names or "[" not in text:
        return text
    by_key = {}
    for entry in names:
        match = PSEUDONYM.fullmatch(entry["pseudonym"])
        if match:
            by_key[(ROLE_OF_WORD[match.group(1)], match.group(2))] = entry["shown"]

    def swap(match: re.Match[str]) -> str:
        shown = by_key.get((ROLE_OF_WORD[match.group(1)], match.group(2)))
        return wrap(shown) if shown is not None else match.group(0)

    return PSEUDONYM.sub(swap, text)
