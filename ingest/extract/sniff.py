"""The type of a file from its bytes, never from its name.

A publisher's file name says `.pdf` for an HTML error page, `.docx` for a renamed text file; only
the content decides. The name is used for one thing: wording the error when the content is
unreadable (a `.pdf` of random bytes is a corrupt PDF, a `.bin` is just unsupported).
"""

from __future__ import annotations

import io
import re
import zipfile

from charset_normalizer import from_bytes

from .errors import ExtractionError

PDF = "application/pdf"
HTML = "text/html"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TEXT = "text/plain"
MEDIA_TYPES = (PDF, HTML, DOCX, TEXT)

# Formats people put next to documents that we recognise only to name them in the error.
_KNOWN_BINARIES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"BM", "a BMP image"),  # two-letter magics count only with binary bytes after them
    (b"MZ", "a Windows executable"),
    (b"\x7fELF", "an ELF executable"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"%!PS", "a PostScript file"),
    (b"{\\rtf", "an RTF document"),
)
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old Office files, and encrypted new ones
_PDF_HEADER_WINDOW = 1024  # readers accept junk before %PDF- within the first kilobyte
_TEXT_SAMPLE = 65536
_HTML_START = re.compile(
    rb"^(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|title|meta)[\s>]",
    re.IGNORECASE | re.DOTALL,
)
_HTML_ANYWHERE = re.compile(rb"<(?:html|body)[\s>]", re.IGNORECASE)
_OUR_EXTENSIONS = re.compile(r"\.(?:pdf|docx|html?|xhtml|txt|text|md)$", re.IGNORECASE)


def sniff_media_type(data: bytes, filename: str = "") -> str:
    """The media type of `data`, one of MEDIA_TYPES, decided by content.

    Raises ExtractionError: "empty" for no bytes; "encrypted" for a password-protected Office file;
    "unsupported" for other formats (images, archives, executables, old .doc, …); "corrupt" for
    unrecognisable binary whose name claims a format we read.
    """
    if not data:
        raise ExtractionError("empty", _name(filename) + " is an empty file (0 bytes).")
    head = data[:_PDF_HEADER_WINDOW]
    if b"%PDF-" in head:
        return PDF
    if data.startswith(b"PK\x03\x04"):
        return _sniff_zip(data, filename)
    if data.startswith(_OLE2):
        raise _ole2_error(data, filename)
    for magic, kind in _KNOWN_BINARIES:
        if data.startswith(magic) and (len(magic) > 2 or b"\x00" in data[:64]):
            raise ExtractionError("unsupported", f"{_name(filename)} is {kind}, not a document with text.")
    if data[8:12] == b"WEBP" and data.startswith(b"RIFF"):
        raise ExtractionError("unsupported", f"{_name(filename)} is a WebP image, not a document with text.")
    text_head = _as_ascii_view(data[:4096])
    if _HTML_START.match(text_head.lstrip()) or _HTML_ANYWHERE.search(text_head):
        return HTML
    if _looks_like_text(data[:_TEXT_SAMPLE]):
        return TEXT
    if _OUR_EXTENSIONS.search(filename):
        raise ExtractionError(
            "corrupt", f"{_name(filename)} is named like a document we read, but its content is unreadable binary data."
        )
    raise ExtractionError("unsupported", f"{_name(filename)} is binary data of a format we do not read.")


def _sniff_zip(data: bytes, filename: str) -> str:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        if filename.lower().endswith(".docx"):
            raise ExtractionError("corrupt", f"{_name(filename)} is a damaged Word document (broken zip: {exc}).") from exc
        raise ExtractionError("unsupported", f"{_name(filename)} is a damaged zip archive.") from exc
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        kind = "an Excel workbook"
    elif "ppt/presentation.xml" in names:
        kind = "a PowerPoint presentation"
    elif "content.xml" in names and "mimetype" in names:
        kind = "an OpenDocument file"
    else:
        kind = "a zip archive"
    raise ExtractionError("unsupported", f"{_name(filename)} is {kind}, which we do not extract.")


def _ole2_error(data: bytes, filename: str) -> ExtractionError:
    # A password-protected .docx/.xlsx is an OLE2 container holding an "EncryptionInfo" stream
    # (its directory entry name is stored in UTF-16).
    if "EncryptionInfo".encode("utf-16-le") in data[:1_000_000]:
        return ExtractionError("encrypted", f"{_name(filename)} is a password-protected Office document.")
    return ExtractionError(
        "unsupported", f"{_name(filename)} is an old binary Office file (.doc/.xls/.ppt); save it as .docx or PDF."
    )


def _as_ascii_view(head: bytes) -> bytes:
    """The start of the file with UTF-16 and BOMs undone, so the HTML test reads markup bytes."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="ignore").encode("ascii", errors="ignore")
    return head.removeprefix(b"\xef\xbb\xbf")


def _looks_like_text(sample: bytes) -> bool:
    if sample.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return True
    if b"\x00" in sample:
        return False
    return from_bytes(sample).best() is not None


def _name(filename: str) -> str:
    return f"'{filename}'" if filename else "The file"
