"""Page furniture: running headers, footers and printed page numbers, told apart from the text (pure).

A report prints the same header and footer on every page ("Country brief · Impunity Watch ·
internal draft", "Page 3 of 11"); left in the page text, their words match every page of a search,
count once a page for classification and make up a fair share of a short page's language sample.

What counts as furniture is decided per document from the extracted text alone, so it holds for
any extractor: a line at either edge of a page (extractors do not agree on where a header comes
out — pdfium gives Chromium's after the body) that recurs at an edge of another page once numbers
are set aside, read inward from the edge while lines keep being furniture; pages that share most
of their lines are repeated content, and what they share is no furniture. Comparing all pages
together, rather than each with its neighbour, also finds headers that alternate between odd and
even pages and those a first page leaves out. A line that is only a page number ("– 3 –", "iii",
"Page 3 of 11", "صفحة ٣ من ١١") is furniture at an edge when it is the page's own index or when
such lines recur; it gives the page its printed label.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

EDGE_LINES = 4  # lines read inward from each edge of a page: a header or footer is rarely more
MAX_SHARED = 0.5  # two pages sharing more of their lines than this are one content repeated
MIN_LETTERS = 3  # a recurring scrap shorter than this (a letter a broken line left alone) is no header

_ROMAN = r"(?=[mdclxvi])m{0,3}(?:c[md]|d?c{0,3})(?:x[cl]|l?x{0,3})(?:i[xv]|v?i{0,3})"
_PAGE_WORD = r"(?:page|p\.|pp\.|pág\.?|página|pagina|seite|s\.|стр\.?|страница|صفحة|الصفحة)"
_OF_WORD = r"(?:of|sur|de|из|von|من|/)"
_PAGE_NUMBER = re.compile(
    rf"^[\W_]*(?:{_PAGE_WORD}\s*)?(?P<number>\d+|{_ROMAN})(?:\s*{_OF_WORD}\s*\d+)?[\W_]*$", re.IGNORECASE
)
_NUMBERS = re.compile(rf"\d+|\b{_ROMAN}\b", re.IGNORECASE)


@dataclass(frozen=True)
class Separated:
    """A document's pages without their furniture.

    `pages` is each page's text with furniture lines removed (same order and count as given);
    `furniture` the distinct running header and footer lines, as first printed, page numbers left
    out; `labels` each page's printed number when it is not its index (roman front matter, a
    numbering that restarts), else None."""

    pages: tuple[str, ...]
    furniture: tuple[str, ...]
    labels: tuple[str | None, ...]


def page_number(line: str) -> str | None:
    """The number a line that is only a page number prints ("– 3 –" → "3", "Page iv" → "iv"), else None."""
    match = _PAGE_NUMBER.match(" ".join(line.split()))
    return match.group("number") if match and match.group("number") else None


def _as_label(number: str | None) -> str | None:
    """A printed number as a label: digits of any script as 0-9 ("٣" → "3"), roman as printed."""
    return str(int(number)) if number and number.isdigit() else number


def line_key(line: str) -> str:
    """A line as compared across pages: case, spacing and every number set aside."""
    return " ".join(_NUMBERS.sub("#", line).casefold().split())


def _edges(lines: list[str]) -> tuple[list[int], list[int]]:
    """Indexes of the lines near the top and near the bottom of a page, nearest the edge first."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return filled[:EDGE_LINES], filled[::-1][:EDGE_LINES]


def separate_furniture(pages: Sequence[str]) -> Separated:
    """Split each page's text into body and furniture (see the module docstring). A single page
    has nothing to compare with: only its own page number ("1", "Page 1 of 1") leaves it."""
    split = [text.split("\n") for text in pages]
    recurring = _recurring(split)
    furniture: dict[str, str] = {}
    bodies, labels = [], []
    for index, lines in enumerate(split, start=1):
        dropped, label = _furniture_lines(lines, index, recurring)
        for block in _blocks(lines, dropped):
            furniture.setdefault(line_key(block), block)
        bodies.append("\n".join(line for i, line in enumerate(lines) if i not in dropped).strip())
        labels.append(label if label != str(index) else None)
    return Separated(tuple(bodies), tuple(furniture.values()), tuple(labels))


def _recurring(pages: list[list[str]]) -> set[str]:
    """The keys of lines found at an edge of two pages that are otherwise different. Pages that
    share most of their lines repeat content, not furniture (a page printed twice, a slide and its
    build-up): what they share is no header."""
    where: dict[str, list[int]] = defaultdict(list)
    for index, lines in enumerate(pages):
        for key in {line_key(lines[i]) for side in _edges(lines) for i in side}:
            where[key].append(index)
    every = [{line.strip() for line in lines} - {""} for lines in pages]
    recurring = set()
    for key, found in where.items():
        # Neighbours among the pages showing the line, and the next but one (odd and even headers).
        pairs = [*zip(found, found[1:]), *zip(found, found[2:])]
        if any(len(every[a] & every[b]) <= MAX_SHARED * min(len(every[a]), len(every[b])) for a, b in pairs):
            recurring.add(key)
    return recurring


def _blocks(lines: list[str], dropped: set[int]) -> list[str]:
    """The furniture of one page as printed: adjacent lines joined (a header that wrapped), page
    numbers left out."""
    blocks: list[list[str]] = []
    previous = -2
    for i in sorted(dropped):
        if page_number(lines[i]) is not None:
            continue
        if i != previous + 1 or not blocks:
            blocks.append([])
        blocks[-1].append(" ".join(lines[i].split()))
        previous = i
    return [" ".join(block) for block in blocks]


def _furniture_lines(lines: list[str], index: int, recurring: set[str]) -> tuple[set[int], str | None]:
    """The indexes of a page's furniture lines, read inward from each edge, and its printed number."""
    dropped: set[int] = set()
    label = None
    for side in _edges(lines):
        for i in side:
            number = _as_label(page_number(lines[i]))
            repeated = line_key(lines[i]) in recurring
            if number is not None and (repeated or number == str(index)):
                dropped.add(i)
                label = label or number
            elif repeated and sum(char.isalpha() for char in lines[i]) >= MIN_LETTERS:
                dropped.add(i)
            else:
                break
    return dropped, label
