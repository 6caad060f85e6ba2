"""A PDF's first heading from the type size of its lines, in the words of the extracted text."""

from __future__ import annotations

from ingest.extract.heading import _as_extracted, _heading_lines, pdf_heading

PAGE = [(780, 9, "Country brief · internal draft"), (740, 20, "Accountability for torture and enforced disappearances in"),
        (716, 20, "Syria"), (690, 14, "A report"), (660, 11, "The text begins here and runs on."),
        (646, 11, "It goes on."), (632, 11, "And on.")]


def test_the_lines_of_one_larger_size_at_the_top_are_the_heading():
    assert _heading_lines(PAGE, 11) == ["Accountability for torture and enforced disappearances in", "Syria"]


def test_a_page_without_larger_lines_has_no_heading():
    assert _heading_lines([line for line in PAGE if line[1] <= 11], 11) == []


def test_a_title_page_measured_against_the_next_pages_text():
    title_page = [(740, 20, "Accountability for torture"), (716, 20, "in Syria")]
    assert _heading_lines(title_page, 20) == [] and _heading_lines(title_page, 11) == [line[2] for line in title_page]


def test_heading_lines_take_the_extracted_words_whatever_the_order_of_pdfiums_letters():
    extracted = ["موجز قطري", "العراق: الاختفاء القسري وحق الأسر في", "نص"]
    assert _as_extracted("في الأسر وحق القسري الاختفاء العراق:", extracted) == "العراق: الاختفاء القسري وحق الأسر في"
    assert _as_extracted("Nothing alike", extracted) == "Nothing alike"


def test_a_file_pdfium_cannot_read_has_no_heading_and_no_error():
    assert pdf_heading(b"%PDF-1.4 broken", "text") is None
