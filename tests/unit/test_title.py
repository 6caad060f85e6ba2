"""Titles: a curator's or publisher's first, a declared title unless it is junk, else the first heading."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ingest.title import choose_title, is_junk

SOURCES = Path(__file__).parents[2] / "samples" / "sources"

# Metadata titles of public real-world PDFs (pypdf's and pdfminer's sample files, the set the
# extraction tests were first measured on), as their Info dictionaries give them.
REAL_WORLD = {
    "AcroForm Test": False,
    "Losing the Cabin": False,
    "There’s No One Right Answer for Fighting Obesity": False,
    "Book1": True,  # Excel's default
    "SoriaComas_DomingoFerrer_Sanchez_Megias_iDP-R2_rev_dmegias-david-josep2.pdf": True,
    "Microsoft Word - font-size-test.docx": True,
    "zen_of_python.txt": True,  # a2ps prints the file name
}
JUNK = [
    "about:blank", "Untitled", "untitled document", "Untitled-1", "Microsoft Word - draft3.docx",
    "Microsoft Word - Rapport annuel 2023", "Normal.dotm", "Template", "Document1", "Slide 1",
    "PowerPoint Presentation", "report_final_v2.docx", r"C:\Users\ana\Desktop\brief.docx",
    "https://example.org/report", "Sans titre", "Без названия", "Sin título", "بدون عنوان", "—", "12",
]


@pytest.mark.parametrize("title, junk", REAL_WORLD.items())
def test_real_world_metadata_titles(title, junk):
    assert is_junk(title) is junk


@pytest.mark.parametrize("title", JUNK)
def test_junk_titles_are_refused(title):
    assert is_junk(title)


def test_no_title_of_the_sample_corpus_is_junk():
    titles = [yaml.safe_load(path.read_text(encoding="utf-8").split("---", 2)[1])["meta"].get("title")
              for path in SOURCES.glob("*/*.md")]
    assert len(titles) >= 70
    assert [t for t in titles if t and is_junk(t)] == []


def test_the_file_name_is_no_title():
    assert is_junk("brief-2021", "brief-2021.pdf") and not is_junk("Brief on Syria", "brief-2021.pdf")


def never() -> str:
    raise AssertionError("the heading was asked for though the title does not depend on it")


def test_the_first_heading_replaces_a_junk_title():
    heading = "Syria: accountability for enforced disappearances in Syria"
    assert choose_title(None, "about:blank", lambda: heading, ["body"], "f.pdf") == heading


def test_a_curators_or_publishers_title_wins_over_both_and_the_heading_is_not_measured():
    assert choose_title("Given", "Declared", never, [], "f.pdf") == "Given"
    assert choose_title(None, "Declared", never, [], "f.pdf") == "Declared"


def test_a_title_in_another_language_than_the_document_gives_way_to_its_heading():
    language_of = {"Country report – final version": "en", "Rapport annuel sur la torture": "fr"}.get
    assert choose_title(None, "Country report – final version", lambda: "Rapport annuel sur la torture", [], "f.pdf",
                        language="fr", language_of=language_of) == "Rapport annuel sur la torture"
    assert choose_title(None, "Country report – final version", never, [], "f.pdf",
                        language="en", language_of=language_of) == "Country report – final version"
    # …but not to a heading in yet another language, nor to none.
    assert choose_title(None, "Country report – final version", lambda: "Rapport annuel sur la torture", [], "f.pdf",
                        language="es", language_of=language_of) == "Country report – final version"
    assert choose_title(None, "Country report – final version", lambda: None, [], "f.pdf",
                        language="fr", language_of=language_of) == "Country report – final version"


def test_without_title_or_heading_the_first_line_then_the_file_name():
    assert choose_title(None, None, lambda: None, ["\n  Real   heading \nbody"], "f.pdf") == "Real heading"
    assert choose_title(None, None, lambda: "Untitled", ["", ""], "report-2021.pdf") == "report-2021"
