"""Text of a PDF, page by page: pypdfium2 for upright left-to-right pages, Apache PDFBox for the
pages pdfium reads wrong, Tesseract for image-only pages.

Why two extractors (measured with benchmarks/extraction.py on the same texts printed by
LibreOffice, Chromium and WeasyPrint): pypdfium2 reads ~400 dense pages/s in-process and gets
upright Latin and Cyrillic text right from every producer, but not right-to-left text (spaces
lost, words and columns out of order: word recall 0.49–0.83 on Arabic), nor pages turned by
/Rotate or drawn with a rotated text matrix (lines reversed or cut into letters). PDFBox, with our
column-aware reading order (pdf-worker/), reads all of those right (recall 1.000) but costs a
JVM round trip: so a page goes to PDFBox only when pdfium's text shows right-to-left letters, the
page is turned, or a sample of its characters is rotated. pdfplumber returns visual order for
Arabic; pdftotext and PyMuPDF lose words of justified Arabic (0.83–0.97).
"""

from __future__ import annotations

import ctypes
import io
import math
import re
import unicodedata
from datetime import datetime, timedelta, timezone

import pypdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ingest.title import clean_title

from . import ocr, pdfbox
from .errors import ExtractionError
from .hyphenation import join_hyphenated
from .result import Extracted, Page, language_from_tag
from .sniff import PDF

OCR_DPI = 300  # Tesseract's accuracy drops below ~250 dpi; more only costs time
_OCR_MAX_PIXELS = 12_000_000  # a poster-sized page is rendered smaller rather than at 300 dpi
_OCR_TIMEOUT_S = 120.0
_MIN_TEXT_CHARACTERS = 3  # fewer letters and digits than this (a stamped page number) is no text layer
_MIN_SCAN_AREA = 0.1  # an image covering less of the page is a logo, not a scan
_INFO_KEYS = {"Title": "title", "Author": "author", "Subject": "subject", "Keywords": "keywords",
              "Creator": "creator", "Producer": "producer"}
_DATE_KEYS = {"CreationDate": "created", "ModDate": "modified"}
_RTL_LETTERS = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_ANGLE_SAMPLES = 16  # characters whose rotation is looked at on a page (a few µs each)


def extract_pdf(data: bytes, *, ocr_languages: str | None, max_pages: int, ocr_page_limit: int) -> Extracted:
    """Every page's text of the PDF in `data`, 1-based page numbers kept.

    Pages without a text layer that hold a scan are recognised with Tesseract in
    `ocr_languages` (at most `ocr_page_limit` of them); the others stay empty and set
    `needs_ocr`. Raises ExtractionError: "encrypted" (a user password other than the empty one),
    "corrupt", "too_large" (more than `max_pages` pages), "empty" (no text and nothing to OCR).
    """
    document = _open(data)
    try:
        page_count = len(document)
        if page_count == 0:
            raise ExtractionError("empty", "The PDF has no pages.")
        if page_count > max_pages:
            raise ExtractionError("too_large", f"The PDF has {page_count} pages, more than the limit of {max_pages}.")
        return _extract_pages(document, data, page_count, ocr_languages, ocr_page_limit)
    finally:
        document.close()


def _open(data: bytes) -> pdfium.PdfDocument:
    try:
        # pdfium tries the empty user password by itself: owner-password-only files open.
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        # pdfium's error code is its process-wide last error, which not every failure resets
        # (a file without pages after an encrypted one reports "password"): a password error
        # counts only for a file that has an /Encrypt entry.
        code = getattr(exc, "err_code", None)
        if code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY) and b"/Encrypt" in data:
            if code == pdfium_c.FPDF_ERR_SECURITY:
                raise ExtractionError("encrypted", "The PDF is protected by a security handler we cannot open.") from exc
            raise ExtractionError("encrypted", "The PDF is encrypted with a password we do not have.") from exc
        if _has_no_pages(data):
            raise ExtractionError("empty", "The PDF has no pages.") from exc
        raise ExtractionError("corrupt", "The PDF cannot be read: its structure is damaged.") from exc


