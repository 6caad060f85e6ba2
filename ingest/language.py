"""Language: which languages a document is written in, page by page, and the passages in another.

The script decides wherever it can, because it is certain and free: Arabic letters are Arabic,
Cyrillic is Russian (Ukrainian when і ї є ґ outnumber ы э ъ ё). Only Latin-script text needs a
statistical guess, and there langdetect chooses among the Latin languages our NGOs publish in,
never among all 55 it knows (measured: "Action and Действия и подход" is Bulgarian to plain
langdetect; split by script it is English and Russian).

What it costs, and where langdetect is called: per page the text is split into words by one
regular expression, which gives each word's script. Passages in another script are fragments by
script alone. Latin text is scored against short lists of function words (microseconds); the
page's language is then langdetect's verdict on a sample of at most 1,000 characters, and a run
of lines whose function words point to another Latin language is confirmed by one more
langdetect call before it becomes a fragment. A Cyrillic or Arabic page never calls langdetect,
and in a long Latin document a page whose function words name a language langdetect already found
on an earlier page takes it without another call. Measured on 2,500-character pages of the sample
corpus: 1.6–1.9 ms for a one-page Latin document, 0.6–0.8 ms a page in longer ones, 0.3 ms for a
Cyrillic or Arabic page (plain langdetect on the whole page: about 9 ms).

The plausible languages: our five (en, fr, es, ru, ar), plus those our members publish in besides
them: German (ECCHR works from Berlin), Dutch (Impunity Watch from Utrecht), Portuguese
(Lusophone Africa and Brazil), Italian, and Ukrainian, where much of today's documentation of
international crimes is written. Leaving them out would not keep them out of the corpus; it
would make langdetect call German text English and Ukrainian Russian.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import langdetect
from langdetect import DetectorFactory
from langdetect.lang_detect_exception import LangDetectException

DetectorFactory.seed = 0  # langdetect samples n-grams at random: a fixed seed makes it repeatable

LATIN_LANGUAGES = ("en", "fr", "es", "de", "it", "pt", "nl")
SAMPLE_CHARACTERS = 1000  # langdetect's answer on a page is settled long before this
MIN_PAGE_LETTERS = 20  # a page with fewer letters takes the document's language
MIN_SHARE = 0.05  # a language with less of the document's letters is not "present"…
MIN_OWN_PAGE_LETTERS = 100  # …unless it is the language of a page with this much text
MIN_FRAGMENT_LETTERS = 8
MIN_LATIN_FRAGMENT_WORDS = 6  # an other-Latin-language run needs this many words to be worth checking
CONFIRMED_VOTES = 8  # function words that let a page take a language langdetect found on an earlier one
MAX_FRAGMENT_CHARACTERS = 2000

_LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"
_CYRILLIC = "\u0400-\u052f"
_ARABIC = "\u0620-\u065f\u066e-\u06d3\u06d5-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc"
_WORD = re.compile(f"(?P<latin>[{_LATIN}]+['\u2019]?)|(?P<cyrillic>[{_CYRILLIC}]+)|(?P<arabic>[{_ARABIC}]+)")
_UKRAINIAN_ONLY = re.compile("[іїєґІЇЄҐ]")
_RUSSIAN_ONLY = re.compile("[ыэъёЫЭЪЁ]")

# Frequent function words; a word may vote for several languages, the distinctive ones decide.
_FUNCTION_WORDS = {
    "en": "the and of to in is that for with was were are by this which be has have on not from it as an or "
    "its their been would should they against who had also these",
    "fr": "de le la les des du et en à a est une un que qui dans pour par sur au aux sont pas ne se été cette "
    "ces avec ont leur il elle ou mais être l' d' qu' n' s' c' j'",
    "es": "de la el en y a los las del que una un por con para se es su sus al lo como más fue han ha este "
    "esta sobre entre también sin o pero no",
    "de": "der die das und in ist nicht zu den dem des ein eine mit von sich auf für im wurde werden auch es "
    "sind bei als nach oder aus wie dass einer",
    "it": "di e il la che in a per un una non è della delle dei degli sono nel nella alla con dal anche come "
    "più questo questa ha hanno gli lo tra essere stato l' d' dell' all' nell' un'",
    "pt": "de a o e que do da em um para com não uma os no se na por mais as dos das ao à foi são também pelo "
    "pela como seu sua",
    "nl": "de en van het een in is dat die niet zijn op te met voor aan werd door ook naar bij wordt worden "
    "deze dit om tot maar hij zij er",
}
_VOTES: dict[str, tuple[str, ...]] = {}
for _language, _words in _FUNCTION_WORDS.items():
    for _word in _words.split():
        _VOTES[_word] = _VOTES.get(_word, ()) + (_language,)


@dataclass(frozen=True)
class Fragment:
    """A passage of page `page` (1-based) in `language`, which is not its page's language."""

    page: int
    language: str
    text: str


