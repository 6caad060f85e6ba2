""""Did you mean": another spelling of the query, made of the words of documents the viewer may read.

Every search asks the term suggester (in the same request) about the words of the page text
(`pages.text.suggest`: elided articles dropped and lower-cased, accents kept, so a correction
restores them): for each word of the query, the nearest words of the index. Each correction
replaces the word where it was typed, so quotes, `-` and OR survive.

The index holds every document's words, including those the viewer may not see, and the
suggester cannot filter. So the suggester is asked about every word (`suggest_mode: always`,
with no cap on how common a word may be), and everything that decides is counted under the
viewer's access filter without expansion: a word is misspelt when the viewer finds no document
with it; its alternatives are those the viewer finds documents with, ranked by the suggester's
string similarity (a function of the two words alone) and then by the viewer's count; a corrected
query is offered when it finds the viewer more documents than the query as typed. Whether a
suggestion appears, and which, is thus a function of what the viewer may read (bar the
`ALTERNATIVES` cap on the words the suggester lists per word).

Pure functions here; `SearchService.suggestion` sends the counts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from giai.access import Viewer
from portal.search import query
from portal.search.params import SearchParams

SUGGEST_FIELD = "pages.text.suggest"
# Corrected queries tried at most (the best alternative of each word, then the second best, …).
MAX_CANDIDATES = 3
# Words the suggester lists per word of the query, before the viewer's counts keep the visible ones.
ALTERNATIVES = 10
# Words of a query looked at, at most (each costs a count).
MAX_WORDS = 8
# The suggester's own cap on how common a typed word may be before it is left alone counts
# hidden documents too: no cap.
_ANY_FREQUENCY = 2**31 - 1


@dataclass(frozen=True)
class Word:
    """A word of the query as the suggester saw it: where it was typed, and its alternatives
    as (word, string similarity) pairs."""

    start: int
    end: int
    options: tuple[tuple[str, float], ...]


def suggest_section(q: str) -> dict[str, Any]:
    """The `suggest` part of a search request: the nearest words of the index to each word of
    `q`, whether the index holds the word or not."""
    return {
        "text": q,
        "words": {
            "term": {
                "field": SUGGEST_FIELD,
                "suggest_mode": "always",
                "max_term_freq": _ANY_FREQUENCY,
                "size": ALTERNATIVES,
                "min_word_length": 3,
                "max_edits": 2,
                "prefix_length": 1,
                "sort": "score",
            }
        },
    }


def words(q: str, response: Mapping[str, Any]) -> list[Word]:
    """The words of `q` in the answer to `suggest_section`, in the order typed (at most MAX_WORDS)."""
    entries = sorted(response.get("suggest", {}).get("words", []), key=lambda e: e["offset"])[:MAX_WORDS]
    found = []
    for entry in entries:
        start, end = _word_span(q, entry)
        options = tuple((str(o["text"]), float(o.get("score", 0.0))) for o in entry.get("options", []))
        found.append(Word(start, end, options))
    return found


def _word_span(q: str, entry: Mapping[str, Any]) -> tuple[int, int]:
    """Where in `q` the word of a suggester entry is: its token's span without an elided article
    (the analyzer turns "l'humanté" into "humanté" but reports the span of both)."""
    start, end = entry["offset"], entry["offset"] + entry["length"]
    word = str(entry["text"])
    if end - start > len(word) and q[start:end].lower().endswith(word):
        start = end - len(word)
    return start, end


def count_body(q: str, params: SearchParams, viewer: Viewer) -> dict[str, Any]:
    """How many documents `q` finds for `viewer` under the search's facet filters, without
    expansion (the suggestion's own words must find them)."""
    text_only = SearchParams(q=q, expand=False)
    body_query = query.main_query(text_only, viewer, snippets=False)
    body_query["bool"]["filter"] += query.filters_except(params)
    return {"query": body_query, "size": 0, "track_total_hits": True}


def typed_word_requests(q: str, typed: Sequence[Word], viewer: Viewer) -> list[dict[str, Any]]:
    """Whether the viewer finds each word as typed anywhere they may read (a count of 0 or 1: each
    shard stops at its first match, since every search pays for these)."""
    return [count_body(q[w.start:w.end], SearchParams(), viewer) | {"terminate_after": 1} for w in typed]


def misspelt(typed: Sequence[Word], counts: Sequence[int]) -> list[Word]:
    """The words the viewer finds in no document (`counts` answer `typed_word_requests`)."""
    return [word for word, count in zip(typed, counts) if count == 0]


def alternative_requests(wrong: Sequence[Word], viewer: Viewer) -> list[dict[str, Any]]:
    """A count of each alternative of each misspelt word, anywhere the viewer may read."""
    return [count_body(text, SearchParams(), viewer) for word in wrong for text, _ in word.options]


def visible_alternatives(wrong: Sequence[Word], counts: Sequence[int]) -> list[Word]:
    """The misspelt words with only the alternatives the viewer finds documents with (`counts`
    answer `alternative_requests`), the most similar first, then the most found."""
    kept, position = [], 0
    for word in wrong:
        counted = list(zip(word.options, counts[position:position + len(word.options)]))
        position += len(word.options)
        visible = sorted(((text, score, n) for (text, score), n in counted if n > 0), key=lambda o: (-o[1], -o[2], o[0]))
        kept.append(Word(word.start, word.end, tuple((text, score) for text, score, _ in visible)))
    return kept


def _cased_like(typed: str, word: str) -> str:
    """`word` written with the capitals of `typed` (Torure → Torture, ICC stays upper)."""
    if typed.isupper() and len(typed) > 1:
        return word.upper()
    if typed[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def candidates(q: str, wrong: Sequence[Word]) -> list[str]:
    """Corrected queries: every misspelt word replaced by its best alternative, then by its
    second best, …; a word with no alternative stays as typed; none when nothing can change."""
    correctable = [w for w in wrong if w.options]
    found: list[str] = []
    for rank in range(MAX_CANDIDATES):
        text, end = [], 0
        for word in correctable:
            option = word.options[min(rank, len(word.options) - 1)][0]
            text += [q[end:word.start], _cased_like(q[word.start:word.end], option)]
            end = word.end
        candidate = "".join(text) + q[end:]
        if correctable and candidate not in found:
            found.append(candidate)
    return found


def count_requests(found: Sequence[str], params: SearchParams, viewer: Viewer) -> list[dict[str, Any]]:
    """The counts that decide between candidates: the query as typed, then each candidate."""
    return [count_body(text, params, viewer) for text in (params.q, *found)]


def choose(found: Sequence[str], counts: Sequence[int]) -> str | None:
    """The first candidate that finds more documents than the query as typed (`counts` answer
    `count_requests`), else None."""
    typed = counts[0]
    return next((text for text, n in zip(found, counts[1:]) if n > typed), None)
