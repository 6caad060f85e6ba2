"""The type of a file comes from its bytes; its name only words the error."""

import io
import os
import pickle
import zipfile

import docx
import pytest

from ingest.extract import DOCX, HTML, PDF, TEXT, ExtractionError, extract, sniff_media_type


def docx_bytes(*paragraphs: str) -> bytes:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def zip_bytes(members: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def failure(data: bytes, filename: str = "") -> ExtractionError:
    with pytest.raises(ExtractionError) as caught:
        sniff_media_type(data, filename)
    return caught.value


def test_a_pdf_is_known_by_its_header():
    assert sniff_media_type(b"%PDF-1.7\n...", "whatever.bin") == PDF


def test_a_pdf_header_after_some_junk_still_counts():
    assert sniff_media_type(b"\r\n\r\nJUNK%PDF-1.4\n...") == PDF


@pytest.mark.parametrize(
    "markup",
    [
        b"<!DOCTYPE html><html><body>x</body></html>",
        b"\xef\xbb\xbf<html lang='fr'><p>x</p></html>",
        b"<?xml version='1.0'?>\n<html xmlns='http://www.w3.org/1999/xhtml'><body>x</body></html>",
        b"  <!-- saved page -->\n<HEAD><TITLE>x</TITLE></HEAD>",
        "<html><body>ü</body></html>".encode("utf-16"),
    ],
)
def test_html_is_known_by_its_markup(markup):
    assert sniff_media_type(markup, "report.pdf") == HTML


def test_a_docx_is_a_zip_with_a_word_document_inside():
    assert sniff_media_type(docx_bytes("Hello"), "report.txt") == DOCX


def test_a_docx_that_is_really_plain_text_is_text():
    assert sniff_media_type("Rapport sur la torture\n".encode(), "report.docx") == TEXT
    assert extract("Rapport sur la torture\n".encode(), "report.docx").pages[0].text == "Rapport sur la torture"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "cp1251", "cp1252"])
def test_plain_text_is_text_in_any_usual_encoding(encoding):
    text = "Доклад о пытках" if encoding == "cp1251" else "Rapport sur la torture et les disparitions forcées"
    assert sniff_media_type(text.encode(encoding) * 5) == TEXT


@pytest.mark.parametrize(
    "data, kind",
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(64), "PNG image"),
        (b"\xff\xd8\xff\xe0" + bytes(64), "JPEG image"),
        (b"MZ\x90\x00\x03" + bytes(64), "Windows executable"),
        (b"\x7fELF\x02\x01\x01" + bytes(64), "ELF executable"),
        (b"GIF89a" + bytes(16), "GIF image"),
    ],
)
def test_images_and_executables_are_unsupported_and_named(data, kind):
    error = failure(data, "scan.pdf")
    assert error.reason == "unsupported"
    assert kind in str(error)


def test_a_zip_that_is_not_a_word_document_is_unsupported():
    error = failure(zip_bytes({"readme.txt": "hello"}), "bundle.zip")
    assert error.reason == "unsupported"
    assert "zip archive" in str(error)


def test_an_excel_workbook_is_unsupported_and_named():
    assert "Excel" in str(failure(zip_bytes({"xl/workbook.xml": "<workbook/>"}), "data.xlsx"))


def test_an_old_binary_word_file_is_unsupported_with_advice():
    error = failure(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "old.doc")
    assert error.reason == "unsupported"
    assert ".docx" in str(error)


def test_a_password_protected_office_file_is_encrypted():
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100) + "EncryptionInfo".encode("utf-16-le") + bytes(100)
    assert failure(data, "locked.docx").reason == "encrypted"


def test_random_bytes_named_like_a_pdf_are_corrupt():
    error = failure(os.urandom(4096) + bytes(8), "report.pdf")
    assert error.reason == "corrupt"
    assert "'report.pdf'" in str(error)


def test_random_bytes_with_an_unknown_name_are_unsupported():
    assert failure(os.urandom(4096) + bytes(8), "blob.bin").reason == "unsupported"


def test_an_empty_file_is_empty():
    assert failure(b"", "nothing.pdf").reason == "empty"


def test_text_starting_like_a_two_letter_magic_number_is_still_text():
    assert sniff_media_type(b"BMW and MZ are mentioned in this plain text report.\n" * 3) == TEXT


def test_an_extraction_error_crosses_process_boundaries_with_its_reason():
    error = pickle.loads(pickle.dumps(ExtractionError("encrypted", "The PDF is encrypted.")))
    assert (error.reason, str(error)) == ("encrypted", "The PDF is encrypted.")