@dataclass(frozen=True)
class LanguageReport:
    """The languages of a document.

    `primary`: the language of most of its letters ("" when it has no text and nothing was
    declared); `confidence` in [0, 1]: how sure that verdict is times how much of the text it
    covers; `languages`: every language with a meaningful share (5 % of the letters, or a page
    of its own), primary first; `page_languages`: one per page (a page with too little text to
    tell takes the primary language); `fragments`: passages in another language than their page's;
    `mixed`: more than one language is present or there are fragments.
    """

    primary: str
    confidence: float
    languages: tuple[str, ...]
    page_languages: tuple[str, ...]
    fragments: tuple[Fragment, ...]
    mixed: bool


class _Word(NamedTuple):
    script: str
    text: str
    start: int
    end: int


_Line = tuple[list[_Word], str | None]  # a line's Latin words and their function-word verdict


@dataclass(frozen=True)
class _PageVerdict:
    language: str | None
    confidence: float
    letters: Counter
    fragments: tuple[Fragment, ...]


def detect_languages(pages: Sequence[str], declared: str | None = None) -> LanguageReport:
    """The languages of a document given as the text of its pages, in order.

    `declared` (what the file or its publisher says, e.g. "fr" or "fr-FR") is a hint: it settles a Latin
    page langdetect is unsure about and names the language of a document without text, but it
    never overrides the script or a clear verdict. Deterministic: the same pages give the same
    report."""
    hint = re.split(r"[-_]", declared.strip())[0].lower() if declared and declared.strip() else None
    confirmed: dict[str, float] = {}
    verdicts = [_page_verdict(number, text, hint, confirmed) for number, text in enumerate(pages, start=1)]
    letters: Counter = Counter()
    for verdict in verdicts:
        letters.update(verdict.letters)
    total = sum(letters.values())
    if not total:
        primary = hint or ""
        return LanguageReport(primary, 0.0, (primary,) if primary else (), tuple(primary for _ in pages), (), False)
    primary = max(letters, key=lambda language: (letters[language], language == hint, language))
    confidence = sum(v.confidence * v.letters[primary] for v in verdicts if v.language == primary) / total
    page_languages = tuple(v.language or primary for v in verdicts)
    with_pages = {v.language for v in verdicts if v.language and sum(v.letters.values()) >= MIN_OWN_PAGE_LETTERS}
    present = [lang for lang, count in letters.most_common() if lang == primary or count >= MIN_SHARE * total or lang in with_pages]
    languages = (primary, *sorted((lang for lang in present if lang != primary), key=lambda lang: (-letters[lang], lang)))
    fragments = tuple(fragment for verdict in verdicts for fragment in verdict.fragments)
    return LanguageReport(primary, round(min(confidence, 1.0), 3), languages, page_languages, fragments, len(languages) > 1 or bool(fragments))


def _page_verdict(number: int, text: str, hint: str | None, confirmed: dict[str, float]) -> _PageVerdict:
    """The language of one page, its confidence, its letters per language and its fragments.
    `confirmed` maps the Latin languages langdetect has already found in this document (where
    the function words agreed) to its probability; it grows as pages are read."""
    words = [_Word(match.lastgroup, match.group(), match.start(), match.end()) for match in _WORD.finditer(text)]
    by_script: Counter = Counter()
    for word in words:
        by_script[word.script] += len(word.text)
    if sum(by_script.values()) < MIN_PAGE_LETTERS:
        return _PageVerdict(None, 0.0, Counter(), ())
    script = max(by_script, key=lambda s: (by_script[s], s))
    share = by_script[script] / sum(by_script.values())
    main_words = [w for w in words if w.script == script]
    found: list[tuple[int, Fragment, int]] = []  # (offset, fragment, letters)
    for run in _foreign_runs(words, script):
        language = _run_language(run, text) if _is_fragment(run) else None
        if language:
            found.append((run[0].start, Fragment(number, language, _excerpt(text, run)), _letters(run)))
    if script == "latin":
        language, probability, latin_runs = _latin_page(text, main_words, hint, confirmed)
        confidence = probability * share
        for run, other in latin_runs:
            found.append((run[0].start, Fragment(number, other, _excerpt(text, run)), _letters(run)))
        page_letters = by_script[script] - sum(_letters(run) for run, _ in latin_runs)
    else:
        language = "ar" if script == "arabic" else _cyrillic_language(main_words)
        confidence, page_letters = share, by_script[script]
    letters: Counter = Counter()
    for _, fragment, count in found:
        letters[fragment.language] += count
    if language is not None:
        letters[language] += page_letters
    found.sort(key=lambda item: item[0])
    return _PageVerdict(language, confidence, letters, tuple(fragment for _, fragment, _ in found))


