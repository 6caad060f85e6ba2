""""Did you mean": another spelling of the query, made of the index's own words.

Every search asks the term suggester (in the same request) about the words of the page text
(`pages.text.suggest`: elided articles dropped and lower-cased, accents kept, so a correction
restores them): for each word of the query that no document contains, the nearest words that
some do. A word whose alternatives include itself but for accents, ё or Arabic letter forms is not
misspelt (the search folds those) and stays as typed. Each correction replaces the misspelt word
where it was typed, so quotes, `-` and OR survive.

The index holds every document's words, including those the viewer may not see. A suggestion is
therefore offered only after counting, under the viewer's access filter and without expansion,
that the corrected query finds more documents than the query as typed and that each corrected
word is in a document this viewer may read: a restricted document's words never surface.

Pure functions here; `SearchService.suggestion` sends the counts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from giai.access import Viewer
from giai.textnorm import normalise
from portal.search import query
from portal.search.params import SearchParams

SUGGEST_FIELD = "pages.text.suggest"
# Corrected queries tried at most (the best alternative of each word, then the second best, …).
MAX_CANDIDATES = 3
# Alternatives asked per word: more than the candidates, to spot the word itself with accents.
ALTERNATIVES = 5


@dataclass(frozen=True)
class Candidate:
    """A corrected query and the words it put in (each to be checked for visible documents)."""

    text: str
    words: tuple[str, ...]


def suggest_section(q: str) -> dict[str, Any]:
    """The `suggest` part of a search request: corrections of the words of `q` that no document
    contains."""
    return {
        "text": q,
        "words": {
            "term": {
                "field": SUGGEST_FIELD,
                "suggest_mode": "missing",
                "size": ALTERNATIVES,
                "min_word_length": 3,
                "max_edits": 2,
                "prefix_length": 1,
                "sort": "score",
            }
        },
    }


def _cased_like(typed: str, word: str) -> str:
    """`word` written with the capitals of `typed` (Torure → Torture, ICC stays upper)."""
    if typed.isupper() and len(typed) > 1:
        return word.upper()
    if typed[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def candidates(q: str, response: Mapping[str, Any]) -> list[Candidate]:
    """Corrected queries from the answer to `suggest_section`: the best alternative of every
    misspelt word, then the second best, …; none when nothing is misspelt."""
    entries = [e for e in response.get("suggest", {}).get("words", []) if _misspelt(q, e)]
    found: list[Candidate] = []
    for rank in range(MAX_CANDIDATES):
        text, words, end = [], [], 0
        for entry in sorted(entries, key=lambda e: e["offset"]):
            start, end_of_word = _word_span(q, entry)
            option = entry["options"][min(rank, len(entry["options"]) - 1)]["text"]
            word = _cased_like(q[start:end_of_word], option)
            text += [q[end:start], word]
            words.append(word)
            end = end_of_word
        if words:
            candidate = Candidate("".join(text) + q[end:], tuple(words))
            if candidate not in found:
                found.append(candidate)
    return found


def _word_span(q: str, entry: Mapping[str, Any]) -> tuple[int, int]:
    """Where in `q` the word of a suggester entry is: its token's span without an elided article
    (the analyzer turns "l'humanté" into "humanté" but reports the span of both)."""
    start, end = entry["offset"], entry["offset"] + entry["length"]
    word = str(entry["text"])
    if end - start > len(word) and q[start:end].lower().endswith(word):
        start = end - len(word)
    return start, end


def _misspelt(q: str, entry: Mapping[str, Any]) -> bool:
    """Whether a suggester entry corrects a word the search would not find as typed."""
    start, end = _word_span(q, entry)
    typed = normalise(q[start:end])
    options = entry.get("options", [])
    return bool(options) and all(normalise(o["text"]) != typed for o in options)


def count_body(q: str, params: SearchParams, viewer: Viewer) -> dict[str, Any]:
    """How many documents `q` finds for `viewer` under the search's facet filters, without
    expansion (the suggestion's own words must find them)."""
    text_only = SearchParams(q=q, expand=False)
    body_query = query.main_query(text_only, viewer, snippets=False)
    body_query["bool"]["filter"] += query.filters_except(params)
    return {"query": body_query, "size": 0, "track_total_hits": True}


def checks(candidate: Candidate, params: SearchParams, viewer: Viewer) -> list[dict[str, Any]]:
    """Count requests for a candidate: the whole corrected query, then each word it put in."""
    return [count_body(candidate.text, params, viewer),
            *(count_body(word, SearchParams(), viewer) for word in candidate.words)]


def acceptable(counts: Sequence[int], typed: int) -> bool:
    """Whether a candidate whose `checks` counted `counts` beats the query as typed (which found
    `typed` documents, without expansion): more documents, and every corrected word in at least
    one the viewer may see."""
    return bool(counts) and counts[0] > typed and all(n > 0 for n in counts[1:])


def count_requests(found: Sequence[Candidate], params: SearchParams, viewer: Viewer) -> list[dict[str, Any]]:
    """The counts that decide between candidates: the query as typed, then each one's `checks`."""
    bodies = [count_body(params.q, params, viewer)]
    for candidate in found:
        bodies += checks(candidate, params, viewer)
    return bodies


def choose(found: Sequence[Candidate], counts: Sequence[int]) -> str | None:
    """The first candidate that `counts` (answering `count_requests`, in order) approve, else None."""
    typed, start = counts[0], 1
    for candidate in found:
        end = start + 1 + len(candidate.words)
        if acceptable(counts[start:end], typed):
            return candidate.text
        start = end
    return None
