"""A PDF's first heading: the lines set larger than the text at the top of its first page, joined.

A title that wraps ("… enforced disappearances in" / "Syria") is one heading in two lines; only
the type size tells where it ends, and the extracted text has lost it. pdfium gives each
character's size and box, so the lines are measured here; their words are then taken from the
page text the extractor produced (whichever it is), matched line by line on their letters, so the
title reads as the pages do (pdfium's own order of right-to-left letters is not always reading
order).
"""

from __future__ import annotations

from collections import Counter
from statistics import median

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

LARGER = 1.15  # a heading is set at least this much larger than the page's running text
SAME_SIZE = 0.08  # lines of one heading differ in size by at most this share
LINE_GAP = 2.2  # …and follow each other within this many times their size
MAX_LINES = 6
MATCH = 0.8  # share of letters a heading line and a text line must have in common
SAMPLED_LETTERS = 3  # letters measured at the start of each line


def pdf_heading(data: bytes, first_page_text: str) -> str | None:
    """The first heading of the PDF in `data` in the words of `first_page_text` (its first page as
    extracted), or None when no line of the first page is set larger than its text, or pdfium
    cannot read it (the title then comes from elsewhere: no reason to refuse the file)."""
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return None
    try:
        first = _measured_lines(document, 0) if len(document) else []
        lines = _heading_lines(first, median(size for _, size, _ in first)) if first else []
        if first and not lines and len(document) > 1:
            # A title page may hold nothing but the title: the running text's size is the next page's.
            following = _measured_lines(document, 1)
            if following:
                lines = _heading_lines(first, median(size for _, size, _ in following))
    except pdfium.PdfiumError:
        return None
    finally:
        document.close()
    if not lines:
        return None
    candidates = [line for line in first_page_text.split("\n") if line.strip()][:20]
    words = [_as_extracted(line, candidates) for line in lines]
    return " ".join(" ".join(words).split()) or None


def _measured_lines(document: pdfium.PdfDocument, index: int) -> list[tuple[float, float, str]]:
    """(top, size, text) of each line pdfium finds on a page, its size and top those of its first
    letters (measuring every letter costs more than the page's extraction)."""
    page = document[index]
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        text = textpage.get_text_range(0, count) if count else ""
        lines: list[tuple[float, float, str]] = []
        start = 0
        for end in [*(i for i, char in enumerate(text) if char == "\n"), len(text)]:
            letters = [i for i in range(start, min(end, count)) if text[i].isalnum()][:SAMPLED_LETTERS]
            words = text[start:end].strip()
            if letters and words:
                size = max(pdfium_c.FPDFText_GetFontSize(textpage.raw, i) for i in letters)
                lines.append((textpage.get_charbox(letters[0])[3], size, words))
            start = end + 1
        return lines
    finally:
        textpage.close()
        page.close()


def _heading_lines(lines: list[tuple[float, float, str]], body: float) -> list[str]:
    """The texts of the top-most run of `lines` set larger than `body` (the running text's size), same size."""
    ordered = sorted(lines, key=lambda line: -line[0])
    for index, (top, size, _) in enumerate(ordered):
        if size >= body * LARGER:
            heading = [ordered[index]]
            for line in ordered[index + 1:index + MAX_LINES]:
                previous_top, previous_size = heading[-1][0], heading[-1][1]
                if abs(line[1] - size) > size * SAME_SIZE or previous_top - line[0] > previous_size * LINE_GAP:
                    break
                heading.append(line)
            return [text for _, _, text in heading]
    return []


def _letters(text: str) -> Counter:
    return Counter(char for char in text.casefold() if char.isalnum())


def _as_extracted(line: str, candidates: list[str]) -> str:
    """The extracted line with the same letters as `line` (whatever their order), else `line`."""
    letters = _letters(line)
    total = sum(letters.values()) or 1
    best, score = line, 0.0
    for candidate in candidates:
        other = _letters(candidate)
        shared = sum((letters & other).values()) / max(total, sum(other.values()))
        if shared > score:
            best, score = candidate, shared
    return best.strip() if score >= MATCH else line