def _letters(words: list[_Word]) -> int:
    return sum(len(w.text) for w in words)


# --- other scripts inside a page ----------------------------------------------------------


def _foreign_runs(words: list[_Word], script: str) -> list[list[_Word]]:
    """Maximal runs of consecutive words in another script than the page's."""
    runs: list[list[_Word]] = []
    current: list[_Word] = []
    for word in words:
        if word.script == script:
            if current:
                runs.append(current)
                current = []
        elif current and current[-1].script != word.script:
            runs.append(current)
            current = [word]
        else:
            current.append(word)
    if current:
        runs.append(current)
    return runs


def _is_fragment(run: list[_Word]) -> bool:
    """A run worth reporting: two words and a few letters at least; in Latin script, three
    words or a function word (a two-word term such as "dolus specialis" is no untranslated
    text), and not a proper name ("Human Rights Watch", an organisation named in its own
    language)."""
    if len(run) < 2 or _letters(run) < MIN_FRAGMENT_LETTERS:
        return False
    if run[0].script != "latin":
        return True
    if len(run) < 3 and not any(w.text.lower() in _VOTES for w in run):
        return False
    significant = [w.text for w in run if len(w.text) >= 3]
    return len(run) > 6 or not all(w[0].isupper() for w in significant)


def _run_language(run: list[_Word], text: str) -> str | None:
    script = run[0].script
    if script == "arabic":
        return "ar"
    if script == "cyrillic":
        return _cyrillic_language(run)
    voted = _function_word_verdict(run, minimum=1)
    if voted:
        return voted
    language, _ = _langdetect(text[run[0].start : run[-1].end], None)
    return language


def _cyrillic_language(words: list[_Word]) -> str:
    ukrainian = sum(len(_UKRAINIAN_ONLY.findall(w.text)) for w in words)
    russian = sum(len(_RUSSIAN_ONLY.findall(w.text)) for w in words)
    return "uk" if ukrainian >= 2 and ukrainian > russian else "ru"


# --- Latin script -------------------------------------------------------------------------


def _latin_page(
    text: str, words: list[_Word], hint: str | None, confirmed: dict[str, float]
) -> tuple[str | None, float, list[tuple[list[_Word], str]]]:
    """The language of a Latin-script page, its probability, and the page's runs of words in
    another Latin language with theirs.

    langdetect decides on a sample of the page, the hint breaking doubt; but a page whose many
    function words clearly name a language langdetect already found on an earlier page of the
    document takes it without asking again (in a long report that is nearly every page)."""
    lines = _latin_lines(text, words)
    votes = _function_word_votes(words)
    page_vote = _verdict(votes, minimum=3)
    if page_vote in confirmed and _verdict(votes, minimum=CONFIRMED_VOTES) == page_vote:
        language, probability = page_vote, confirmed[page_vote]
    else:
        usual = [line for line in lines if line[1] in (None, page_vote)] if page_vote else lines
        language, probability = _langdetect(_sample([w for line in usual for w in line[0]] or words), hint)
        if language is None:
            return None, 0.0, []
        if language == page_vote:
            confirmed.setdefault(language, probability)
    others = []
    for run in _other_language_runs(lines, language):
        run_words = [w for line_words, _ in run for w in line_words]
        other, other_probability = _langdetect(_sample(run_words), None)
        # Both witnesses must agree: the run's function words and langdetect, sure of itself.
        if other != language and other_probability >= 0.9 and other == _function_word_verdict(run_words, minimum=2):
            others.append((run_words, other))
    return language, probability, others


