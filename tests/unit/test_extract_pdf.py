"""PDF extraction: pages, metadata, encryption, damage, and Arabic made by a word processor."""

import re
import unicodedata
from pathlib import Path

import pytest

from ingest.extract import PDF, ExtractionError, extract
from ingest.extract.pdf import normalise_text, pdf_date
from ingest.extract.result import language_from_tag
from ingest.title import clean_title

FIXTURES = Path(__file__).parents[1] / "fixtures" / "extract"
SAMPLE_CORPUS = Path(__file__).parents[2] / "samples" / "corpus"
PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def minimal_pdf(*contents: bytes, info: bytes = b"") -> bytes:
    """A valid PDF with one page per content stream, Helvetica as font /F1."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = []
    for content in contents:
        page_number = len(objects) + 1
        kids.append(b"%d 0 R" % page_number)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
            b"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>"
            % (page_number + 1)
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
    if info:
        objects.append(info)
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    info_ref = b" /Info %d 0 R" % len(objects) if info else b""
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, info_ref, xref)
    return out


def text_page(text: str) -> bytes:
    return b"BT /F1 12 Tf 72 700 Td (%s) Tj ET" % text.encode("latin-1")


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


# --- pages and metadata --------------------------------------------------------------------


def test_each_page_keeps_its_number_and_its_own_text():
    extracted = extract(fixture("report-en.pdf"), "report-en.pdf")
    assert extracted.media_type == PDF
    assert [page.number for page in extracted.pages] == [1, 2, 3]
    assert [page.text.split(".")[0] for page in extracted.pages] == ["Page one", "Page two", "Page three"]
    assert not any(page.ocr for page in extracted.pages)
    assert extracted.needs_ocr is False


def test_the_info_dictionary_gives_title_author_and_creation_date():
    extracted = extract(fixture("report-en.pdf"))
    assert extracted.title == "Report on enforced disappearances"
    assert extracted.metadata["author"] == "GIAI test fixtures"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", extracted.metadata["created"])
    assert extracted.metadata["page_count"] == 3


def test_the_catalog_language_is_the_declared_language():
    assert extract(fixture("report-en.pdf")).declared_language == "en"
    assert extract(minimal_pdf(text_page("No language here"))).declared_language is None


def test_pages_of_a_generated_pdf_come_out_in_order():
    extracted = extract(minimal_pdf(text_page("First page text"), text_page("Second page text")))
    assert [(page.number, page.text) for page in extracted.pages] == [(1, "First page text"), (2, "Second page text")]


def test_a_blank_page_between_text_pages_is_kept_empty():
    extracted = extract(minimal_pdf(text_page("Before"), b"", text_page("After the blank page")))
    assert [page.text for page in extracted.pages] == ["Before", "", "After the blank page"]
    assert extracted.needs_ocr is False


def test_a_pdf_that_is_really_html_is_extracted_as_html():
    extracted = extract(b"<!DOCTYPE html><html><body><p>Not a PDF at all</p></body></html>", "report.pdf")
    assert extracted.media_type == "text/html"
    assert extracted.pages[0].text == "Not a PDF at all"


# --- failures ------------------------------------------------------------------------------


def test_an_encrypted_pdf_whose_user_password_is_empty_is_opened():
    extracted = extract(fixture("encrypted-empty-user-password.pdf"))
    assert extracted.pages[0].text.startswith("Page one.")
    assert len(extracted.pages) == 3


def test_an_encrypted_pdf_with_a_password_is_refused_as_encrypted():
    with pytest.raises(ExtractionError) as caught:
        extract(fixture("encrypted-password.pdf"), "secret.pdf")
    assert caught.value.reason == "encrypted"
    assert "password" in str(caught.value)


def test_a_truncated_pdf_is_corrupt():
    with pytest.raises(ExtractionError) as caught:
        extract(fixture("report-en.pdf")[:400], "cut.pdf")
    assert caught.value.reason == "corrupt"


def test_random_bytes_after_a_pdf_header_are_corrupt():
    with pytest.raises(ExtractionError) as caught:
        extract(b"%PDF-1.7\n" + bytes(range(256)) * 8, "noise.pdf")
    assert caught.value.reason == "corrupt"


def test_a_pdf_with_more_pages_than_allowed_is_too_large():
    with pytest.raises(ExtractionError) as caught:
        extract(fixture("report-en.pdf"), max_pages=2)
    assert caught.value.reason == "too_large"
    assert "3 pages" in str(caught.value)


def test_a_pdf_of_drawings_without_text_or_images_is_empty():
    with pytest.raises(ExtractionError) as caught:
        extract(minimal_pdf(b"0 0 m 300 300 l S"))
    assert caught.value.reason == "empty"


def test_a_pdf_without_pages_is_empty():
    with pytest.raises(ExtractionError) as caught:
        extract(minimal_pdf())
    assert caught.value.reason == "empty"


# --- Arabic from a word processor ------------------------------------------------------------

ARABIC_SOURCE = (FIXTURES / "arabic-source.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("font", ["naskh", "sans", "kufi", "dejavu"])
def test_arabic_exported_by_libreoffice_comes_out_in_reading_order(font):
    text = extract(fixture(f"arabic-{font}.pdf")).pages[0].text
    assert words(text) == words(ARABIC_SOURCE)


@pytest.mark.parametrize("font", ["naskh", "sans", "kufi", "dejavu"])
def test_arabic_ligatures_come_out_as_logical_letters(font):
    text = extract(fixture(f"arabic-{font}.pdf")).pages[0].text
    for word in ("التعذيب", "الاختفاء", "لا", "اللاإنسانية", "إلى"):
        assert word in words(text), word
    assert not PRESENTATION_FORMS.search(text)


def test_justified_arabic_loses_its_kashida_glyphs_not_its_letters():
    # In these fonts LibreOffice maps its elongation glyphs to ";", "/", "L", "9".
    for font in ("naskh", "sans", "kufi", "dejavu"):
        text = extract(fixture(f"arabic-{font}.pdf")).pages[0].text
        assert not re.search(r"[;/L9]", text), font
        assert "أعمال" in text and "المساءلة" in text


def without_harakat(text: str) -> str:
    return re.sub("[\u064b-\u065f\u0670]", "", text)


def test_mixed_arabic_latin_and_numbers_read_as_typed():
    # Harakat aside: PDFBox puts a mark on the letter under it, which may be the next one (وثقّت
    # for وثّقت); the search folds marks away, readers see the same word.
    expected = (FIXTURES / "arabic-mixed-source.txt").read_text(encoding="utf-8").splitlines()
    lines = extract(fixture("arabic-mixed.pdf")).pages[0].text.splitlines()
    assert [without_harakat(line) for line in lines] == [without_harakat(line) for line in expected]


def test_numbers_in_arabic_keep_their_order_when_a_title_has_kashidas_without_unicode():
    # The bold Naskh title's kashidas have no Unicode mapping, so pdfium's page text is shorter
    # than its char list: boxes read by text position would belong to the wrong glyphs.
    pdf = SAMPLE_CORPUS / "icj-jurists" / "2018-lebanon-anti-torture-law-65-2017-analysis-ar.pdf"
    lines = extract(pdf.read_bytes(), pdf.name).pages[0].text.splitlines()
    assert lines[0] == "لبنان: قانون معاقبة التعذيب رقم 65/2017 بين"
    assert lines[1] == "الالتزامات الدولية والتطبيق"
    assert "أكتوبر 2018" in lines[2]


def test_cyrillic_and_latin_pdf_text_is_untouched_by_the_right_to_left_layout():
    text = extract(fixture("mixed-ru-en.pdf")).pages[0].text
    assert "Action plan for the implementation of the recommendations of the Committee" in text
    assert text.startswith("Доклад о пытках и насильственных исчезновениях")


# --- text normalisation ----------------------------------------------------------------------


def test_presentation_forms_become_the_letters_they_show():
    assert normalise_text("\ufedf\ufefb \ufb01nal") == "للا final"
    assert normalise_text("\ufefb") == unicodedata.normalize("NFKC", "\ufefb") == "لا"


def test_a_hyphen_pdfium_marked_at_a_line_end_is_a_hyphen_the_page_decides_about():
    assert normalise_text("disap\ufffe\r\npearance of persons") == "disap-\npearance of persons"


def test_bidi_controls_and_control_characters_are_dropped():
    assert normalise_text("\u202bنص\u202c and\x06 text\x02  \r\nnext") == "نص and text\nnext"


@pytest.mark.parametrize(
    "value, iso",
    [
        ("D:20231105143000+01'00'", "2023-11-05T14:30:00+01:00"),
        ("D:20231105143000Z", "2023-11-05T14:30:00+00:00"),
        ("D:20231105", "2023-11-05T00:00:00"),
        ("D:2023", "2023-01-01T00:00:00"),
        ("20230230", None),
        ("yesterday", None),
        ("", None),
    ],
)
def test_pdf_dates_become_iso_8601(value, iso):
    assert pdf_date(value) == iso


def test_a_declared_title_is_only_tidied_by_the_extractor():
    assert clean_title("  Report on\n torture ") == "Report on torture"
    assert clean_title("") is None and clean_title(None) is None


def test_language_tags_reduce_to_their_iso_639_1_code():
    assert language_from_tag("ar-SA") == "ar"
    assert language_from_tag("FR_fr") == "fr"
    assert language_from_tag("x-none") is None
    assert language_from_tag("") is None


def test_symbol_font_bullets_become_bullets_and_other_private_use_symbols_go():
    assert normalise_text("\uf0b7 Document facts \ue001") == "• Document facts"
