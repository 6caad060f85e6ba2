"""Scanned pages: OCR with Tesseract, or an honest `needs_ocr` when it cannot run."""

from pathlib import Path

from ingest.extract import extract
from ingest.extract.ocr import installed_languages, usable_languages

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
    assert {"eng", "fra", "rus", "spa", "ara"} <= installed_languages()
    assert usable_languages("eng+klingon+fra") == "eng+fra"
    assert usable_languages("klingon") is None
    assert usable_languages(None) is None
    assert usable_languages("") is None