def _has_no_pages(data: bytes) -> bool:
    """True for a well-formed PDF whose page tree is empty (pdfium refuses to open those)."""
    try:
        return len(pypdf.PdfReader(io.BytesIO(data), strict=False).pages) == 0
    except Exception:  # pypdf's many error types all mean the same here: not a well-formed file
        return False


def _extract_pages(document: pdfium.PdfDocument, data: bytes, page_count: int, ocr_languages: str | None,
                   ocr_page_limit: int) -> Extracted:
    languages = ocr.usable_languages(ocr_languages)
    pages: list[Page] = []
    notes: dict[str, list] = {}
    needs_ocr = False
    ocr_done = 0
    laid_out: list[int] = []  # pages PDFBox reads instead of pdfium
    for number in range(1, page_count + 1):
        try:
            page = document[number - 1]
        except pdfium.PdfiumError:
            notes.setdefault("unreadable_pages", []).append(number)
            pages.append(Page(number, ""))
            continue
        try:
            text, needs_layout = _pdfium_text(page)
            if needs_layout and _has_text(text):
                laid_out.append(number)
                pages.append(Page(number, text))
            elif _has_text(text) or not _looks_scanned(page):
                pages.append(Page(number, text))
            elif languages is None or ocr_done >= ocr_page_limit:
                needs_ocr = True
                pages.append(Page(number, text))
            else:
                ocr_done += 1
                try:
                    pages.append(Page(number, _recognise(page, languages), ocr=True))
                except ocr.OcrFailed as exc:
                    needs_ocr = True
                    notes.setdefault("ocr_failures", []).append(f"page {number}: {exc}")
                    pages.append(Page(number, text))
        finally:
            page.close()
    if laid_out:
        texts = pdfbox.page_texts(data, laid_out)
        pages = [Page(p.number, normalise_text(texts[p.number])) if p.number in texts else p for p in pages]
    pages = [Page(p.number, join_hyphenated(p.text, _language_of), p.ocr) for p in pages]
    if not needs_ocr and not any(p.text.strip() for p in pages):
        if ocr_done:
            raise ExtractionError("empty", f"The PDF's {page_count} page(s) hold no text, and OCR found none in their images.")
        raise ExtractionError("empty", f"The PDF's {page_count} page(s) hold no text and no scanned image.")
    metadata = {**_info(document), **notes, "page_count": page_count}
    if ocr_done:
        metadata["ocr_pages"] = ocr_done
    return Extracted(
        media_type=PDF,
        pages=tuple(pages),
        title=clean_title(metadata.get("title")),
        metadata=metadata,
        needs_ocr=needs_ocr,
        declared_language=language_from_tag(_catalog_language(document)),
    )


def _pdfium_text(page: pdfium.PdfPage) -> tuple[str, bool]:
    """pdfium's text of one page, normalised, and whether the page needs PDFBox's layout: it
    has right-to-left letters, is turned by /Rotate, or draws rotated text."""
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        needs_layout = bool(_RTL_LETTERS.search(text)) or page.get_rotation() % 360 != 0 or _draws_rotated_text(textpage)
    finally:
        textpage.close()
    return normalise_text(text), needs_layout


