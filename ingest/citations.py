"""The citator's recognition stage: which cases a document cites, and on which page (pure).

A citation is a case number in any court's form (giai/case_numbers.py) or the short name of a
well-known case (config/cases.yaml), filed under the case's key, so every way of citing one case
meets the documents of that case. A document does not cite its own case: a judgment's own number
stands in every running header.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from giai.case_numbers import find_case_numbers
from giai.cases import KnownCases

# A 500-page judgment cites hundreds of cases; the document keeps the first pages each is cited on.
MAX_CITATIONS = 2_000


@dataclass(frozen=True)
class Citation:
    """One occurrence: the case key, the words as written, and their offsets in the page text."""

    case: str
    text: str
    start: int
    end: int


def find_citations(text: str, cases: KnownCases) -> list[Citation]:
    """Every citation in `text`, in reading order: case numbers, then short names where no number
    stands (a name inside a cited number's words is not counted again)."""
    found = [Citation(cases.canonical(n.key), n.text, n.start, n.end) for n in find_case_numbers(text)]
    taken = [(c.start, c.end) for c in found]
    for name in cases.find_names(text):
        if not any(start < name.end and name.start < end for start, end in taken):
            found.append(Citation(name.case.key, name.text, name.start, name.end))
    return sorted(found, key=lambda c: c.start)


def cited_cases(
    pages: Sequence[tuple[int, str]], cases: KnownCases, own_keys: Collection[str] = ()
) -> list[dict[str, object]]:
    """The document's `cites` records: one per case and page, `{case, page, text}` (`text`: the
    first words that cited it there), in page order, leaving out the document's own case keys."""
    records: list[dict[str, object]] = []
    seen: set[tuple[str, int]] = set()
    for number, text in pages:
        for citation in find_citations(text, cases):
            if citation.case in own_keys or (citation.case, number) in seen:
                continue
            seen.add((citation.case, number))
            records.append({"case": citation.case, "page": number, "text": citation.text})
            if len(records) >= MAX_CITATIONS:
                return records
    return records
