"""Every PDF of the real-world corpus (tests/data/realworld-pdfs) either yields text or fails with a clear reason.

The corpus (pdfminer.six's sample files, see its README) collects PDFs that broke other extractors:
damaged cross-reference tables, exotic encodings and CMaps, JBIG2 and TIFF-predictor images,
every encryption scheme. No exception but ExtractionError may escape for any of them.
"""

from pathlib import Path

import pytest

from ingest.extract import REASONS, ExtractionError, extract

pytestmark = pytest.mark.slow  # reads real-world PDFs, some through the JVM


CORPUS = Path(__file__).parents[1] / "data" / "realworld-pdfs"
PDFS = sorted(CORPUS.glob("*.pdf"))


def test_the_real_world_corpus_is_there():
    assert len(PDFS) >= 40, f"expected the real-world PDFs in {CORPUS}"


@pytest.mark.parametrize("path", PDFS, ids=[path.name for path in PDFS])
def test_a_real_world_pdf_yields_text_or_a_reasoned_failure(path):
    try:
        extracted = extract(path.read_bytes(), path.name, ocr_languages="eng")
    except ExtractionError as error:
        assert error.reason in REASONS
        assert str(error).endswith(".") and len(str(error)) > 20
        return
    assert any(page.text.strip() for page in extracted.pages)
    assert [page.number for page in extracted.pages] == list(range(1, len(extracted.pages) + 1))


@pytest.mark.parametrize("name", ["encryption_aes-256-r6.pdf", "encryption_rc4-40.pdf", "encryption_aes-128-m.pdf"])
def test_real_world_pdfs_with_a_user_password_are_encrypted(name):
    with pytest.raises(ExtractionError) as caught:
        extract((CORPUS / name).read_bytes(), name)
    assert caught.value.reason == "encrypted"


def test_a_real_world_pdf_encrypted_with_an_empty_user_password_is_read():
    extracted = extract((CORPUS / "encryption_encrypted_doc_no_id.pdf").read_bytes(), ocr_languages="eng")
    assert any(page.text.strip() for page in extracted.pages)