def _draws_rotated_text(textpage: pdfium.PdfTextPage) -> bool:
    count = textpage.count_chars()
    for index in range(0, count, max(1, count // _ANGLE_SAMPLES)):
        angle = pdfium_c.FPDFText_GetCharAngle(textpage.raw, index)  # radians, -1 when unknown
        if 0.01 < angle < 2 * math.pi - 0.01:
            return True
    return False


def _language_of(text: str) -> str | None:
    from ingest.language import detect_languages

    return detect_languages([text]).primary


_PRESENTATION_FORMS = re.compile("[\ufb00-\ufdff\ufe70-\ufeff]+")
_SYMBOL_BULLETS = re.compile("[\uf0a7\uf0b7\uf076\uf0d8\uf0fc]")  # Symbol and Wingdings bullets of Word lists
# Bidi controls, control characters, and the private-use code points symbol fonts map their
# icons to (no text a reader could search for).
_INVISIBLE = re.compile("[\u0000-\u0008\u000b-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\ue000-\uf8ff]")


def normalise_text(text: str) -> str:
    """A page's text made plain: "\\n" line ends; the line-end hyphen pdfium marks (U+FFFE) as
    "-" (`join_hyphenated` decides whether it breaks a word); presentation forms (Arabic
    contextual letters, "ﬁ") as the letters they show (NFKC); list bullets of symbol fonts as
    "•"; bidi controls, control characters and other private-use symbols dropped; runs of
    spaces (justified lines) as one; lines right-trimmed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufffe", "-")
    text = _PRESENTATION_FORMS.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    text = _INVISIBLE.sub("", _SYMBOL_BULLETS.sub("•", text))
    text = re.sub(r"[ \t]{2,}", " ", text)
    return re.sub(r"[ \t]+\n", "\n", text).strip()


def _has_text(text: str) -> bool:
    count = 0
    for char in text:  # stops at the few it needs: a page's text is thousands of characters
        if char.isalnum():
            count += 1
            if count >= _MIN_TEXT_CHARACTERS:
                return True
    return False


def _looks_scanned(page: pdfium.PdfPage) -> bool:
    """True when the page shows an image covering a fair part of it (a scan or a photographed
    page), as opposed to a blank or purely drawn page."""
    width, height = page.get_size()
    area = max(width * height, 1.0)
    for image in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=3):
        left, bottom, right, top = image.get_bounds()
        if (right - left) * (top - bottom) >= _MIN_SCAN_AREA * area:
            return True
    return False


def _recognise(page: pdfium.PdfPage, languages: str) -> str:
    width, height = page.get_size()
    scale = min(OCR_DPI / 72, math.sqrt(_OCR_MAX_PIXELS / max(width * height, 1.0)))
    bitmap = page.render(scale=scale, grayscale=True)
    dpi = round(scale * 72)
    try:
        image = bitmap.to_pil()
        languages = ocr.languages_for_script(languages, ocr.detect_script(image, dpi))
        text = ocr.recognise(image, languages, dpi=dpi, timeout_s=_OCR_TIMEOUT_S)
    finally:
        bitmap.close()
    return re.sub(r"\n{3,}", "\n\n", normalise_text(text))


def _info(document: pdfium.PdfDocument) -> dict:
    """The PDF's Info dictionary as JSON-ready metadata: text fields and ISO 8601 dates."""
    try:
        info = document.get_metadata_dict(skip_empty=True)
    except pdfium.PdfiumError:
        return {}
    metadata: dict = {}
    for key, name in _INFO_KEYS.items():
        value = " ".join(str(info.get(key, "")).split())
        if value:
            metadata[name] = value
    for key, name in _DATE_KEYS.items():
        date = pdf_date(info.get(key, ""))
        if date:
            metadata[name] = date
    return metadata


_PDF_DATE = re.compile(
    r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?\s*(?:([Zz])|([+-])(\d{2})'?(\d{2})?'?)?"
)


def pdf_date(value: str) -> str | None:
    """A PDF date ("D:20231105143000+01'00'") as ISO 8601 ("2023-11-05T14:30:00+01:00"); a
    date without time zone stays naive; None for missing or impossible dates."""
    match = _PDF_DATE.match(value.strip()) if value else None
    if not match:
        return None
    year, month, day, hour, minute, second, zulu, sign, tz_hours, tz_minutes = match.groups()
    try:
        moment = datetime(int(year), int(month or 1), int(day or 1), int(hour or 0), int(minute or 0), int(second or 0))
        if zulu:
            moment = moment.replace(tzinfo=timezone.utc)
        elif sign:
            offset = timedelta(hours=int(tz_hours), minutes=int(tz_minutes or 0))
            moment = moment.replace(tzinfo=timezone(offset if sign == "+" else -offset))
    except ValueError:
        return None
    return moment.isoformat()


def _catalog_language(document: pdfium.PdfDocument) -> str | None:
    """The document's /Lang entry (what Word and LibreOffice write: "ar-SA", "en-GB")."""
    size = pdfium_c.FPDFCatalog_GetLanguage(document.raw, None, 0)
    if size <= 2:
        return None
    buffer = (ctypes.c_ushort * (size // 2))()
    pdfium_c.FPDFCatalog_GetLanguage(document.raw, buffer, size)
    return bytes(buffer).decode("utf-16-le", errors="ignore").rstrip("\x00") or None
