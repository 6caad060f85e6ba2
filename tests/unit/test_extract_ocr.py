"""Scanned pages: OCR with Tesseract, or an honest `needs_ocr` when it cannot run."""

from pathlib import Path

import pypdfium2 as pdfium
import pytest

from benchmarks.extraction import word_recall
from benchmarks.pdf_producers import document_html, print_pdf, scanned_pdf, source_text
from ingest.extract import extract
from ingest.extract.ocr import detect_script, installed_languages, languages_for_script, usable_languages

pytestmark = pytest.mark.slow  # runs Tesseract (seconds a page)


FIXTURES = Path(__file__).parents[1] / "fixtures" / "extract"
SCANNED = (FIXTURES / "scanned.pdf").read_bytes()  # an image of three lines of text, no text layer


def test_a_scanned_page_is_read_by_tesseract_and_marked_ocr():
    extracted = extract(SCANNED, "scanned.pdf")
    page = extracted.pages[0]
    assert page.ocr is True
    assert "ENFORCED DISAPPEARANCE" in page.text
    assert "working group" in page.text
    assert extracted.needs_ocr is False
    assert extracted.metadata["ocr_pages"] == 1


def test_with_ocr_switched_off_the_scanned_page_is_kept_empty_and_flagged():
    extracted = extract(SCANNED, ocr_languages=None)
    assert [(page.number, page.text, page.ocr) for page in extracted.pages] == [(1, "", False)]
    assert extracted.needs_ocr is True


def test_without_tesseract_on_the_path_the_scanned_page_is_flagged(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    assert installed_languages() == frozenset()
    extracted = extract(SCANNED)
    assert extracted.pages[0].text == ""
    assert extracted.needs_ocr is True


def test_pages_beyond_the_ocr_page_limit_are_flagged_not_dropped():
    extracted = extract(SCANNED, ocr_page_limit=0)
    assert len(extracted.pages) == 1
    assert extracted.needs_ocr is True


def test_pages_with_a_text_layer_are_never_ocr_d():
    extracted = extract((FIXTURES / "report-en.pdf").read_bytes())
    assert not any(page.ocr for page in extracted.pages)


def test_only_installed_tesseract_languages_are_requested():
    assert {"eng", "fra", "rus", "spa", "ara", "osd"} <= installed_languages()
    assert usable_languages("eng+klingon+fra") == "eng+fra"
    assert usable_languages("klingon") is None
    assert usable_languages(None) is None
    assert usable_languages("") is None


# --- the page picks its language data -------------------------------------------------------


@pytest.fixture(scope="module")
def scans(tmp_path_factory) -> dict[str, Path]:
    """The Arabic and Russian sample texts printed by WeasyPrint, then rendered to an image
    without a text layer, as a photocopier makes them."""
    folder = tmp_path_factory.mktemp("scans")
    found = {}
    for language in ("ar", "ru"):
        printed = print_pdf("weasyprint", document_html(source_text(language), page_breaks=()), folder / f"{language}.pdf")
        found[language] = scanned_pdf(printed, folder / f"scanned-{language}.pdf", dpi=300)
    return found


def page_image(path: Path):
    document = pdfium.PdfDocument(path)
    try:
        return document[0].render(scale=300 / 72, grayscale=True).to_pil()
    finally:
        document.close()


@pytest.mark.parametrize(("language", "script", "tesseract"), [("ar", "Arabic", "ara"), ("ru", "Cyrillic", "rus")])
def test_script_detection_picks_the_language_data_of_a_scanned_page(scans, language, script, tesseract):
    detected = detect_script(page_image(scans[language]), dpi=300)
    assert detected == script
    assert languages_for_script("eng+fra+rus+spa+ara", detected) == tesseract


def test_an_unknown_script_keeps_every_configured_language():
    assert languages_for_script("eng+fra+ara", None) == "eng+fra+ara"
    assert languages_for_script("eng+fra", "Arabic") == "eng+fra"
    assert languages_for_script("eng+rus+fra", "Latin") == "eng+fra"


@pytest.mark.parametrize("language", ["ar", "ru"])
def test_a_scanned_arabic_or_russian_page_is_read_in_its_own_language(scans, language):
    extracted = extract(scans[language].read_bytes(), f"scanned-{language}.pdf")
    assert extracted.pages[0].ocr is True
    recall = word_recall(source_text(language).text, extracted.pages[0].text)
    assert recall >= 0.9, recall
