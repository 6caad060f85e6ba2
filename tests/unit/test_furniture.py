"""Running headers, footers and printed page numbers told apart from the page text."""

from __future__ import annotations

import pytest

from ingest.furniture import line_key, page_number, separate_furniture


def pages_with(header, footer, bodies):
    return [f"{header(n)}\n{body}\n{footer(n)}" for n, body in enumerate(bodies, start=1)]


BODIES = [f"Paragraph {n} tells what happened in the {place}.\nWitnesses from {people} spoke to us." for n, (place, people)
          in enumerate([("north", "Rabinal"), ("capital", "Nebaj"), ("highlands", "Cobán"), ("coast", "Escuintla"),
                        ("east", "Zacapa"), ("west", "Huehuetenango")], start=1)]


def test_a_header_and_a_page_x_of_y_footer_leave_every_page():
    pages = pages_with(lambda n: "Guatemala country brief · Impunity Watch · internal draft",
                       lambda n: f"Page {n} of 6", BODIES)
    separated = separate_furniture(pages)
    assert list(separated.pages) == BODIES
    assert separated.furniture == ("Guatemala country brief · Impunity Watch · internal draft",)
    assert separated.labels == (None,) * 6


def test_headers_alternating_between_odd_and_even_pages_and_a_first_page_without_are_found():
    header = {0: "Enforced disappearances · working paper", 1: "Impunity Watch · 2024"}
    pages = [BODIES[0]] + [f"{header[n % 2]}\n{body}\n– {n} –" for n, body in enumerate(BODIES[1:], start=2)]
    separated = separate_furniture(pages)
    assert list(separated.pages) == BODIES
    assert set(separated.furniture) == set(header.values())


def test_a_header_printed_after_the_body_is_found_too():
    # pdfium gives Chromium's header and footer after the page's text.
    pages = [f"{body}\nCountry brief · draft\n{n}" for n, body in enumerate(BODIES, start=1)]
    assert list(separate_furniture(pages).pages) == BODIES


def test_roman_front_matter_gives_printed_labels_beside_the_index():
    numbers = ["", "i", "ii", "1", "2", "3"]
    pages = [f"{body}\n{number}".strip() for body, number in zip(BODIES, numbers)]
    separated = separate_furniture(pages)
    assert list(separated.pages) == BODIES
    assert separated.labels == (None, "i", "ii", "1", "2", "3")


def test_arabic_page_numbers_in_arabic_indic_digits():
    pages = [f"نص الصفحة {word}\nصفحة {digit} من ٣" for word, digit in (("الأولى", "١"), ("الثانية", "٢"), ("الثالثة", "٣"))]
    separated = separate_furniture(pages)
    assert [page.split("\n") for page in separated.pages] == [["نص الصفحة الأولى"], ["نص الصفحة الثانية"], ["نص الصفحة الثالثة"]]
    assert separated.labels == (None, None, None)


def test_body_lines_that_differ_stay():
    pages = ["Introduction\nThe first page.", "Findings\nThe second page."]
    assert separate_furniture(pages).pages == tuple(pages)



def test_a_recurring_scrap_of_a_broken_line_is_not_a_header():
    pages = [f"{body}\nي" for body in BODIES[:3]]
    assert separate_furniture(pages).pages == tuple(pages)


@pytest.mark.parametrize("line, number", [
    ("Page 3 of 11", "3"), ("– 3 –", "3"), ("iii", "iii"), ("- 12 -", "12"), ("Страница 4 из 9", "4"),
    ("Página 2 de 5", "2"), ("صفحة ٣ من ١١", "٣"), ("p. 7", "7"), ("3/11", "3"),
    ("Page three", None), ("In 2023 the court ruled", None), ("vivid", None),
])
def test_page_number_lines(line, number):
    assert page_number(line) == number


def test_lines_compare_without_their_numbers():
    assert line_key("Report 2024 · page 3") == line_key("report 2024 ·  Page 12")


def test_pages_that_repeat_each_other_keep_their_lines():
    lines = ["Submission on crimes against humanity", "The coalition documents persecution.",
             "Witnesses describe torture.", "The authorities have not investigated."]
    pages = ["\n".join(lines), "\n".join(lines[1:])]
    assert separate_furniture(pages).pages == tuple(pages)


def test_a_single_page_loses_only_its_own_page_number():
    assert separate_furniture(["Report on torture\nThe text.\nPage 1 of 1"]).pages == ("Report on torture\nThe text.",)
    assert separate_furniture(["Report\nThe text.\n7"]).pages == ("Report\nThe text.\n7",)