def _latin_lines(text: str, words: list[_Word]) -> list[_Line]:
    """The page's Latin words line by line, each line with its function-word verdict."""
    lines: list[_Line] = []
    current: list[_Word] = []
    line_end = text.find("\n")
    for word in words:
        while line_end != -1 and word.start > line_end:
            if current:
                lines.append((current, _function_word_verdict(current, minimum=2)))
                current = []
            line_end = text.find("\n", line_end + 1)
        current.append(word)
    if current:
        lines.append((current, _function_word_verdict(current, minimum=2)))
    return lines


def _other_language_runs(lines: list[_Line], language: str) -> list[list[_Line]]:
    """Runs of consecutive lines whose function words point away from `language` (lines without
    a verdict between two such lines belong to the run), with enough words to test."""
    runs: list[list[_Line]] = []
    current: list[_Line] = []
    pending: list[_Line] = []
    for line in lines:
        verdict = line[1]
        if verdict is None:
            if current:
                pending.append(line)
            continue
        if verdict != language and (not current or current[-1][1] == verdict):
            current.extend(pending)
            current.append(line)
        else:
            runs.append(current)
            current = [line] if verdict != language else []
        pending = []
    runs.append(current)
    return [run for run in runs if sum(len(words) for words, _ in run) >= MIN_LATIN_FRAGMENT_WORDS]


def _function_word_verdict(words: list[_Word], minimum: int) -> str | None:
    """The Latin language whose function words these are: at least `minimum` of them, and
    clearly more than any other language's; None when the words do not say."""
    return _verdict(_function_word_votes(words), minimum)


def _function_word_votes(words: list[_Word]) -> Counter:
    """Latin language → how many of the words are its function words."""
    votes: Counter = Counter()
    for word in words:
        for language in _VOTES.get(word.text.lower().replace("\u2019", "'"), ()):
            votes[language] += 1
    return votes


def _verdict(votes: Counter, minimum: int) -> str | None:
    """`_function_word_verdict` of words already counted (a page is judged at two thresholds)."""
    if not votes:
        return None
    (first, first_votes), *rest = sorted(votes.items(), key=lambda item: (-item[1], item[0]))
    second_votes = rest[0][1] if rest else 0
    return first if first_votes >= minimum and first_votes >= 1.5 * second_votes + 0.5 else None


def _sample(words: list[_Word]) -> str:
    """Up to SAMPLE_CHARACTERS of the words, taken from the middle of the page where running
    text is (headers and footers sit at its ends)."""
    joined = " ".join(w.text for w in words)
    if len(joined) <= SAMPLE_CHARACTERS:
        return joined
    start = (len(joined) - SAMPLE_CHARACTERS) // 2
    return joined[start : start + SAMPLE_CHARACTERS]


@lru_cache(maxsize=1)
def _latin_factory() -> DetectorFactory:
    """A langdetect factory knowing only the Latin languages we expect (built once per process:
    loading seven profiles takes ~10 ms)."""
    directory = os.path.join(os.path.dirname(langdetect.__file__), "profiles")
    factory = DetectorFactory()
    profiles = []
    for language in LATIN_LANGUAGES:
        with open(os.path.join(directory, language), encoding="utf-8") as handle:
            profiles.append(handle.read())
    factory.load_json_profile(profiles)
    return factory


def _langdetect(text: str, hint: str | None) -> tuple[str | None, float]:
    """langdetect's Latin language for `text` and its probability; `hint` wins when langdetect
    is unsure (below 0.9) and gives it a fair chance (0.1 or more). (None, 0.0) without
    usable text."""
    detector = _latin_factory().create()
    detector.append(text)
    try:
        ranked = detector.get_probabilities()
    except LangDetectException:
        return None, 0.0
    if not ranked:
        return None, 0.0
    best = ranked[0]
    if hint and best.prob < 0.9:
        for candidate in ranked:
            if candidate.lang == hint and candidate.prob >= 0.1:
                return candidate.lang, candidate.prob
    return best.lang, best.prob


def _excerpt(text: str, run: list[_Word]) -> str:
    """The run's passage as written, stretched over the numbers and punctuation around it up
    to the nearest letter or line end ("due in 2025"), whitespace collapsed."""
    start, end = run[0].start, run[-1].end
    while start > 0 and text[start - 1] != "\n" and not text[start - 1].isalpha():
        start -= 1
    while end < len(text) and text[end] != "\n" and not text[end].isalpha():
        end += 1
    passage = " ".join(text[start:end].split())
    return passage if len(passage) <= MAX_FRAGMENT_CHARACTERS else passage[: MAX_FRAGMENT_CHARACTERS - 1] + "…"
