"""The same texts printed to PDF by LibreOffice, Chromium and WeasyPrint (justified, two columns,
hyphenated, a wrapped title, a page turned by /Rotate, a page drawn with a rotated text matrix)
come back word for word and in reading order, whatever the producer and the language."""

from __future__ import annotations

import re

import pytest

from benchmarks.extraction import word_recall, words
from benchmarks.pdf_producers import LANGUAGES, PRODUCERS, source_text
from ingest.extract import extract

pytestmark = pytest.mark.slow  # prints PDFs with LibreOffice, Chromium and WeasyPrint (about 30 s)


CASES = [(producer, language) for producer in PRODUCERS for language in LANGUAGES]


def extracted_pages(path) -> list[str]:
    return [page.text for page in extract(path.read_bytes(), path.name).pages]


def test_every_producer_and_language_reaches_a_word_recall_of_099(producer_pdfs):
    recall = {
        f"{producer}/{language}": word_recall(source_text(language).text, "\n".join(extracted_pages(path)))
        for (producer, language), path in producer_pdfs.items()
    }
    assert set(recall) == {f"{p}/{lang}" for p, lang in CASES}
    assert min(recall.values()) >= 0.99, {key: round(value, 3) for key, value in recall.items() if value < 0.99}


@pytest.mark.parametrize(("producer", "language"), CASES, ids=[f"{p}-{lang}" for p, lang in CASES])
def test_paragraphs_come_out_whole_and_in_order_on_upright_and_turned_pages(producer_pdfs, producer, language):
    # Each page holds whole paragraphs (two columns on the upright page, the next turned by
    # /Rotate, the last drawn rotated): the page's words are the paragraphs' words, in order, so
    # columns were not interleaved and no line was read backwards.
    source = source_text(language)
    pages = extracted_pages(producer_pdfs[producer, language])
    expected = [[source.title, *source.paragraphs[:2]], [source.paragraphs[2]], list(source.paragraphs[3:])]
    assert len(pages) == 3
    for number, (page, paragraphs) in enumerate(zip(pages, expected), start=1):
        # A break the page's words and the dictionary cannot settle keeps its hyphen
        # ("interaméri‐/caine", see test_extract_hyphenation): order is what is tested here.
        unbroken = re.sub("[-\u2010]\n", "", page)
        assert words(unbroken) == words(" ".join(paragraphs)), f"page {number}"
