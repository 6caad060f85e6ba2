"""What extraction returns: the text of a file page by page, with what the file says about itself."""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Page:
    """One page of text. `number` is 1-based (a PDF's physical page; 1 for formats without pages);
    `ocr` is True when the text was recognised from the page's image."""

    number: int
    text: str
    ocr: bool = False


@dataclass(frozen=True)
class Extracted:
    """The text of one file.

    `media_type` is the type found by content; `pages` keeps every page, empty ones included, in
    order; `title` is what the file declares (None when it declares nothing), `heading` its first
    heading where reading it costs nothing (an HTML <h1>, a Word Title or Heading paragraph, a
    text's first paragraph when short; a PDF's is measured on demand: `first_heading`); `metadata`
    holds JSON-ready values the file declares (author, dates as ISO 8601 strings, …) and notes on
    what could not be done; `needs_ocr` is True when some page is image-only and was not
    recognised (no Tesseract, OCR switched off, or over the OCR page limit); `declared_language` is
    the ISO 639-1 code the file declares, a hint for language detection rather than a fact.
    """

    media_type: str
    pages: tuple[Page, ...]
    title: str | None
    metadata: dict = field(default_factory=dict)
    needs_ocr: bool = False
    declared_language: str | None = None
    heading: str | None = None


_LANGUAGE_TAG = re.compile(r"^\s*([A-Za-z]{2})(?:[-_][A-Za-z0-9]{1,8})*\s*$")


def language_from_tag(tag: str | None) -> str | None:
    """The ISO 639-1 primary subtag of a BCP 47 / xml:lang / Word tag, lower case ("ar-SA" → "ar");
    None for empty, malformed, three-letter or private tags ("und", "x-none")."""
    if not tag:
        return None
    match = _LANGUAGE_TAG.match(tag)
    if not match:
        return None
    return match.group(1).lower()
