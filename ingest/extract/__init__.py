"""Extract: the bytes of a file in, its text out, page by page.

    extracted = extract(data, "report.pdf")
    extracted.pages[0].number, extracted.pages[0].text

The type comes from the content (`sniff_media_type`); each format family has its module (`pdf`,
`html`, `docx`, `text`; `ocr` for scanned pages, `pdfbox` for the PDF pages pdfium reads wrong). Anything a
file does wrong ends as one ExtractionError with a `reason` and a readable sentence; no other
exception escapes for a bad file.
"""

from __future__ import annotations

from .docx import extract_docx
from .errors import REASONS, ExtractionError
from .heading import pdf_heading
from .html import extract_html
from .pdf import extract_pdf
from .pdfbox import PdfWorkerUnavailable
from .result import Extracted, Page
from .sniff import DOCX, HTML, MEDIA_TYPES, PDF, TEXT, _name, sniff_media_type
from .text import extract_text

__all__ = [
    "DOCX", "HTML", "MEDIA_TYPES", "PDF", "REASONS", "TEXT",
    "Extracted", "ExtractionError", "Page", "PdfWorkerUnavailable", "extract", "first_heading", "sniff_media_type",
]

DEFAULT_OCR_LANGUAGES = "eng+fra+rus+spa+ara"
DEFAULT_OCR_PAGE_LIMIT = 25


def extract(
    data: bytes,
    filename: str = "",
    *,
    ocr_languages: str | None = DEFAULT_OCR_LANGUAGES,
    max_pages: int = 5000,
    ocr_page_limit: int = DEFAULT_OCR_PAGE_LIMIT,
) -> Extracted:
    """The text of the file in `data`; `filename` only words error messages.

    `ocr_languages` are Tesseract's codes joined by "+" (None: no OCR, image-only pages are left
    empty and `needs_ocr` is set); `max_pages` refuses longer PDFs ("too_large");
    `ocr_page_limit` caps the pages recognised per file (~1–4 s each), the rest set `needs_ocr`.
    Raises ExtractionError (see errors.REASONS) and nothing else for a bad file;
    PdfWorkerUnavailable when PDFBox's JVM cannot run on this machine.
    """
    media_type = sniff_media_type(data, filename)
    try:
        if media_type == PDF:
            return extract_pdf(data, ocr_languages=ocr_languages, max_pages=max_pages, ocr_page_limit=ocr_page_limit)
        if media_type == HTML:
            return extract_html(data)
        if media_type == DOCX:
            return extract_docx(data)
        return extract_text(data)
    except (ExtractionError, PdfWorkerUnavailable):  # the second is the machine's fault, not the file's
        raise
    except (MemoryError, RecursionError) as exc:
        raise ExtractionError("too_large", f"{_name(filename)} is too large or too deeply nested to extract.") from exc
    except Exception as exc:  # a library's own error on a malformed file: say so, never crash the run
        raise ExtractionError("corrupt", f"{_name(filename)} could not be read ({type(exc).__name__}: {exc}).") from exc


def first_heading(extracted: Extracted, data: bytes) -> str | None:
    """The document's first heading: what extraction found, else, for a PDF, its largest lines at
    the top of its first page, measured in `data` (about a page's extraction: ask only when
    needed)."""
    if extracted.heading or extracted.media_type != PDF:
        return extracted.heading
    return pdf_heading(data, extracted.pages[0].text if extracted.pages else "")
