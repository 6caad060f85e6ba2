"""Names to propose for protection: person names near the words that say someone is a victim,
witness, survivor, complainant or relative, in the five languages (pure rules, nothing downloaded).

A candidate is only a proposal: it goes into the curators' review queue with the words around it,
and is protected only when a curator accepts it. Latin and Cyrillic names are runs of two to five
capitalised words (particles such as de, al, ben, van between them) within a few words of a
trigger; Arabic, which has no capitals, takes the two or three words after a trigger that are not
common words, after an optional المدعو/المدعوة ("the one named").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from giai.textnorm import normalise

# Forms of the trigger words (normalised, stems end in *): victim, witness, survivor,
# complainant/applicant, relative (mother, father, wife, husband, son, daughter, brother, sister).
TRIGGERS: dict[str, tuple[str, ...]] = {
    "en": ("victim*", "witness*", "survivor*", "complainant*", "applicant*", "plaintiff*", "mother", "father",
           "wife", "husband", "son", "daughter", "brother", "sister", "widow*", "detainee*"),
    "fr": ("victime*", "temoin*", "survivant*", "plaignant*", "requerant*", "partie", "mere", "pere", "epouse",
           "epoux", "mari", "fils", "fille", "frere", "soeur", "veuve*", "detenu*"),
    "ru": ("жертв*", "потерпевш*", "свидетел*", "выживш*", "заявител*", "истц*", "истец", "мать", "матери", "отец",
           "отца", "жена", "жены", "муж", "мужа", "сын*", "доч*", "брат*", "сестр*", "вдов*", "задержанн*"),
    "es": ("victima*", "testigo*", "sobreviviente*", "superviviente*", "denunciante*", "demandante*", "madre",
           "padre", "esposa", "esposo", "hijo*", "hija*", "hermano*", "hermana*", "viuda*", "detenid*"),
    "ar": ("ضحي*", "الضحي*", "شاهد*", "الشاهد*", "شهود", "الشهود", "ناج*", "الناج*", "مشتك*", "المشتك*", "مدع*",
           "المدع*", "والد*", "ام", "اب", "زوج*", "ابن*", "ابنه*", "شقيق*", "اخ*", "ارمل*", "معتقل*", "المعتقل*"),
}
PARTICLES = frozenset({"de", "del", "la", "da", "van", "von", "al", "el", "bin", "ben", "ibn", "abu", "y", "di", "du"})
# Arabic words that follow a trigger but are no name: pronouns, prepositions, common verbs.
ARABIC_COMMON = frozenset(normalise(w) for w in (
    "في", "من", "على", "إلى", "عن", "أن", "إن", "التي", "الذي", "الذين", "قال", "قالت", "هو", "هي", "كان", "كانت",
    "أمام", "لدى", "بعد", "قبل", "مع", "وقد", "قد", "لم", "ما", "هذا", "هذه", "ذلك", "تلك", "كما", "أيضا", "الأولى",
    "الأول", "الثاني", "الثانية", "رقم", "المدعو", "المدعوة", "السيد", "السيدة", "عندما", "أنه", "أنها", "بأن",
))
WINDOW = 6  # words between a trigger and a name
_WORD = re.compile(r"[^\W\d_][^\W\d_'’\-]*", re.UNICODE)
_TITLES = frozenset({"mr", "mrs", "ms", "dr", "m", "mme", "mlle", "sr", "sra", "г-н", "г-жа", "господин", "госпожа"})


@dataclass(frozen=True)
class Candidate:
    """A name proposed for protection, with the page and the words around it."""

    name: str
    page: int
    context: str


@lru_cache(maxsize=16)
def _trigger_forms(forms: tuple[str, ...]) -> tuple[frozenset[str], tuple[str, ...]]:
    """(whole words, stems) of a language's triggers."""
    return frozenset(f for f in forms if not f.endswith("*")), tuple(f[:-1] for f in forms if f.endswith("*"))


@lru_cache(maxsize=50_000)
def _folded(word: str) -> str:
    return normalise(word)


def _is_trigger(word: str, forms: tuple[str, ...]) -> bool:
    folded = _folded(word)
    exact, stems = _trigger_forms(forms)
    return folded in exact or folded.startswith(stems)


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and not word.isupper() and normalise(word) not in _TITLES


def _joined(text: str, left: re.Match[str], right: re.Match[str]) -> bool:
    """Only spaces (or a hyphen) between two words: a name does not run across punctuation."""
    return text[left.end():right.start()].strip(" -\u00a0") == ""


def _latin_cyrillic_names(text: str, words: list[re.Match[str]], triggers: set[int]) -> Iterable[tuple[int, int]]:
    """(first, last) word positions of capitalised runs of 2-5 words near a trigger."""
    i = 0
    while i < len(words):
        if not _capitalised(words[i].group()) or i in triggers:
            i += 1
            continue
        j = i
        while j + 1 < len(words) and _joined(text, words[j], words[j + 1]) and (
            _capitalised(words[j + 1].group())
            or (words[j + 1].group().lower() in PARTICLES and j + 2 < len(words) and _capitalised(words[j + 2].group()))
        ) and j - i < 4:
            j += 1
        # a sentence's first word is capitalised too: it must not start a name alone
        if j > i and any(abs(t - i) <= WINDOW or abs(t - j) <= WINDOW for t in triggers):
            yield i, j
        i = j + 1


def _arabic_names(words: list[re.Match[str]], triggers: set[int]) -> Iterable[tuple[int, int]]:
    for t in sorted(triggers):
        k = t + 1
        while k < len(words) and normalise(words[k].group()) in ("المدعو", "المدعوه", "السيد", "السيده"):
            k += 1
        run = k
        while run < len(words) and run - k < 3 and normalise(words[run].group()) not in ARABIC_COMMON \
                and not _is_trigger(words[run].group(), TRIGGERS["ar"]) and len(words[run].group()) > 2:
            run += 1
        if run - k >= 2:
            yield k, run - 1


def find_candidates(pages: Sequence[dict], language_of=lambda page: page.get("language") or "en",
                    known: Iterable[str] = ()) -> list[Candidate]:
    """Proposed names on the pages (indexed page records: number, language, text), each once per
    document (its first page), without names already protected (`known`, any spelling)."""
    seen = {normalise(k) for k in known}
    found: list[Candidate] = []
    for page in pages:
        text, language = page.get("text", ""), language_of(page)
        words = list(_WORD.finditer(text))
        forms = TRIGGERS.get(language, TRIGGERS["en"])
        triggers = {i for i, w in enumerate(words) if _is_trigger(w.group(), forms)}
        if not triggers:
            continue
        spans = _arabic_names(words, triggers) if language == "ar" else _latin_cyrillic_names(text, words, triggers)
        for first, last in spans:
            start, end = words[first].start(), words[last].end()
            name = text[start:end]
            if normalise(name) in seen:
                continue
            seen.add(normalise(name))
            context = text[max(0, start - 60):end + 60].replace("\n", " ")
            found.append(Candidate(name, int(page.get("number", 0)), context))
    return found
